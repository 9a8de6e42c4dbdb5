// Lean QUERIED rows (INFRAGRAPH_IMPORT_LEAN_LOOKUPS): the same edges, counts, times, types and
// provenance as a full import, without the 15-minute histogram, on both write paths (CREATE for
// new ends, MERGE for a second import of the same pairs).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-lean-'));
afterAll(() => db.close());

const lookups = () => db.read(
  `MATCH (a:IP)-[r:QUERIED]->(b:Host) WITH a, b, r ORDER BY a.key, b.key
   RETURN collect([a.key, b.key, r.count, toString(r.firstSeen), toString(r.lastSeen), r.qtypes, r.rcodes, r.srcCount, r.srcRef]) AS all,
          sum(size(coalesce(r.buckets, []))) AS buckets`, {}, { caller: 'test' });

describe('lean lookups', () => {
  it('same QUERIED edges as a full import, without buckets, through CREATE and MERGE', async () => {
    const a = path.join(tmp, 'a.log');
    const b = path.join(tmp, 'b.log');
    await generate('zeek-tsv', 3000, 21, a, 'heavy');
    await generate('zeek-tsv', 3000, 21, b, 'heavy', 1);
    for (const f of [a, b]) utimesSync(f, new Date('2020-01-01'), new Date('2020-01-01'));
    const o = (lean: boolean) => ({ batchSize: 400, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'r'), linkPrefixes: false, leanLookups: lean });

    await resetDb(db);
    await importFiles(db, [a, b], o(false));
    const full = (await lookups())[0];
    expect(Number(full.buckets)).toBeGreaterThan(0);

    await resetDb(db);
    await importFiles(db, [a, b], o(true));
    const lean = (await lookups())[0];
    expect(Number(lean.buckets)).toBe(0);
    expect(lean.all).toEqual(full.all);
  }, 900_000);
});
