// Issue 16, finding 11a: two starts of the same store at the same instant give one server.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startEmbedded, stopEmbedded, type EmbeddedOptions } from '../../../server/src/db/embedded/index.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
let o: EmbeddedOptions | undefined;
let tmp: string | undefined;

afterAll(async () => {
  if (o) await stopEmbedded(o).catch(() => undefined);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe('embedded start race (real Neo4j, slow)', () => {
  it('starts one launcher when two starts race on the same store', async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-race-'));
    o = testEmbeddedOptions({
      repoRoot: REPO, home: path.join(tmp, 'neo4j'), boltPort: await freePort(), passwordFile: path.join(tmp, 'neo4j-password'),
      // A loaded machine can take minutes to start Neo4j: the verdict must not depend on it.
      startTimeoutMs: 600_000,
    });
    const [a, b] = await Promise.all([startEmbedded(o, 'detached'), startEmbedded(o, 'detached')]);
    expect(a.pid).toBe(b.pid);
    expect([a.alreadyRunning, b.alreadyRunning].sort()).toEqual([false, true]);
    expect(a.password).toBe(b.password);
  }, 900_000);
});
