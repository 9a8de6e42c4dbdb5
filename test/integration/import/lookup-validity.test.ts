// A lookup edge's validity is [firstSeen, lastSeen] and is stored only where a stated source
// reaches past the observations (edge-cypher.ts, LOOKUP_VALIDITY_ITEMS). Every write path must
// leave observed edges without the copies, a claim must give the same envelope whether it comes
// before or after the logs, and the API must show the validity it showed when it was stored.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { edgeCypher, queriedUpdateCypher } from '../../../server/src/importers/pipeline/edge-cypher.ts';
import { toEdge } from '../../../server/src/domain/graph/graph-model.ts';
import { removeSourceData } from '../../../server/src/importers/pipeline/remove-source.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';
import type { RelDTO } from '../../../server/src/db/convert.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-validity-'));
const t = { caller: 'test' };
afterAll(() => db.close());

const IP = '10.9.8.7', HOST = 'mail1.example.org';
const at = (iso: string) => Date.parse(iso);
const base = { a: IP, b: HOST, conf: 80, p: {}, qt: ['A'], rc: ['NOERROR'], bk: [], bc: [] };
const seen = (src: string, first: string, last: string, n: number) =>
  ({ ...base, src, n, f: at(first), l: at(last), ref: `${src}.log:1`, vf: first, vt: last });
const claim = (src: string, vf: string, vt: string) =>
  ({ ...base, src, n: 0, f: null, l: null, ref: `${src}.yaml:3`, vf, vt, qt: [], rc: [] });

async function write(rows: Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const [{ hit }] = await db.write(queriedUpdateCypher(false), { rows: [row] }, t);
    if ((hit as string[]).length === 0) await db.write(edgeCypher('QUERIED', 'IP', 'Host', true, false), { rows: [row] }, t);
  }
}

async function summary(): Promise<Record<string, unknown>> {
  const [r] = await db.read(
    `MATCH (:IP {key: $a})-[r:QUERIED]->(:Host {key: $b})
     RETURN r.validFrom.epochMillis AS validFrom, r.validTo.epochMillis AS validTo, r.firstSeen.epochMillis AS firstSeen,
            r.lastSeen.epochMillis AS lastSeen, r.count AS count, r.confidence AS confidence`, { a: IP, b: HOST }, t);
  return r;
}

async function fresh(): Promise<void> {
  await resetDb(db);
  await db.write('CREATE (:IP {key: $a, name: $a}), (:Host {key: $b, name: $b})', { a: IP, b: HOST }, t);
}

describe('lookup edge validity', () => {
  it('observations alone store no validity; a second observation keeps it that way', async () => {
    await fresh();
    await write([seen('day1', '2016-07-01T10:00:00.000Z', '2016-07-01T11:00:00.000Z', 3)]);
    await write([seen('day2', '2016-07-02T09:00:00.000Z', '2016-07-02T12:00:00.000Z', 2)]);
    expect(await summary()).toEqual({
      validFrom: null, validTo: null, firstSeen: at('2016-07-01T10:00:00Z'), lastSeen: at('2016-07-02T12:00:00Z'), count: 5, confidence: 80,
    });
  });

  for (const [name, vf, vt, want] of [
    ['a claim reaching past both ends', '2016-05-01T00:00:00.000Z', '2016-09-30T23:59:59.999Z', ['2016-05-01T00:00:00Z', '2016-09-30T23:59:59.999Z']],
    ['a claim inside the observed window', '2016-07-01T10:30:00.000Z', '2016-07-01T10:40:00.000Z', ['2016-07-01T10:00:00Z', '2016-07-01T11:00:00Z']],
    // An unknown end ('') states nothing: the observations' last lookup stays the end.
    ['a claim with an unknown end', '2016-06-01T00:00:00.000Z', '', ['2016-06-01T00:00:00Z', '2016-07-01T11:00:00Z']],
  ] as const) {
    it(`${name}: the same envelope before or after the logs`, async () => {
      const obs = seen('logs', '2016-07-01T10:00:00.000Z', '2016-07-01T11:00:00.000Z', 4);
      await fresh();
      await write([obs, claim('case', vf, vt)]);
      const logsFirst = await summary();
      await fresh();
      await write([claim('case', vf, vt), obs]);
      const claimFirst = await summary();
      expect(claimFirst).toEqual(logsFirst);
      const [from, to] = want;
      // What readers see: the stored envelope, or first/last seen where none is stored.
      expect([logsFirst.validFrom ?? logsFirst.firstSeen, logsFirst.validTo ?? logsFirst.lastSeen]).toEqual([at(from), at(to)]);
      expect([logsFirst.firstSeen, logsFirst.lastSeen, logsFirst.count]).toEqual([at('2016-07-01T10:00:00Z'), at('2016-07-01T11:00:00Z'), 4]);
    });
  }

  it('removing a source recomputes first/last seen from the rest and leaves no stored copy', async () => {
    await fresh();
    await write([
      claim('case', '2016-05-01T00:00:00.000Z', '2016-09-30T23:59:59.999Z'),
      seen('day1', '2016-07-01T10:00:00.000Z', '2016-07-01T11:00:00.000Z', 3),
      seen('day2', '2016-07-02T09:00:00.000Z', '2016-07-02T12:00:00.000Z', 2),
    ]);
    expect((await summary()).validFrom).toBe(at('2016-05-01T00:00:00Z'));
    await removeSourceData(db, 'case');
    await removeSourceData(db, 'day2');
    expect(await summary()).toEqual({
      validFrom: null, validTo: null, firstSeen: at('2016-07-01T10:00:00Z'), lastSeen: at('2016-07-01T11:00:00Z'), count: 3, confidence: 80,
    });
  });

  it('an imported log leaves its lookup edges without stored validity, and the API shows [firstSeen, lastSeen]', async () => {
    const file = path.join(tmp, 'dns.log');
    await generate('zeek-tsv', 2000, 5, file, 'heavy');
    await resetDb(db);
    await importFiles(db, [file], { batchSize: 300, writers: 2, flushAt: 1000, reportDir: path.join(tmp, 'r') });
    const [c] = await db.read(
      `MATCH ()-[r:QUERIED]->() RETURN count(r) AS edges, count(r.validFrom) + count(r.validTo) AS stored, count(r.firstSeen) AS seen`, {}, t);
    expect(Number(c.edges)).toBeGreaterThan(100);
    expect([Number(c.stored), Number(c.seen)]).toEqual([0, Number(c.edges)]);
    const [{ r }] = await db.read('MATCH ()-[r:QUERIED]->() RETURN r LIMIT 1', {}, t);
    const e = toEdge(r as RelDTO);
    expect(e.props.validFrom).toBe(e.props.firstSeen);
    expect(e.props.validTo).toBe(e.props.lastSeen);
    expect(e.props.validFrom).toBeTruthy();
  }, 300_000);
});
