import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../support/process-alive.ts';
import { embeddedStatus, ensureLauncherBuilt, freePort, stopEmbedded, type EmbeddedOptions } from '../../../server/src/db/embedded/index.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const MIN5 = 300_000;

describe('foreground mode: the launcher dies with its parent (real Neo4j, slow)', () => {
  let tmp: string;
  let o: EmbeddedOptions;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-fg-'));
    o = testEmbeddedOptions({ repoRoot: REPO, home: path.join(tmp, 'neo4j'), boltPort: await freePort(), passwordFile: path.join(tmp, 'pw') });
    await ensureLauncherBuilt(o);
  }, MIN5);
  afterAll(async () => {
    await stopEmbedded(o).catch(() => false);
    rmSync(tmp, { recursive: true, force: true });
  }, MIN5);

  it('SIGKILL of the Node parent closes stdin and the launcher exits', async () => {
    // A separate Node process plays the app: it starts Neo4j in the foreground and then idles.
    const parentScript = path.join(tmp, 'parent.mts');
    writeFileSync(parentScript, [
      `import { startEmbedded } from ${JSON.stringify(path.join(REPO, 'server/src/db/embedded/start.ts'))};`,
      `const log = { info() {}, warn() {}, error() {}, debug() {} };`,
      `const o = ${JSON.stringify({ ...o, log: undefined })};`,
      `const r = await startEmbedded({ ...o, log }, 'foreground');`,
      `console.log(JSON.stringify({ pid: r.pid, uri: r.uri, password: r.password, alreadyRunning: r.alreadyRunning }));`,
      `setInterval(() => {}, 1 << 30);`,
    ].join('\n'));
    const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`parent exited with ${code}`)));
    });
    const started = JSON.parse(line) as { pid: number; uri: string; password: string; alreadyRunning: boolean };
    expect(started.uri).toBe(`bolt://127.0.0.1:${o.boltPort}`);
    expect(started.alreadyRunning).toBe(false);
    expect(readFileSync(path.join(o.home, 'neo4j.pid'), 'utf8').trim()).toBe(String(started.pid));

    const driver = neo4j.driver(started.uri, neo4j.auth.basic('neo4j', started.password));
    try {
      const r = await driver.executeQuery('RETURN 40 + 2 AS n');
      expect(r.records[0].get('n').toNumber()).toBe(42);
    } finally {
      await driver.close();
    }

    parent.kill('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (isAlive(started.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(isAlive(started.pid)).toBe(false);
    // The shutdown hook ran (a clean stop), rather than the JVM just vanishing.
    expect(readFileSync(path.join(o.home, 'logs', 'debug.log'), 'utf8')).toContain('[o.n.g.f.DatabaseManagementServiceFactory] Shutdown started');
    const s = await embeddedStatus(o);
    expect(s.running).toBe(false);
    expect(s.pid).toBeUndefined();
  }, MIN5);
});
