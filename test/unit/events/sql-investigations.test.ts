// The .sql investigations: headers parse, declared parameters match the ones used (by the SQL
// and by its graph tables' Cypher queries), every file runs on an empty store, and the figures
// on a small hand-made store are the ones worked out here by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../../server/src/config.ts';
import { loadSqlInvestigationDir, parseSqlInvestigation, runSqlInvestigation, usedSqlParams, type GraphRows, type SqlInvestigationFile } from '../../../server/src/domain/investigations/sql-investigation.ts';
import { queryFile } from '../../../server/src/domain/queries/query-library.ts';
import { bindParams } from '../../../server/src/cypher/cypher-file.ts';
import { EventWriter } from '../../../server/src/events/event-writer.ts';
import { closeDuckDB } from '../../../server/src/events/event-duckdb.ts';
import type { EventStore } from '../../../server/src/events/event-store.ts';

const files = loadSqlInvestigationDir(path.join(REPO_ROOT, 'cypher/investigations'));
const byName = (n: string) => files.find((f) => f.name === n)!;
const limits = { maxRows: 1000, maxBytes: 1_000_000, timeoutMs: 20_000 };
const settings = { threads: 1, memoryMb: 256 };
let store: EventStore;
afterAll(async () => { await closeDuckDB(); });

const MIN = 60_000;
const T = Date.parse('2016-05-02T06:00:00Z'); // Monday 09:00 in Moscow
/** [minutes after T, client, name] */
const LOOKUPS: [number, string, string][] = [
  [0, '10.0.0.1', 'target.example'], [1, '10.0.0.1', 'target.example'], [14, '10.0.0.1', 'target.example'],
  [60, '10.0.0.1', 'target.example'], [125, '10.0.0.2', 'target.example'], [180, '10.0.0.1', 'target.example'],
  [600, '10.0.0.3', 'target.example'], [5 * 1440, '10.0.0.2', 'target.example'], // Saturday 09:00 Moscow
  [30, '10.0.0.3', 'sibling.example'], [9000, '10.0.0.3', 'sibling.example'],
];
const operators: Record<string, unknown>[] = [
  { ip: '10.0.0.1', organization: 'Bank', confidence: 40 }, { ip: '10.0.0.2', organization: 'Bank', confidence: 60 },
  { ip: '10.0.0.3', organization: null, confidence: null },
];
const graph: GraphRows = async (t, params) => {
  if (t.table === 'operators') return operators;
  if (t.table === 'operated') return params.organization === 'bank' ? [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] : [];
  if (t.table === 'siblings') return [
    { host: 'target.example', role: 'target', address: '192.0.2.1', syntheticOnly: false },
    { host: 'sibling.example', role: 'sibling', address: '192.0.2.2', syntheticOnly: true },
  ];
  throw new Error(`no graph table ${t.table}`);
};

beforeAll(async () => {
  store = { root: mkdtempSync(path.join(tmpdir(), 'events-sql-')), settings };
  const w = await EventWriter.open({ root: store.root, sourceKey: 'src:t', fileKey: 'f', file: 'f.csv', settings });
  LOOKUPS.forEach(([m, client, qname], i) => w.add({ ts: T + m * MIN, client, qname, qtype: 'A', ref: i + 1 }));
  w.add({ ts: NaN, client: '10.0.0.1', qname: 'target.example', ref: 99 }); // no time: never counted
  await w.commit();
});

const run = async (f: SqlInvestigationFile, raw: Record<string, unknown>) =>
  (await runSqlInvestigation(f, bindParams(f, raw), { events: store, sources: null, graphRows: graph, limits })).rows;

describe('.sql investigation files', () => {
  it('are found, with the time-series investigations among them', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['lookups-by-organization', 'office-hours-profile', 'lookup-bursts', 'target-vs-siblings']));
  });

  for (const f of files) {
    it(`${path.basename(f.file)}: declares the parameters it and its graph tables use, and runs on an empty store`, async () => {
      expect(f.mode).toBe('READ');
      expect(f.summary).not.toBe('');
      const declared = new Set(f.params.map((p) => p.name));
      const used = new Set(usedSqlParams(f.sql));
      for (const t of f.graphTables) for (const p of queryFile(...(t.query.split('/') as [string, string])).params) used.add(p.name);
      expect([...used].sort()).toEqual([...declared].sort());
      const raw = Object.fromEntries(f.params.filter((p) => p.default === undefined).map((p) => [p.name, p.type === 'DateTime' ? '2016-01-01' : 'x']));
      const empty = { ...store, root: mkdtempSync(path.join(tmpdir(), 'events-empty-')) };
      const r = await runSqlInvestigation(f, bindParams(f, raw), { events: empty, sources: null, graphRows: async () => [], limits });
      expect(r.rows).toEqual([]);
    });
  }

  it('refuses a malformed @graph line', () => {
    expect(() => parseSqlInvestigation('-- @name x\n-- @graph t(a TEXTY): lookups/queriers\nSELECT 1', 'x.sql')).toThrow(/column/);
  });
});

describe('figures on a hand-made store', () => {
  it('lookups-by-organization: shares over attributed groups, window on each lookup\'s time', async () => {
    expect(await run(byName('lookups-by-organization'), { host: 'target.example' })).toEqual([
      { organization: 'Bank', ips: ['10.0.0.1', '10.0.0.2'], lookups: 7, sharePct: 87.5, total: 8, attributionConfidence: 40 },
      { organization: '(unattributed)', ips: ['10.0.0.3'], lookups: 1, sharePct: 12.5, total: 8, attributionConfidence: null },
    ]);
    const w = await run(byName('lookups-by-organization'), { host: 'target.example', from: '2016-05-02T06:14:00Z', to: '2016-05-02T07:00:01Z' });
    expect(w.map((r) => [r.organization, r.lookups])).toEqual([['Bank', 2]]);
  });

  it('office-hours-profile: local hour × weekday in the zone, narrowed to an organization', async () => {
    const rows = await run(byName('office-hours-profile'), { host: 'target.example', timeZone: 'Europe/Moscow', organization: 'bank' });
    expect(rows).toHaveLength(24);
    const nz = rows.filter((r) => r.total !== 0).map((r) => [r.localHour, r.mon, r.sat, r.total]);
    expect(nz).toEqual([[9, 3, 1, 4], [10, 1, 0, 1], [11, 1, 0, 1], [12, 1, 0, 1]]);
    const ny = await run(byName('office-hours-profile'), { host: 'target.example', timeZone: 'America/New_York', ip: '10.0.0.3' });
    expect(ny.filter((r) => r.total !== 0).map((r) => [r.localHour, r.mon])).toEqual([[12, 1]]);
    expect(await run(byName('office-hours-profile'), { host: 'nobody.example' })).toEqual([]);
  });

  it('lookup-bursts: gaps between active buckets, lower median, merged by operator', async () => {
    // 10.0.0.1: buckets 0, 0, 0, 4, 12 (quarter hours after T) → gaps 60, 120; median (lower) 60.
    const one = await run(byName('lookup-bursts'), { host: 'target.example', minLookups: 1 });
    expect(one[0]).toEqual({ client: '10.0.0.1', lookups: 5, activeBuckets: 3, gaps: 2, medianGapMin: 60, near60Pct: 50, gapsUpTo3h: 2, near60PctOfShort: 50, adjacentBuckets: 0 });
    const merged = await run(byName('lookup-bursts'), { host: 'target.example', minLookups: 1, byOrganization: true });
    // Bank: buckets 0, 4, 8 (10.0.0.2 at +125 min), 12, 480 → gaps 60, 60, 60, 7020.
    expect(merged[0]).toMatchObject({ client: 'Bank', lookups: 7, activeBuckets: 5, gaps: 4, medianGapMin: 60, near60Pct: 75, gapsUpTo3h: 3, near60PctOfShort: 100 });
  });

  it('target-vs-siblings: siblings counted over the target\'s own window', async () => {
    const rows = await run(byName('target-vs-siblings'), { host: 'target.example', timeZone: 'Europe/Moscow' });
    expect(rows).toEqual([
      { host: 'target.example', role: 'target', address: '192.0.2.1', lookups: 8, queriers: 3, topQuerier: '10.0.0.1', topQuerierPct: 62.5, activeDays: 2, officeHoursPct: 75, weekendPct: 12.5, syntheticOnly: false },
      // The sibling's second lookup (+9000 min) lies after the target's last one.
      { host: 'sibling.example', role: 'sibling', address: '192.0.2.2', lookups: 1, queriers: 1, topQuerier: '10.0.0.3', topQuerierPct: 100, activeDays: 1, officeHoursPct: 100, weekendPct: 0, syntheticOnly: true },
    ]);
  });
});
