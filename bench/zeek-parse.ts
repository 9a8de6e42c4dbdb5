// Parse + normalize + aggregate of one Zeek TSV dns.log by the import engine, as a whole process:
// DuckDB reads the file (pipeline/duckdb-zeek-tsv.ts), the aggregation runs in SQL, and every
// aggregate is read out as the graph writer takes it (lookup pairs with histograms, DNS edges,
// node lists). Nothing is written to Neo4j.
//   npx tsx bench/zeek-parse.ts bench/out/dns-zeek-tsv-heavy-1000000.log [--threads N] [--memory 1GB] [--histogram] [--no-read-out]
// --no-read-out stops where bench/duckdb-bare.ts stops: every aggregate materialized in the engine
// (nodes numbered, registered domains computed), nothing read into JavaScript objects. The bulk
// load goes on from there (DuckDB writes the CSVs); the transactional writer reads the aggregates
// out, which is what the default run adds.
// Lookups are lean (no 15-minute histogram) as the importer writes them by default; --histogram
// aggregates the histogram too (INFRAGRAPH_IMPORT_LEAN_LOOKUPS=0).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Aggregator } from '../server/src/importers/pipeline/aggregate.ts';
import { loadZeekTsv } from '../server/src/importers/zeek/zeek-tsv-duckdb.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string' }, memory: { type: 'string' }, histogram: { type: 'boolean', default: false }, 'no-read-out': { type: 'boolean', default: false } } });
const file = positionals[0] ?? 'bench/out/dns-zeek-tsv-heavy-1000000.log';
const t0 = performance.now();
const dir = mkdtempSync(path.join(tmpdir(), 'zeek-parse-'));
let rejects = 0;
const agg = new Aggregator({
  flushAt: 100_000, spillDir: path.join(dir, 'engine'), onChunk() {}, onReject() { rejects++; },
  threads: values.threads ? Number(values.threads) : undefined, memoryLimit: values.memory, histogram: values.histogram,
});
try {
  await agg.open();
  const z = await loadZeekTsv(agg, { file, gz: false, takePartialLast: true });
  if (!z.handled) throw new Error(`not read by DuckDB: ${z.reason}`);
  const t1 = performance.now();
  await agg.finish();
  const t2 = performance.now();
  const nodes = agg.takeNewNodes();
  let pairs = 0, counted = 0, buckets = 0, dns = 0;
  if (values['no-read-out']) {
    // Row counts only: with histograms that is (pair, bucket) rows, not pairs (counting those
    // would take a DISTINCT the engine itself never runs: 73 ms on the 1M-line uniform log).
    const [[p, c, d]] = await agg.db.rows(`SELECT (SELECT count(*) FROM ${values.histogram ? 'pb' : 'pl'})::DOUBLE,
      (SELECT sum(n) FROM ${values.histogram ? 'pb' : 'pl'})::DOUBLE, (SELECT count(*) FROM dn)::DOUBLE`);
    if (values.histogram) buckets = p as number; else pairs = p as number;
    [counted, dns] = [c, d] as number[];
  } else {
    for await (const l of agg.lookups()) { pairs++; counted += l.count; buckets += l.buckets.length / 2; }
    for await (const _ of agg.dnsEdges()) dns++;
  }
  const t3 = performance.now();
  const s = (a: number, b: number) => +((b - a) / 1000).toFixed(3);
  console.log(JSON.stringify({
    file, lines: z.lines, events: agg.counters.events, rejects, pairs, counted, buckets, dns,
    hosts: nodes.Host.length, ips: nodes.IP.length, domains: nodes.Domain.length,
    seconds: s(t0, t3), loadSeconds: s(t0, t1), aggregateSeconds: s(t1, t2), drainSeconds: s(t2, t3),
    linesPerSec: Math.round(z.lines / ((t3 - t0) / 1000)), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  }));
} finally {
  await agg.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
