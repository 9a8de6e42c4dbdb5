import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classArchiveFile } from '../../../server/src/db/embedded/class-archive.ts';
import { ensureLauncherBuilt, freePort, startEmbedded, stopEmbedded, type EmbeddedOptions } from '../../../server/src/db/embedded/index.ts';
import { resolveJava } from '../../../server/src/db/embedded/java.ts';
import { launcherPaths } from '../../../server/src/db/embedded/options.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const warnings: string[] = [];
const log = { info() {}, warn: (o: object | string, m?: string) => { warnings.push(m ?? String(o)); }, error() {}, debug() {} };
const MIN5 = 300_000;

/** A checkout whose neo4j/target links the real build's jars but has a class-data directory of its own. */
function checkoutBeside(root: string): string {
  const real = launcherPaths({ repoRoot: REPO, home: root } as EmbeddedOptions);
  const copy = launcherPaths({ repoRoot: root, home: root } as EmbeddedOptions);
  cpSync(path.join(real.project, 'pom.xml'), path.join(copy.project, 'pom.xml'));
  cpSync(path.join(real.project, 'src'), path.join(copy.project, 'src'), { recursive: true });
  mkdirSync(copy.target, { recursive: true });
  for (const k of ['jar', 'lib', 'plugins'] as const) symlinkSync(real[k], copy[k]);
  cpSync(real.stamp, copy.stamp);
  return root;
}

describe('class-data archive the JVM cannot map (real Neo4j, slow)', () => {
  let tmp: string;
  let o: EmbeddedOptions;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-cds-'));
    const real = testEmbeddedOptions({ repoRoot: REPO, home: path.join(tmp, 'unused'), boltPort: 0, passwordFile: path.join(tmp, 'unused-password'), log });
    await ensureLauncherBuilt(real);
    o = { ...real, repoRoot: checkoutBeside(path.join(tmp, 'repo')), home: path.join(tmp, 'neo4j'), boltPort: await freePort(), passwordFile: path.join(tmp, 'password') };
    // The first megabyte of a real archive: its header names regions past the end of the file,
    // which kills the JVM with SIGBUS as it maps them (JDK 17), as a half-written dump would.
    const java = await resolveJava(o);
    const whole = classArchiveFile(real, java);
    const file = classArchiveFile(o, java);
    mkdirSync(path.dirname(file), { recursive: true });
    const buf = Buffer.alloc(1 << 20);
    const fd = openSync(whole, 'r');
    readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    writeFileSync(file, buf);
  }, MIN5);

  afterAll(async () => {
    if (o) await stopEmbedded(o).catch(() => false);
    rmSync(tmp, { recursive: true, force: true });
  }, MIN5);

  it('starts without it, says so, and sets it aside for later starts', async () => {
    const java = await resolveJava(o);
    const file = classArchiveFile(o, java);
    const r = await startEmbedded(o, 'detached');
    const driver = neo4j.driver(r.uri, neo4j.auth.basic('neo4j', r.password));
    try {
      const res = await driver.executeQuery('RETURN 1 AS one', {}, { database: 'neo4j' });
      expect(res.records[0].get('one').toNumber()).toBe(1);
    } finally {
      await driver.close();
    }
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.failed`, 'utf8')).toMatch(/^a start with it failed: Embedded Neo4j failed to start/);
    expect(warnings.some((w) => w.startsWith('A start with the class-data archive failed; starting without it'))).toBe(true);
    // The failed start's log is kept beside the new one; its crash report is in Neo4j's logs.
    expect(readFileSync(path.join(o.home, 'launcher.log.1'), 'utf8')).toMatch(/SIGBUS|fatal error/);
    expect(readdirSync(path.join(o.home, 'logs')).some((f) => f.startsWith('hs_err_pid'))).toBe(true);
  }, MIN5);
});
