// The import lock fences its holder's writes (importers/pipeline/lock-fence.ts). A holder no taker
// can see (another machine) that outlives its lease unseen (a suspended VM, a laptop closed
// mid-import) loses the lock to the next import; continued, it must write nothing beside it. Every
// write transaction of an import checks that the lock is still its holder's and carries the
// holder's id, by which a taker ends the former holder's open transactions
// (bench/import-stopped-holder.ts --other-host reproduces the whole case with two CLI imports: on
// the code before, pairs got two lookup edges).
import { afterAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireImportLock, type ImportLock } from '../../../server/src/domain/imports/import-lock.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { importFile } from '../../../server/src/importers/pipeline/import-file.ts';
import { ledgerFailed, ledgerFinish } from '../../../server/src/importers/pipeline/ledger.ts';
import { writeBounded } from '../../../server/src/importers/pipeline/memory-bound.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';
import { resetDb, testDb } from '../../support/db.ts';

const db = testDb();
const t = { caller: 'test' };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-fence-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await db.write('MATCH (l:ImportLock) WHERE l.key STARTS WITH "test-" DELETE l', {}, t);
  await db.close();
});

/** Make the lock's holder look like a process on another machine whose lease ran out. */
const lapseElsewhere = (key: string) => db.write(
  `MATCH (l:ImportLock {key: $key})
   SET l.host = $host, l.identity = 'another-boot/pid:[4026531836]|1', l.expiresAt = datetime() - duration('PT1M')`,
  { key, host: `not-${os.hostname()}` }, t);

it('a taker ends the transaction its former holder had open when the lease ran out', async () => {
  const key = `test-${randomUUID()}`;
  const marker = `note:fence-${randomUUID()}`;
  let resume: () => void = () => {};
  const stopped = new Promise<void>((r) => { resume = r; });
  let opened: () => void = () => {};
  const open = new Promise<void>((r) => { opened = r; });
  // The former holder's batch: tagged with its owner as the import tags them, written, not yet committed.
  const batch = db.writeTx(async (tx) => {
    await tx.run('CREATE (:Note {key: $marker, text: "written by a holder that then stopped"})', { marker });
    opened();
    await stopped;
    return true;
  }, { caller: 'test', metadata: { importLock: 'elsewhere' } });
  try {
    await open;
    await db.write(`MERGE (l:ImportLock {key: $key}) SET l.owner = 'elsewhere', l.pid = 4242, l.what = 'x.log', l.since = datetime()`, { key }, t);
    await lapseElsewhere(key);
    const taker = await acquireImportLock(db, { key, pollMs: 50 });
    await taker.release();
  } finally {
    resume(); // the holder continues: its commit fails, and what it wrote is gone
  }
  await expect(batch).rejects.toMatchObject({ message: expect.stringMatching(/terminated/i) });
  const rows = await db.read('MATCH (n:Note {key: $marker}) RETURN count(n) AS n', { marker }, t);
  expect(Number(rows[0].n)).toBe(0);
});

const lookups = async () => (await db.read(
  `MATCH (a:IP)-[r:QUERIED]->(b:Host) WITH a, b, r ORDER BY a.key, b.key
   RETURN collect([a.key, b.key, r.count, toString(r.firstSeen), toString(r.lastSeen), r.qtypes, r.rcodes, r.srcCount]) AS all, count(r) AS edges`, {}, t))[0];
const o = { batchSize: 100, writers: 2, flushAt: 1000, reportDir: path.join(tmp, 'r'), linkPrefixes: false };

async function logFile(name: string, events: number, seed: number): Promise<string> {
  const file = path.join(tmp, name);
  await generate('zeek-tsv', events, seed, file, 'heavy');
  utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01')); // not a live log
  return file;
}

it('an import whose lock went to another writes nothing, not even its ledger entry, and says so', async () => {
  const file = await logFile('stale.log', 2000, 31);
  await resetDb(db);
  const taker = await acquireImportLock(db); // the import that took the lock
  try {
    await expect(importFile(db, file, { ...o, fence: { key: 'graph', owner: 'a-former-holder' } }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Another import took the import lock/) });
    // Every write of the import goes through the same fenced transaction: nodes, edges and their markers.
    let wrote = false;
    await expect(writeBounded(db, async () => { wrote = true; }, { caller: 'test', halvable: false, fence: { key: 'graph', owner: 'a-former-holder' } }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    expect(wrote).toBe(false);
  } finally {
    await taker.release();
  }
  expect(Number((await lookups()).edges)).toBe(0);
  const left = await db.read('MATCH (n) WHERE n:ImportLedger OR n:Source OR n:IP OR n:Host RETURN count(n) AS n', {}, t);
  expect(Number(left[0].n)).toBe(0);
});

it('the ledger records of a run that lost its lock change nothing: no finish, no markers dropped, no failure note', async () => {
  const file = await logFile('ledger.log', 1000, 32);
  await resetDb(db);
  await importFiles(db, [file], o);
  const key = String((await db.read('MATCH (l:ImportLedger) RETURN l.key AS key', {}, t))[0].key);
  // As its taker sees the entry while resuming it: running, with the markers of the batches done.
  await db.write(`MATCH (l:ImportLedger {key: $key}) SET l.status = 'running', l.error = null CREATE (:ImportBatch {key: $key + ':0:q0.0', at: datetime()})`, { key }, t);
  const stale = { key: 'graph', owner: 'a-former-holder' };
  const taker = await acquireImportLock(db);
  try {
    await expect(ledgerFinish(db, key, { bytes: 1, lines: 1, prefixSha: key, records: 1, rejects: 0 }, stale)).rejects.toMatchObject({ code: 'CONFLICT' });
    await ledgerFailed(db, key, 'a late failure note', stale);
  } finally {
    await taker.release();
  }
  const [entry] = await db.read(
    'MATCH (l:ImportLedger {key: $key}) OPTIONAL MATCH (b:ImportBatch) WHERE b.key STARTS WITH $key RETURN l.status AS status, l.error AS error, count(b) AS markers',
    { key }, t);
  expect(entry).toEqual({ status: 'running', error: null, markers: 1 });
});

it("an import's write transactions carry its holder's id, by which a taker ends them", async () => {
  const lock = await acquireImportLock(db, { key: `test-${randomUUID()}` });
  try {
    const { value } = await writeBounded(db, async () => {
      const rows = await db.read('SHOW TRANSACTIONS YIELD metaData WHERE metaData.importLock = $owner RETURN count(*) AS n', { owner: lock.owner }, t);
      return Number(rows[0].n);
    }, { caller: 'test', halvable: false, fence: lock.fence });
    expect(value).toBe(1);
  } finally {
    await lock.release();
  }
});

it('an import that loses its lock while it runs stops at its next write with that error, and a re-run gives the clean graph', async () => {
  const file = await logFile('day.log', 4000, 33);
  await resetDb(db);
  await importFiles(db, [file], o);
  const clean = await lookups();
  expect(Number(clean.edges)).toBeGreaterThan(500);

  await resetDb(db);
  const holder = await acquireImportLock(db);
  let taker: ImportLock | undefined;
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => { open = r; });
  try {
    // Held after its parse, before its graph writes, while the lock goes to another import.
    const running = importFile(db, file, { ...o, fence: holder.fence, beforeGraphWrites: gate });
    running.catch(() => {}); // awaited below
    while (Number((await db.read('MATCH (l:ImportLedger) RETURN count(l) AS n', {}, t))[0].n) === 0) await new Promise((r) => setTimeout(r, 50));
    await lapseElsewhere('graph');
    taker = await acquireImportLock(db);
    open();
    await expect(running).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Another import took the import lock/) });
  } finally {
    open();
    await taker?.release();
    await holder.release();
  }
  expect(Number((await lookups()).edges)).toBe(0);
  expect(await db.read('MATCH (l:ImportLedger) RETURN l.status AS status, l.error AS error', {}, t)).toEqual([{ status: 'running', error: null }]);

  await importFiles(db, [file], o);
  expect(await lookups()).toEqual(clean);
}, 600_000);
