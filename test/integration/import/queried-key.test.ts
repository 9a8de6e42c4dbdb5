// The lookup edge key (cypher/schema/006-queried-key.cypher, its index 007): a store written before the key
// existed gets it from the migration, and a next-day import into it — known pairs found by key
// and updated, new pairs created — ends with the same lookup edges as a clean import of both days.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { applyMigrations } from '../../../server/src/db/migrations.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-qkey-'));
const t = { caller: 'test' };
afterAll(() => db.close());

const lookups = async () => (await db.read(
  `MATCH (a:IP)-[r:QUERIED]->(b:Host) WITH a, b, r ORDER BY a.key, b.key
   RETURN collect([a.key, b.key, r.count, toString(r.firstSeen), toString(r.lastSeen), r.qtypes, r.rcodes, r.sources, r.srcCount, r.buckets, r.bucketCounts]) AS all,
          count(r) AS edges, count(DISTINCT [a, b]) AS pairs,
          sum(CASE WHEN r.k = a.key + '>' + b.key THEN 1 ELSE 0 END) AS keyed`, {}, t))[0];

describe('lookup edge key', () => {
  it('migrations 006 and 007 key the edges of an older store; the next import updates them by key, as a clean import would', async () => {
    const a = path.join(tmp, 'a.log');
    const b = path.join(tmp, 'b.log');
    await generate('zeek-tsv', 3000, 22, a, 'heavy');
    await generate('zeek-tsv', 3000, 22, b, 'heavy', 1);
    for (const f of [a, b]) utimesSync(f, new Date('2020-01-01'), new Date('2020-01-01'));
    const o = { batchSize: 400, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'r'), linkPrefixes: false };

    await resetDb(db);
    await importFiles(db, [a, b], o);
    const clean = await lookups();
    expect(Number(clean.edges)).toBeGreaterThan(500);
    expect(Number(clean.keyed)).toBe(Number(clean.edges));

    // A store as written before the key: day one's edges without k, no index, 006 not applied;
    // with the uniqueness constraint an earlier 006 built, which the index replaces.
    await resetDb(db);
    await importFiles(db, [a], o);
    await db.schema('DROP INDEX queried_key_index IF EXISTS', t);
    await db.schema('CREATE CONSTRAINT queried_key IF NOT EXISTS FOR ()-[r:QUERIED]-() REQUIRE r.k IS UNIQUE', t);
    await db.write('MATCH ()-[r:QUERIED]->() REMOVE r.k', {}, t);
    await db.write("MATCH (m:Migration) WHERE m.name IN ['006-queried-key', '007-queried-key-index'] DELETE m", {}, t);
    const m = await applyMigrations(db, REPO_ROOT);
    expect(m.applied).toEqual(['006-queried-key', '007-queried-key-index']);
    const day1 = await lookups();
    expect(Number(day1.keyed)).toBe(Number(day1.edges));
    expect(await db.read("SHOW CONSTRAINTS YIELD name WHERE name = 'queried_key' RETURN name", {}, t)).toEqual([]);
    expect(await db.read("SHOW INDEXES YIELD name, type, entityType, properties WHERE name = 'queried_key_index' RETURN type, entityType, properties", {}, t))
      .toEqual([{ type: 'RANGE', entityType: 'RELATIONSHIP', properties: ['k'] }]);

    await importFiles(db, [b], o);
    const next = await lookups();
    expect(Number(next.edges)).toBe(Number(next.pairs));
    expect(next.all).toEqual(clean.all);
  }, 900_000);
});
