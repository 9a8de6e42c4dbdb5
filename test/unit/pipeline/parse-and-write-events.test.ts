// The event store commits only once the graph has the file: after whatever loads the graph once
// the writes are done (the offline importer of a bulk load); a failure of that load leaves no part
// behind, committed or `.tmp`. No database: the writer is the bulk
// load's CSV writer and the graph load a stand-in that succeeds or fails.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAndWrite, specFor, type ImportOptions } from '../../../server/src/importers/pipeline/import-file.ts';
import { CsvGraphWriter } from '../../../server/src/importers/pipeline/csv-graph-writer.ts';
import type { LedgerEntry } from '../../../server/src/importers/pipeline/ledger.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';
import { DuckDBInstance } from '@duckdb/node-api';

const tmp = mkdtempSync(path.join(tmpdir(), 'paw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String);

async function run(name: string, afterWrites: (eventsDir: string) => Promise<void>) {
  const file = path.join(tmp, `${name}.log`);
  await generate('zeek-tsv', 3000, 3, file, 'heavy');
  const dataDir = path.join(tmp, name);
  const o: ImportOptions = { reportDir: path.join(dataDir, 'reports'), leanLookups: true, batchSize: 500, writers: 1, flushAt: 1000 };
  const eventsDir = path.join(dataDir, 'events');
  const sha = name.padEnd(64, '0');
  const entry: LedgerEntry = {
    key: sha, sourceKey: `src:${sha.slice(0, 16)}`, sourceName: name, path: name, format: 'zeek-tsv', status: 'running',
    bytes: 0, lines: 0, prefixSha: '', fromByte: 0, fromLine: 0, flushAt: 1000, batchSize: 500, gz: false, options: '{}',
  };
  const writer = new CsvGraphWriter(path.join(dataDir, 'csv'), { sourceKey: entry.sourceKey, refName: name, confidence: 0.9, histogram: false });
  await writer.open();
  const seg = { file, gz: false, fromByte: 0, fromLine: 0, takePartialLast: true };
  const result = parseAndWrite(writer, specFor('zeek-tsv'), seg, { fileName: name }, entry, o, name, sha, 0, () => afterWrites(eventsDir));
  return { result, eventsDir };
}

describe('parseAndWrite with a graph load after the writes', () => {
  it('commits the event store after the graph load, every lookup once', async () => {
    let seenDuringLoad: string[] | null = null;
    const { result, eventsDir } = await run('ok', async (dir) => {
      await writerSettled();
      seenDuringLoad = files(dir).filter((f) => f.endsWith('.parquet'));
    });
    const r = await result;
    expect(r.agg.counters.events).toBe(3000);
    expect(seenDuringLoad).toEqual([]);
    const parts = files(eventsDir);
    expect(parts.some((f) => f.endsWith('.parquet'))).toBe(true);
    expect(parts.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (await c.runAndReadAll(`SELECT count(*)::INTEGER, count(DISTINCT line)::INTEGER FROM read_parquet('${eventsDir}/**/*.parquet')`)).getRows();
    c.closeSync();
    db.closeSync();
    expect(rows).toEqual([[3000, 3000]]);
  });

  it('leaves no part when the graph load fails', async () => {
    const { result, eventsDir } = await run('fails', async () => {
      await writerSettled();
      throw new Error('offline importer failed');
    });
    await expect(result).rejects.toThrow('offline importer failed');
    expect(files(eventsDir).filter((f) => f.endsWith('.parquet') || f.endsWith('.tmp'))).toEqual([]);
  });
});

/** A graph load that takes a moment. */
function writerSettled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}
