// The import pipeline's tee into the event store, end to end against real Neo4j: every lookup of a
// file lands once; a grown file adds a segment whose parts carry its offset; an import run again
// after dying between its last write and its ledger entry rewrites the same parts; a failed import
// leaves nothing behind; and only the sources in the graph are read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importFile, type ImportOptions } from '../../../server/src/importers/pipeline/import-file.ts';
import { listParts, liveSources, queryEvents, type EventStore } from '../../../server/src/events/event-store.ts';
import { closeDuckDB } from '../../../server/src/events/event-duckdb.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-events-'));
const store: EventStore = { root: path.join(tmp, 'events'), settings: { threads: 1, memoryMb: 256 } };
const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports'), ...o,
});
beforeAll(() => resetDb(db));
afterAll(async () => { await closeDuckDB(); await db.close(); });

const header = 'timestamp,hostname,query_originator_ip\n';
const line = (i: number) => `2016-05-0${1 + (i % 9)}T1${i % 10}:00:0${i % 10}Z,host${i % 7}.example.com,192.0.2.${i % 5}\n`;

async function eventCount(): Promise<number> {
  const r = await queryEvents(store, { sources: await liveSources(db) }, 'SELECT count(*) AS n FROM events');
  return Number(r[0].n);
}
async function graphCount(): Promise<number> {
  const r = await db.read('MATCH (:IP)-[q:QUERIED]->(:Host) RETURN sum(q.count) AS n', {}, { caller: 'test' });
  return Number(r[0].n ?? 0);
}
const allFiles = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.parquet') || f.endsWith('.tmp')).sort();

describe('the event store beside the graph', () => {
  it('holds every lookup of a file once, and a grown file\'s new lines in parts named by their offset', async () => {
    const file = path.join(tmp, 'live.csv');
    const first = header + Array.from({ length: 100 }, (_, i) => line(i)).join('');
    writeFileSync(file, first);
    const a = await importFile(db, file, opts());
    expect(a.status).toBe('imported');
    expect(await eventCount()).toBe(100);
    const rows = await queryEvents(store, { sources: null }, "SELECT ts, client, qname, source, file, line FROM events WHERE line = 2");
    expect(rows).toEqual([{ ts: '2016-05-01T10:00:00.000Z', client: '192.0.2.0', qname: 'host0.example.com', source: a.sourceKey, file: 'live.csv', line: 2 }]);

    appendFileSync(file, Array.from({ length: 50 }, (_, i) => line(100 + i)).join(''));
    const b = await importFile(db, file, opts());
    expect(b).toMatchObject({ status: 'appended', sourceKey: a.sourceKey });
    expect(await eventCount()).toBe(150);
    expect(await eventCount()).toBe(await graphCount());
    expect(listParts(store.root, { sources: null }).some((p) => new RegExp(`part-[0-9a-f]{16}-${Buffer.byteLength(first)}-0\\.parquet$`).test(p))).toBe(true);

    expect((await importFile(db, file, opts())).status).toBe('unchanged');
    expect(await eventCount()).toBe(150);
  });

  it('rewrites the same parts when an import that died before its ledger entry runs again', async () => {
    await resetDb(db);
    const file = path.join(tmp, 'again.csv');
    writeFileSync(file, header + Array.from({ length: 80 }, (_, i) => line(i * 3)).join(''));
    const a = await importFile(db, file, opts());
    const before = allFiles(store.root);
    // As if killed after its parts were moved into place but before the ledger said done.
    await db.write("MATCH (l:ImportLedger) SET l.status = 'running'", {}, { caller: 'test' });
    const b = await importFile(db, file, opts());
    expect(b).toMatchObject({ status: 'resumed', sourceKey: a.sourceKey });
    expect(allFiles(store.root)).toEqual(before);
    expect(await eventCount()).toBe(80);
  });

  it('reads only the sources in the graph: a wiped graph re-imported counts once', async () => {
    await resetDb(db);
    expect(await eventCount()).toBe(0);
    const file = path.join(tmp, 'again.csv');
    await importFile(db, file, opts());
    expect(await eventCount()).toBe(80);
  });

  it('leaves no part behind when the import fails', async () => {
    await resetDb(db);
    const file = path.join(tmp, 'fails.csv');
    writeFileSync(file, header + Array.from({ length: 30 }, (_, i) => line(i)).join(''));
    const before = allFiles(store.root);
    // Stopped from outside (a progress callback that gives up) after the parse has fed the event writer.
    const stop = () => { throw new Error('stopped by the caller'); };
    await expect(importFile(db, file, opts({ onProgress: stop }))).rejects.toThrow('stopped by the caller');
    expect(allFiles(store.root)).toEqual(before);
    expect(await eventCount()).toBe(0);
    // Run again to the end, the file's events are there once.
    await importFile(db, file, opts());
    expect(await eventCount()).toBe(30);
  });
});
