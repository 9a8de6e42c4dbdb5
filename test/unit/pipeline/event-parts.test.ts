// Event-store parts written by the engine for Zeek TSV read by DuckDB: the layout of the event
// store contract (day and source directories, part names, columns in order), every accepted
// lookup once with its file:line and typed answers, the same names on a re-run, and the same
// parts as the parser's events through EventWriter (the tee) give.
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { Aggregator } from '../../../server/src/importers/pipeline/aggregate.ts';
import { loadZeekTsv } from '../../../server/src/importers/zeek/zeek-tsv-duckdb.ts';
import { writeEventParts } from '../../../server/src/importers/pipeline/duckdb-event-parts.ts';
import { EventWriter } from '../../../server/src/events/event-writer.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import type { Sink } from '../../../server/src/importers/types.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'parts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LINES = [
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-',
  '#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype_name\trcode_name\tanswers\tTTLs',
  '1467331200.000100\t217.12.96.15\t10.0.0.53\tmail1.trump-email.com\tA\tNOERROR\tmail1.trump-email.com.cdn.example,66.216.133.29\t60,60',
  '1467417599.999000\t217.12.97.15\t10.0.0.53\tMAIL1.trump-email.com.\tA\tNOERROR\t66.216.133.29\t60',
  '1467417600.000000\t217.12.96.15\t10.0.0.53\tmail1.trump-email.com\tMX\tNXDOMAIN\t-\t-',
  'XXXXXXXXXX.XXXXXX\t217.12.96.15\t-\tmasked.example.com\tA\t-\t-\t-',
  'not a line',
];

async function run(file: string, root: string, stageRows?: number) {
  const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, 'engine'), onChunk() {}, onReject() {} });
  await agg.open();
  try {
    expect((await loadZeekTsv(agg, { file, gz: false, takePartialLast: true })).handled).toBe(true);
    await agg.finish();
    const tmps = await writeEventParts(agg.db, { root, sourceKey: 'src:ab12', fileKey: '0123456789abcdef', file: 'dns.log' }, stageRows);
    expect(tmps.every((t) => t.endsWith('.parquet.tmp'))).toBe(true);
    // What EventWriter.commit() does with adopted parts.
    return tmps.map((t) => { renameSync(t, t.slice(0, -4)); return t.slice(0, -4); });
  } finally {
    await agg.cleanup();
  }
}

/** The same file through the parser into EventWriter, as the event tee has it. */
async function viaTee(file: string, root: string): Promise<string[]> {
  const w = await EventWriter.open({ root, sourceKey: 'src:ab12', fileKey: '0123456789abcdef', file: 'dns.log', settings: { threads: 1, memoryMb: 256 } });
  const p = createZeekTsvParser({});
  const sink: Sink = { query: (e) => w.add(e), passive() {}, entity() {}, edge() {}, reject() {}, note() {} };
  readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').forEach((line, i) => p.line(line, i + 1, sink));
  p.end(sink);
  return (await w.commit()).parts;
}

const partRows = async (part: string) => {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  return (await db.runAndReadAll(`SELECT * FROM read_parquet('${part}', hive_partitioning = false)`)).getRows();
};

describe('event-store parts from the DuckDB engine', () => {
  it('writes one part per day under the source, with every accepted lookup, its line and its answers', async () => {
    const file = path.join(tmp, 'dns.log');
    writeFileSync(file, LINES.join('\n') + '\n');
    const root = path.join(tmp, 'events');
    const parts = await run(file, root);
    expect(parts.map((p) => path.relative(root, p)).sort()).toEqual([
      'day=2016-07-01/source=src%3Aab12/part-0123456789abcdef-0.parquet',
      'day=2016-07-02/source=src%3Aab12/part-0123456789abcdef-0.parquet',
      'day=none/source=src%3Aab12/part-0123456789abcdef-0.parquet',
    ]);
    const again = await run(file, root);
    expect(again.sort()).toEqual(parts.sort());
    expect(readdirSync(path.dirname(parts[0]))).toEqual([path.basename(parts[0])]);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const cols = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${root}/**/*.parquet', hive_partitioning = false)`)).getRows().map((r) => `${r[0]} ${r[1]}`);
    expect(cols).toEqual(['ts TIMESTAMP', 'client VARCHAR', 'server VARCHAR', 'qname VARCHAR', 'qtype VARCHAR', 'rcode VARCHAR',
      'answers VARCHAR[]', 'count INTEGER', 'source VARCHAR', 'file VARCHAR', 'line BIGINT']);
    const rows = (await db.runAndReadAll(`SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.%g'), client, qname, qtype, rcode, answers::VARCHAR, count, source, file, line
      FROM read_parquet('${root}/**/*.parquet', hive_partitioning = false) ORDER BY line`)).getRows();
    expect(rows).toEqual([
      ['2016-07-01T00:00:00.000', '217.12.96.15', 'mail1.trump-email.com', 'A', 'NOERROR', '[CNAME mail1.trump-email.com.cdn.example, A 66.216.133.29]', 1, 'src:ab12', 'dns.log', 6n],
      ['2016-07-01T23:59:59.999', '217.12.97.15', 'mail1.trump-email.com', 'A', 'NOERROR', '[A 66.216.133.29]', 1, 'src:ab12', 'dns.log', 7n],
      ['2016-07-02T00:00:00.000', '217.12.96.15', 'mail1.trump-email.com', 'MX', 'NXDOMAIN', null, 1, 'src:ab12', 'dns.log', 8n],
      [null, '217.12.96.15', 'masked.example.com', 'A', null, null, 1, 'src:ab12', 'dns.log', 9n],
    ]);
  }, 60_000);

  it('cuts every stageRows lookups in line order, then per day, numbering each day\'s parts', async () => {
    const file = path.join(tmp, 'dns-cut.log');
    writeFileSync(file, LINES.join('\n') + '\n');
    const root = path.join(tmp, 'events-cut');
    const parts = await run(file, root, 1);
    const lines = async (p: string) => (await partRows(p)).map((r) => r[10]);
    const byName = new Map(parts.map((p) => [path.relative(root, p), p]));
    expect([...byName.keys()].sort()).toEqual([
      'day=2016-07-01/source=src%3Aab12/part-0123456789abcdef-0.parquet',
      'day=2016-07-01/source=src%3Aab12/part-0123456789abcdef-1.parquet',
      'day=2016-07-02/source=src%3Aab12/part-0123456789abcdef-0.parquet',
      'day=none/source=src%3Aab12/part-0123456789abcdef-0.parquet',
    ]);
    expect(await lines(byName.get('day=2016-07-01/source=src%3Aab12/part-0123456789abcdef-0.parquet')!)).toEqual([6n]);
    expect(await lines(byName.get('day=2016-07-01/source=src%3Aab12/part-0123456789abcdef-1.parquet')!)).toEqual([7n]);
    const two = await run(file, path.join(tmp, 'events-cut2'), 2);
    expect(two.map((p) => path.relative(path.join(tmp, 'events-cut2'), p)).sort()).toEqual([
      'day=2016-07-01/source=src%3Aab12/part-0123456789abcdef-0.parquet',
      'day=2016-07-02/source=src%3Aab12/part-0123456789abcdef-0.parquet',
      'day=none/source=src%3Aab12/part-0123456789abcdef-0.parquet',
    ]);
  }, 60_000);

  it('writes the parts the event tee writes for the same file (names, rows, row order)', async () => {
    const file = path.join(tmp, 'dns.log');
    writeFileSync(file, LINES.join('\n') + '\n');
    const engine = await run(file, path.join(tmp, 'e1'));
    const tee = await viaTee(file, path.join(tmp, 'e2'));
    expect(engine.map((p) => path.relative(path.join(tmp, 'e1'), p)).sort()).toEqual(tee.map((p) => path.relative(path.join(tmp, 'e2'), p)).sort());
    for (const p of engine) expect(await partRows(p)).toEqual(await partRows(path.join(tmp, 'e2', path.relative(path.join(tmp, 'e1'), p))));
  }, 60_000);
});
