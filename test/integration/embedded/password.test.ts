import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePassword, type EmbeddedOptions } from '../../../server/src/db/embedded/index.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';


describe('resolvePassword', () => {
  let tmp: string;
  const opts = (over: Partial<EmbeddedOptions>): EmbeddedOptions =>
    testEmbeddedOptions({ repoRoot: tmp, home: path.join(tmp, 'neo4j'), passwordFile: path.join(tmp, 'a', 'b', 'neo4j-password'), ...over });
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-pw-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('returns the explicit password and writes no file', async () => {
    const o = opts({ password: 'given-secret' });
    expect(await resolvePassword(o)).toBe('given-secret');
    expect(() => statSync(o.passwordFile)).toThrow(/ENOENT/);
  });

  it('reads the stored password without its trailing newline', async () => {
    const file = path.join(tmp, 'pw');
    writeFileSync(file, 'stored-secret\n');
    expect(await resolvePassword(opts({ passwordFile: file }))).toBe('stored-secret');
  });

  it('generates 24 random bytes as base64url into a 0600 file, creating parent directories', async () => {
    const o = opts({});
    const pw = await resolvePassword(o);
    expect(pw).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readFileSync(o.passwordFile, 'utf8')).toBe(pw + '\n');
    expect(statSync(o.passwordFile).mode & 0o777).toBe(0o600);
    expect(await resolvePassword(o)).toBe(pw);
  });

  it('replaces an empty password file with a generated password', async () => {
    const file = path.join(tmp, 'empty');
    writeFileSync(file, '  \n', { mode: 0o644 });
    const pw = await resolvePassword(opts({ passwordFile: file }));
    expect(pw).toHaveLength(32);
    expect(readFileSync(file, 'utf8')).toBe(pw + '\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
