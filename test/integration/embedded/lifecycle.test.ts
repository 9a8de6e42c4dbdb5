import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../support/process-alive.ts';
import {
  embeddedStatus, ensureLauncherBuilt, freePort, isLauncherUpToDate, startEmbedded, stopEmbedded, type EmbeddedOptions,
} from '../../../server/src/db/embedded/index.ts';
import { classArchiveArgs, classArchiveFile } from '../../../server/src/db/embedded/class-archive.ts';
import { resolveJava } from '../../../server/src/db/embedded/java.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const MIN5 = 300_000;

async function query<T>(uri: string, password: string, cypher: string, key: string): Promise<T> {
  const driver: Driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
  try {
    const r = await driver.executeQuery(cypher, {}, { database: 'neo4j' });
    const v = r.records[0].get(key);
    return (neo4j.isInt(v) ? v.toNumber() : v) as T;
  } finally {
    await driver.close();
  }
}

describe('embedded Neo4j lifecycle (real Neo4j, slow)', () => {
  let tmp: string;
  let o: EmbeddedOptions;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-embedded-'));
    o = testEmbeddedOptions({ repoRoot: REPO, home: path.join(tmp, 'neo4j'), boltPort: await freePort(), passwordFile: path.join(tmp, 'secrets', 'neo4j-password') });
    await ensureLauncherBuilt(o);
  }, MIN5);

  afterAll(async () => {
    if (o) await stopEmbedded(o).catch(() => false);
    rmSync(tmp, { recursive: true, force: true });
  }, MIN5);

  it('builds the launcher once and then considers it up to date', async () => {
    expect(await isLauncherUpToDate(o)).toBe(true);
    expect(existsSync(path.join(REPO, 'neo4j/target/infragraph-neo4j-launcher.jar'))).toBe(true);
  });

  it('records a class-data archive for this JVM that later starts map', async () => {
    const java = await resolveJava(o);
    const file = classArchiveFile(o, java);
    expect(existsSync(`${file}.failed`) ? readFileSync(`${file}.failed`, 'utf8') : '').toBe('');
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    expect(classArchiveArgs(o, java)).toEqual([`-XX:SharedArchiveFile=${file}`]);
    expect(classArchiveArgs({ ...o, classArchive: false }, java)).toEqual([]);
  });

  let firstPid = 0;
  let password = '';

  it('starts detached on a free port with a generated password', async () => {
    const r = await startEmbedded(o, 'detached');
    expect(r.alreadyRunning).toBe(false);
    expect(r.uri).toBe(`bolt://127.0.0.1:${o.boltPort}`);
    expect(isAlive(r.pid)).toBe(true);
    expect(readFileSync(path.join(o.home, 'neo4j.pid'), 'utf8').trim()).toBe(String(r.pid));
    expect(readFileSync(path.join(o.home, 'launcher.log'), 'utf8'))
      .toContain(`INFRAGRAPH_NEO4J_READY bolt://127.0.0.1:${o.boltPort} version=5.26.30`);
    firstPid = r.pid;
    password = r.password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readFileSync(o.passwordFile, 'utf8').trim()).toBe(password);
    expect(statSync(o.passwordFile).mode & 0o777).toBe(0o600);
    expect(await query<number>(r.uri, password, 'RETURN 1 AS one', 'one')).toBe(1);
    await query(r.uri, password, "CREATE (n:Probe {name: 'kept'}) RETURN n.name AS name", 'name');
  }, MIN5);

  it('serves APOC core from the plugins directory', async () => {
    expect(await query<string>(`bolt://127.0.0.1:${o.boltPort}`, password, 'RETURN apoc.version() AS v', 'v')).toBe('5.26.19');
  });

  // Neo4j's defaults keep two days of transaction logs: a week of hourly imports filled the disk
  // (BENCHMARKS.md, "A week of hourly files filled the disk with transaction logs").
  it('keeps old transaction logs to 1 GB and checkpoints by log volume', async () => {
    const pairs = await query<[string, string][]>(`bolt://127.0.0.1:${o.boltPort}`, password,
      "SHOW SETTINGS YIELD name, value WHERE name IN ['db.tx_log.rotation.retention_policy', 'db.checkpoint', 'db.checkpoint.interval.volume'] RETURN collect([name, value]) AS s", 's');
    expect(Object.fromEntries(pairs)).toEqual({
      'db.tx_log.rotation.retention_policy': '1G size', 'db.checkpoint': 'VOLUME', 'db.checkpoint.interval.volume': '2.00GiB',
    });
  });

  it('rejects a wrong password', async () => {
    await expect(query(`bolt://127.0.0.1:${o.boltPort}`, 'not-the-password', 'RETURN 1 AS one', 'one'))
      .rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
  });

  it('a second start is a no-op that reports the running launcher', async () => {
    const r = await startEmbedded(o, 'detached');
    expect(r).toEqual({ pid: firstPid, uri: `bolt://127.0.0.1:${o.boltPort}`, password, alreadyRunning: true });
    const s = await embeddedStatus(o);
    expect(s.running).toBe(true);
    expect(s.pid).toBe(firstPid);
    expect(s.home).toBe(o.home);
    expect(s.storeBytes).toBeGreaterThan(0);
  }, MIN5);

  it('refuses a port another program holds, before spawning anything', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const other = { ...o, home: path.join(tmp, 'other'), boltPort: port };
      const err = await startEmbedded(other, 'detached').catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).name).toBe('EmbeddedNeo4jError');
      expect((err as Error).message).toBe(`Port ${port} on 127.0.0.1 is already in use by another program: stop it or choose another Bolt port with INFRAGRAPH_NEO4J_PORT.`);
      expect(existsSync(path.join(tmp, 'other', 'neo4j.pid'))).toBe(false);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('stops cleanly and removes the pid file', async () => {
    expect(await stopEmbedded(o)).toBe(true);
    expect(isAlive(firstPid)).toBe(false);
    expect(existsSync(path.join(o.home, 'neo4j.pid'))).toBe(false);
    expect((await embeddedStatus(o)).running).toBe(false);
    expect(await stopEmbedded(o)).toBe(false);
  }, MIN5);

  it('starts again on the existing store with the stored password', async () => {
    const r = await startEmbedded(o, 'detached');
    expect(r.alreadyRunning).toBe(false);
    expect(r.password).toBe(password);
    expect(await query<number>(r.uri, password, 'MATCH (n:Probe) RETURN count(n) AS c', 'c')).toBe(1);
  }, MIN5);

  it('recovers after the JVM is killed with SIGKILL', async () => {
    const { pid } = await embeddedStatus(o);
    expect(pid).toBeTypeOf('number');
    // A commit after the last checkpoint, so the neo4j database itself needs log recovery.
    await query(`bolt://127.0.0.1:${o.boltPort}`, password, "CREATE (n:Probe {name: 'unflushed'}) RETURN n.name AS name", 'name');
    execFileSync('kill', ['-9', String(pid)]);
    for (let i = 0; i < 100 && isAlive(pid!); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid!)).toBe(false);
    expect((await embeddedStatus(o)).running).toBe(false);
    const r = await startEmbedded(o, 'detached');
    expect(r.alreadyRunning).toBe(false);
    expect(r.pid).not.toBe(pid);
    expect(await query<number>(r.uri, password, 'MATCH (n:Probe) RETURN count(n) AS c', 'c')).toBe(2);
    expect(readFileSync(path.join(o.home, 'logs', 'debug.log'), 'utf8')).toMatch(/\[neo4j\/\w+\] Recovery required from position/);
    // The start read Neo4j's own report of the replay: that is what keeps a long one from timing out.
    expect(r.steps).toContainEqual({ database: 'neo4j', step: 'log replay started' });
    expect(r.steps).toContainEqual({ database: 'neo4j', step: '100% completed' });
  }, MIN5);

  // An index that came online after the last checkpoint is rebuilt from scratch after a crash
  // (27 after a bulk load and a next day: bench/recovery-start.sh); the launcher checkpoints
  // when one comes online.
  it('checkpoints when an index comes online, so a crash does not rebuild it', async () => {
    const debugLog = path.join(o.home, 'logs', 'debug.log');
    expect(readFileSync(debugLog, 'utf8')).toContain('Checkpoint triggered by "Infragraph: started"');
    const uri = `bolt://127.0.0.1:${o.boltPort}`;
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
    try {
      await driver.executeQuery('CREATE INDEX probe_name IF NOT EXISTS FOR (n:Probe) ON (n.name)', {}, { database: 'neo4j' });
      await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: 'neo4j' });
    } finally {
      await driver.close();
    }
    // The launcher looks every 2 s; wait for its checkpoint, however busy the machine.
    const mark = 'Checkpoint triggered by "Infragraph: index online: probe_name" @';
    for (let i = 0; i < 1200 && !/index online: probe_name" @.*checkpoint completed/.test(readFileSync(debugLog, 'utf8')); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(debugLog, 'utf8')).toContain(mark);
    const { pid } = await embeddedStatus(o);
    execFileSync('kill', ['-9', String(pid)]);
    for (let i = 0; i < 100 && isAlive(pid!); i++) await new Promise((r) => setTimeout(r, 100));
    const seen = readFileSync(debugLog, 'utf8').length;
    const r = await startEmbedded(o, 'detached');
    // Without that checkpoint the replay creates the index anew and populates it again.
    expect(r.steps?.filter((s) => s.step.startsWith('index '))).toEqual([]);
    expect(readFileSync(debugLog, 'utf8').slice(seen)).not.toMatch(/Index population started: \[Index\( id=\d+, name='probe_name'|Requesting re-population/);
    expect(await query<string>(r.uri, password, "SHOW INDEXES YIELD name, state WHERE name = 'probe_name' RETURN state", 'state')).toBe('ONLINE');
  }, MIN5);

  it('applies a changed password file on the next start', async () => {
    expect(await stopEmbedded(o)).toBe(true);
    writeFileSync(o.passwordFile, 'rotated-password-42\n', { mode: 0o600 });
    const r = await startEmbedded(o, 'detached');
    expect(r.password).toBe('rotated-password-42');
    expect(await query<number>(r.uri, 'rotated-password-42', 'RETURN 2 AS two', 'two')).toBe(2);
    await expect(query(r.uri, password, 'RETURN 1 AS one', 'one')).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
    expect(await stopEmbedded(o)).toBe(true);
  }, MIN5);
});
