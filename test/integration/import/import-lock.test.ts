// The import lock when its release cannot reach the database. The release is tried once (a
// managed write would retry for 12–34 s with the database gone, and an import cut off from its
// database waited on it to exit). A lock whose release failed must not then make the next import
// of the same process wait for its lease (the next file of a CLI run, the server's case load),
// while a lock this process still holds keeps blocking. And a lease that ran out frees the lock
// only when its holder cannot be seen alive on this host: a stopped import (Ctrl-Z) resumes
// writing, and taking its lock gave pairs two lookup edges (bench/import-stopped-holder.ts).
import { afterAll, beforeEach, expect, it, inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { Database } from '../../../server/src/db/database.ts';
import { acquireImportLock, type ImportLock, type LockHolder } from '../../../server/src/domain/imports/import-lock.ts';
import { pidSpace, processStartTicks } from '../../../server/src/domain/imports/process-identity.ts';
import { testDb } from '../../support/db.ts';
import { startTcpProxy } from '../../support/tcp-proxy.ts';

const db = testDb();
const t = { caller: 'test' };
let key = '';
beforeEach(() => { key = `test-${randomUUID()}`; });
afterAll(async () => {
  await db.write('MATCH (l:ImportLock) WHERE l.key STARTS WITH "test-" DELETE l', {}, t);
  await db.close();
});

const holder = async () => (await db.read('MATCH (l:ImportLock {key: $key}) RETURN l.owner AS owner', { key }, t))[0]?.owner ?? null;

it('a release that could not reach the database leaves the lock free for this process', async () => {
  const proxy = await startTcpProxy(Number(new URL(inject('neo4jUri')).port));
  const viaProxy = new Database({ uri: `bolt://127.0.0.1:${proxy.port}`, user: 'neo4j', password: inject('neo4jPassword'), database: 'neo4j', txTimeoutMs: 60_000 });
  try {
    const first = await acquireImportLock(viaProxy, { key, leaseMs: 600_000 });
    await proxy.cut();
    await first.release(); // refused: the database is gone for this connection
    await proxy.restore();
    // The lock node still names the first owner with a ten-minute lease, and this process is alive.
    expect(await holder()).toBe(first.owner);

    // Waiting at all is the failure (it would last the lease): say so at once.
    let refuse: (e: Error) => void = () => {};
    const waited = new Promise<never>((_, reject) => { refuse = reject; });
    const second = await Promise.race([
      acquireImportLock(db, { key, pollMs: 50, onWait: (h) => refuse(new Error(`waited for the lock of ${h.owner} (pid ${h.pid}), whose release had failed`)) }),
      waited,
    ]);
    expect(await holder()).toBe(second.owner);
    await second.release();
    expect(await holder()).toBeNull();
  } finally {
    await viaProxy.close();
    await proxy.close();
  }
});

it('a lock this process holds still makes a second taker wait until it is released', async () => {
  const first = await acquireImportLock(db, { key });
  let waited: (h: LockHolder) => void = () => {};
  const waiting = new Promise<LockHolder>((r) => { waited = r; });
  const secondP = acquireImportLock(db, { key, pollMs: 50, onWait: (h) => waited(h) });
  expect((await waiting).pid).toBe(process.pid);
  expect(await holder()).toBe(first.owner);
  await first.release();
  const second = await secondP;
  expect(await holder()).toBe(second.owner);
  await second.release();
});

/** A lock node as another holder left it; by default its lease ran out a minute ago. */
const lapsedHolder = (owner: string, pid: number, host: string, identity = '', expiresIn = 'PT-1M') => db.write(
  `MERGE (l:ImportLock {key: $key})
   SET l.owner = $owner, l.pid = $pid, l.host = $host, l.identity = $identity, l.what = 'x.log',
       l.since = datetime() - duration('PT2M'), l.expiresAt = datetime() + duration($expiresIn)`, { key, owner, pid, host, identity, expiresIn }, t);
/** The identity process-identity.ts records for a process of this test's pid namespace. */
const identityOf = (pid: number) => `${pidSpace()}|${processStartTicks(pid)}`;

/** Take the lock, and fail at once if that does not wait. */
async function takeWithoutWaiting(what: string): Promise<void> {
  let refuse: (e: Error) => void = () => {};
  const waited = new Promise<never>((_, reject) => { refuse = reject; });
  const taker = await Promise.race([acquireImportLock(db, { key, pollMs: 50, onWait: () => refuse(new Error(`waited for ${what}`)) }), waited]);
  expect(await holder()).toBe(taker.owner);
  await taker.release();
}

/** Start taking the lock; it must wait: the holder it waits for, and the take still under way. */
async function takerThatMustWait(what: string): Promise<{ first: LockHolder; takerP: Promise<ImportLock> }> {
  let waited: (h: LockHolder) => void = () => {};
  const waiting = new Promise<LockHolder>((r) => { waited = r; });
  const takerP = acquireImportLock(db, { key, pollMs: 50, onWait: (h) => waited(h) });
  const first = await Promise.race([waiting, takerP]);
  if (!('pid' in first)) {
    await first.release();
    throw new Error(`took ${what}`);
  }
  return { first, takerP };
}

it('a live holder on this host keeps the lock after its lease ran out, until its process ends', async () => {
  // A stand-in for a stopped import: a live process of this host that renews nothing.
  const stopped = spawn('sleep', ['600'], { stdio: 'ignore' });
  try {
    await lapsedHolder('stopped-import', stopped.pid!, os.hostname(), identityOf(stopped.pid!));
    // On the code before, the taker took the lapsed lock at once and never waited.
    const { first, takerP } = await takerThatMustWait('the lock of a live holder on this host whose lease had run out');
    expect(first.pid).toBe(stopped.pid);
    expect(first.leaseRanOut).toBe(true);
    expect(await holder()).toBe('stopped-import');
    const ended = new Promise((r) => stopped.once('exit', r));
    stopped.kill('SIGKILL');
    await ended;
    const taker = await takerP;
    expect(await holder()).toBe(taker.owner);
    await taker.release();
  } finally {
    stopped.kill('SIGKILL');
  }
});

it('a holder on another host whose lease ran out loses the lock (its process cannot be seen)', async () => {
  await lapsedHolder('elsewhere', 4242, `not-${os.hostname()}`);
  await takeWithoutWaiting('a lock whose lease had run out on another host');
});

// Start times come from /proc: Linux only.
it.skipIf(process.platform !== 'linux')('a pid that now names another process is not the holder: a restarted container, a wrapped counter', async () => {
  const other = spawn('sleep', ['600'], { stdio: 'ignore' });
  try {
    // The pid is alive, but it started at another time than the holder recorded.
    await lapsedHolder('before-restart', other.pid!, os.hostname(), `${pidSpace()}|1`, 'PT10M');
    await takeWithoutWaiting('a holder whose pid belongs to another process now');
  } finally {
    other.kill('SIGKILL');
  }
});

it('a holder in another pid namespace under the same host name keeps its lock until its lease runs out', async () => {
  // Compose replicas, `--network host`, a pod's containers: the same host name, their own pids.
  // Its pid 999999 means nothing here; on the code before it looked dead and was taken at once.
  await lapsedHolder('other-namespace', 999_999, os.hostname(), 'another-boot/pid:[4026531836]|1234', 'PT10M');
  const { first, takerP } = await takerThatMustWait('the lock of a holder in another pid namespace before its lease ran out');
  expect(first.leaseRanOut).toBe(false);
  // Its lease runs out: now it is free, since no process here can vouch for it.
  await db.write('MATCH (l:ImportLock {key: $key}) SET l.expiresAt = datetime() - duration("PT1S")', { key }, t);
  const taker = await takerP;
  expect(await holder()).toBe(taker.owner);
  await taker.release();
});
