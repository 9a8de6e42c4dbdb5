// The import lock fences its holder's writes. A holder no taker can see (another machine) that
// outlives its lease unseen (a suspended VM, a laptop closed mid-import) loses the lock to the next
// import; continued, it must write nothing beside it. Every edge batch checks in its own
// transaction that the lock is still its holder's, and a taker ends the former holder's open
// transactions (bench/import-stopped-holder.ts --other-host reproduces the whole case with two CLI
// imports: on the code before, pairs got two lookup edges).
import { afterAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireImportLock } from '../../../server/src/domain/imports/import-lock.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { importFile } from '../../../server/src/importers/pipeline/import-file.ts';
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

it('a taker ends the transaction its former holder had open when the lease ran out', async () => {
  const key = `test-${randomUUID()}`;
  const marker = `note:fence-${randomUUID()}`;
  let resume: () => void = () => {};
  const stopped = new Promise<void>((r) => { resume = r; });
  let opened: () => void = () => {};
  const open = new Promise<void>((r) => { opened = r; });
  // The former holder's batch: tagged with its owner as GraphWriter tags them, written, not yet committed.
  const batch = db.writeTx(async (tx) => {
    await tx.run('CREATE (:Note {key: $marker, text: "written by a holder that then stopped"})', { marker });
    opened();
    await stopped;
    return true;
  }, { caller: 'test', metadata: { importLock: 'elsewhere' } });
  await open;
  await db.write(
    `MERGE (l:ImportLock {key: $key})
     SET l.owner = 'elsewhere', l.pid = 4242, l.host = $host, l.identity = '', l.what = 'x.log',
         l.since = datetime() - duration('PT2M'), l.expiresAt = datetime() - duration('PT1M')`, { key, host: `not-${os.hostname()}` }, t);
  const taker = await acquireImportLock(db, { key, pollMs: 50 });
  // The holder continues: its commit fails, and what it wrote is gone.
  resume();
  await expect(batch).rejects.toMatchObject({ message: expect.stringMatching(/terminated/i) });
  const rows = await db.read('MATCH (n:Note {key: $marker}) RETURN count(n) AS n', { marker }, t);
  expect(Number(rows[0].n)).toBe(0);
  await taker.release();
});

const lookups = async () => (await db.read(
  `MATCH (a:IP)-[r:QUERIED]->(b:Host) WITH a, b, r ORDER BY a.key, b.key
   RETURN collect([a.key, b.key, r.count, toString(r.firstSeen), toString(r.lastSeen), r.qtypes, r.rcodes, r.srcCount]) AS all, count(r) AS edges`, {}, t))[0];

it('an import whose lock went to another import writes no edge, says so, and a re-run gives the clean graph', async () => {
  const file = path.join(tmp, 'day.log');
  await generate('zeek-tsv', 2000, 31, file, 'heavy');
  utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01')); // not a live log
  const o = { batchSize: 300, writers: 2, flushAt: 1000, reportDir: path.join(tmp, 'r'), linkPrefixes: false };

  await resetDb(db);
  await importFiles(db, [file], o);
  const clean = await lookups();
  expect(Number(clean.edges)).toBeGreaterThan(300);

  await resetDb(db);
  const taker = await acquireImportLock(db); // the import that took the lock
  try {
    await expect(importFile(db, file, { ...o, fence: { key: 'graph', owner: 'a-former-holder' } }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Another import took the import lock/) });
  } finally {
    await taker.release();
  }
  expect(Number((await lookups()).edges)).toBe(0);
  // It no longer speaks for the file: no failure note on the ledger entry the taker may be using.
  const ledger = await db.read('MATCH (l:ImportLedger) RETURN l.status AS status, l.error AS error', {}, t);
  expect(ledger).toEqual([{ status: 'running', error: null }]);

  await importFiles(db, [file], o);
  expect(await lookups()).toEqual(clean);
});
