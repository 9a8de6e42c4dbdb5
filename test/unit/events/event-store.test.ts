// The event store's layout, writer and reader: exactly once by part names, removal of a
// source, `.tmp` parts never read, and the sandbox's refusals.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventWriter, removeSourceEvents } from '../../../server/src/events/event-writer.ts';
import { encodeSourceKey, fileKeyOf, partPath, dayOf } from '../../../server/src/events/event-layout.ts';
import { listParts, queryEvents, type EventStore } from '../../../server/src/events/event-store.ts';
import { runEventSql } from '../../../server/src/events/event-sql.ts';
import { closeDuckDB } from '../../../server/src/events/event-duckdb.ts';
import type { DnsQueryEvent } from '../../../server/src/importers/types.ts';

const settings = { threads: 1, memoryMb: 256 };
let root: string;
let store: EventStore;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'events-'));
  store = { root, settings };
});
afterAll(async () => { await closeDuckDB(); });

const T0 = Date.parse('2016-05-04T13:05:15Z');
const ev = (i: number, over: Partial<DnsQueryEvent> = {}): DnsQueryEvent => ({
  ts: T0 + i * 60_000 * 7, client: i % 2 ? '217.12.96.15' : '167.73.110.8', qname: 'mail1.trump-email.com',
  qtype: 'A', rcode: 'NOERROR', answers: [{ name: 'mail1.trump-email.com', type: 'A', value: '66.216.133.29' }], ref: i + 2, ...over,
});

async function writeFile(sourceKey: string, sha: string, fromByte: number, events: DnsQueryEvent[], commit = true): Promise<EventWriter> {
  const w = await EventWriter.open({ root, sourceKey, fileKey: fileKeyOf(sha, fromByte), file: 'log.csv', settings });
  for (const e of events) w.add(e);
  if (commit) await w.commit();
  return w;
}
const count = async (sources: string[] | null = null) =>
  Number((await queryEvents(store, { sources }, 'SELECT count(*) AS n FROM events'))[0].n);

describe('layout', () => {
  it('percent-encodes source keys, names parts by file key and day', () => {
    expect(encodeSourceKey('src:ab12/ü x')).toBe('src%3Aab12%2F%C3%BC%20x');
    expect(fileKeyOf('AB'.repeat(32), 0)).toBe('ab'.repeat(8));
    expect(fileKeyOf('ab'.repeat(32), 1234)).toBe(`${'ab'.repeat(8)}-1234`);
    expect(dayOf(NaN)).toBe('none');
    expect(dayOf(T0)).toBe('2016-05-04');
    expect(partPath('/r', '2016-05-04', 'src:x', 'k', 0)).toBe('/r/day=2016-05-04/source=src%3Ax/part-k-0.parquet');
  });
});

describe('EventWriter', () => {
  it('writes every event with the contract columns, one part per day', async () => {
    const evs = Array.from({ length: 400 }, (_, i) => ev(i));
    evs.push(ev(400, { ts: NaN, client: undefined, rcode: undefined, answers: undefined }));
    evs.push(ev(401, { answers: [] }));
    await writeFile('src:one', 'a'.repeat(64), 0, evs);
    const parts = listParts(root, { sources: null });
    expect(parts.map((p) => path.relative(root, p))).toContain(`day=none/source=src%3Aone/part-${'a'.repeat(16)}-0.parquet`);
    expect(new Set(parts.map((p) => p.split('/').at(-3))).size).toBe(parts.length);
    expect(await count()).toBe(402);
    const cols = await queryEvents(store, { sources: null }, 'SELECT * FROM events WHERE line = 3');
    expect(cols).toEqual([{ ts: new Date(T0 + 7 * 60_000).toISOString(), client: '217.12.96.15', server: null, qname: 'mail1.trump-email.com', qtype: 'A', rcode: 'NOERROR', answers: ['A 66.216.133.29'], count: 1, source: 'src:one', file: 'log.csv', line: 3 }]);
    const none = await queryEvents(store, { sources: null }, 'SELECT ts, client, rcode, answers FROM events WHERE line = 402');
    expect(none).toEqual([{ ts: null, client: null, rcode: null, answers: null }]);
    expect((await queryEvents(store, { sources: null }, 'SELECT answers FROM events WHERE line = 403'))[0].answers).toEqual([]);
  });

  it('is exactly once: the same file written again rewrites the same parts', async () => {
    const evs = Array.from({ length: 100 }, (_, i) => ev(i));
    await writeFile('src:one', 'b'.repeat(64), 0, evs);
    const first = listParts(root, { sources: null });
    await writeFile('src:one', 'b'.repeat(64), 0, evs);
    expect(listParts(root, { sources: null })).toEqual(first);
    expect(await count()).toBe(100);
    // An appended segment of the grown file gets parts of its own.
    await writeFile('src:one', 'c'.repeat(64), 5000, [ev(200), ev(201)]);
    expect(await count()).toBe(102);
    expect(listParts(root, { sources: null }).some((p) => p.includes(`part-${'c'.repeat(16)}-5000-0.parquet`))).toBe(true);
  });

  it('never lets a reader see uncommitted (.tmp) parts; abort removes them', async () => {
    const w = await writeFile('src:two', 'd'.repeat(64), 0, [ev(1), ev(2)], false);
    await (w as unknown as { spill(): Promise<void> }).spill();
    const tmp = readdirSync(path.join(root, 'day=2016-05-04', 'source=src%3Atwo'));
    expect(tmp).toEqual([`part-${'d'.repeat(16)}-0.parquet.tmp`]);
    expect(await count()).toBe(0);
    await w.abort();
    expect(readdirSync(path.join(root, 'day=2016-05-04', 'source=src%3Atwo'))).toEqual([]);
  });

  it('removes every part of one source and nothing else', async () => {
    await writeFile('src:keep', 'e'.repeat(64), 0, [ev(1), ev(300)]);
    await writeFile('src:drop', 'f'.repeat(64), 0, [ev(1), ev(300), ev(2, { ts: NaN })]);
    expect(await count()).toBe(5);
    expect(await removeSourceEvents(root, 'src:drop')).toBe(3);
    expect(await count()).toBe(2);
    expect(listParts(root, { sources: null }).every((p) => p.includes('source=src%3Akeep'))).toBe(true);
    expect(existsSync(path.join(root, 'day=none'))).toBe(false);
  });

  it('reads only the sources asked for and the days of a window', async () => {
    await writeFile('src:a', '1'.repeat(64), 0, [ev(1), ev(300)]);
    await writeFile('src:b', '2'.repeat(64), 0, [ev(2)]);
    expect(await count(['src:a'])).toBe(2);
    expect(await count([])).toBe(0);
    const from = Date.parse('2016-05-05T00:00:00Z');
    expect(listParts(root, { sources: null, from }).every((p) => !p.includes('2016-05-04'))).toBe(true);
  });
});

describe('SQL over the events', () => {
  const limits = { maxRows: 100, maxBytes: 100_000, timeoutMs: 10_000 };
  it('answers a SELECT over the events view, with parameters and limits', async () => {
    await writeFile('src:s', '3'.repeat(64), 0, Array.from({ length: 50 }, (_, i) => ev(i)));
    const r = await runEventSql(store, 'SELECT client, count(*) AS n FROM events WHERE qname = $h GROUP BY client ORDER BY client', { sources: null, params: { h: 'mail1.trump-email.com' }, limits });
    expect(r.columns).toEqual(['client', 'n']);
    expect(r.rows).toEqual([{ client: '167.73.110.8', n: 25 }, { client: '217.12.96.15', n: 25 }]);
    const cut = await runEventSql(store, 'SELECT line FROM events ORDER BY line', { sources: null, limits: { ...limits, maxRows: 7 } });
    expect(cut.rows).toHaveLength(7);
    expect(cut.truncated).toBe(true);
    const bytes = await runEventSql(store, 'SELECT line FROM events ORDER BY line', { sources: null, limits: { ...limits, maxBytes: 50 } });
    expect(bytes.truncated).toBe(true);
    expect(bytes.rows.length).toBeLessThanOrEqual(5);
  });

  it('refuses anything but reading the events', async () => {
    const outside = path.join(root, '..', `outside-${path.basename(root)}.csv`);
    writeFileSync(outside, 'a,b\n1,2\n');
    const refused = async (q: string) => {
      // A table the statement could write to, so that only the read-only guard can refuse it.
      const prepare = async (c: { run(s: string): Promise<unknown> }) => { await c.run('CREATE TEMP TABLE t (a INTEGER)'); };
      const e = await runEventSql(store, q, { sources: null, limits, prepare }).then(() => null, (x) => x);
      return e?.code;
    };
    try {
      expect(await refused(`SELECT * FROM read_csv('${outside}')`)).toBe('QUERY_REFUSED');
      expect(await refused(`SELECT * FROM read_text('/etc/hostname')`)).toBe('QUERY_REFUSED');
      expect(await refused(`SELECT * FROM glob('/etc/*')`)).toBe('QUERY_REFUSED');
      expect(await refused(`COPY (SELECT 1) TO '${root}/x.csv'`)).toBe('QUERY_REFUSED');
      expect(await refused(`SELECT * FROM events; COPY (SELECT 1) TO '${root}/x.csv'`)).toBe('QUERY_REFUSED');
      expect(await refused(`ATTACH '${root}/x.db'`)).toBe('QUERY_REFUSED');
      expect(await refused('INSTALL httpfs')).toBe('QUERY_REFUSED');
      expect(await refused('LOAD httpfs')).toBe('QUERY_REFUSED');
      expect(await refused('PRAGMA version')).toBe('QUERY_REFUSED');
      expect(await refused("SET enable_external_access = true")).toBe('QUERY_REFUSED');
      expect(await refused('CREATE TABLE t AS SELECT 1')).toBe('QUERY_REFUSED');
      expect(await refused('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x')).toBe('QUERY_REFUSED');
      expect(await refused("CALL pragma_version()")).toBe('QUERY_REFUSED');
      expect(await refused('DROP VIEW events')).toBe('QUERY_REFUSED');
      expect(existsSync(path.join(root, 'x.csv'))).toBe(false);
      // …while reading the events is fine.
      expect(await refused('SELECT count(*) FROM events')).toBeUndefined();
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it('stops a query at the time limit', async () => {
    const e = await runEventSql(store, 'SELECT count(*) FROM range(100000000000) a', { sources: null, limits: { ...limits, timeoutMs: 200 } }).then(() => null, (x) => x);
    expect(e?.code).toBe('QUERY_TIMEOUT');
  });
});
