// Zeek TSV parse benchmark, one core: read with the importer's own line reader, parse +
// normalize, and aggregate. Two aggregations are timed on the same file:
//   counts    client → query name counts (the same work as bench/zat/zat-read.py)
//   importer  the importer's Aggregator (node interning, lookup pairs with histograms, DNS edges)
//   npx tsx bench/zeek-parse.ts bench/out/dns-1m.log [counts|importer]
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createZeekTsvParser } from '../server/src/importers/zeek/zeek-tsv.ts';
import { forEachLine } from '../server/src/importers/pipeline/read-input.ts';
import { Aggregator } from '../server/src/importers/pipeline/aggregate.ts';
import { LookupTable } from '../server/src/importers/pipeline/lookup-table.ts';
import type { DnsQueryEvent, Sink } from '../server/src/importers/types.ts';

const file = process.argv[2] ?? 'bench/out/dns-1m.log';
const modes = process.argv[3] ? [process.argv[3]] : ['counts', 'importer'];

/** Memory at the end of the parse (before draining), MB: the process, the JS heap, typed arrays. */
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: live data only
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), arrayBuffersMb: mb(m.arrayBuffers) };
};

async function run(sink: Sink): Promise<{ lines: number; seconds: number; memory: ReturnType<typeof memory> }> {
  const parser = createZeekTsvParser({ fileName: file });
  const t0 = performance.now();
  const { lines } = await forEachLine(createReadStream(file, { highWaterMark: 1 << 20 }), 0, 0, (line, no) => parser.line(line, no, sink), async () => {}, true,
    (b, s, e, no) => parser.bytes(b, s, e, no, sink));
  parser.end(sink);
  return { lines, seconds: (performance.now() - t0) / 1000, memory: memory() };
}

/** lines/s counts the drain too (reading the aggregate out; the Python side needs none). */
function report(result: object, r: Awaited<ReturnType<typeof run>>, drain: number): void {
  const total = r.seconds + drain;
  console.log(JSON.stringify({
    ...result, lines: r.lines, seconds: +total.toFixed(3), parseSeconds: +r.seconds.toFixed(3), drainSeconds: +drain.toFixed(3),
    linesPerSec: Math.round(r.lines / total), ...r.memory,
  }));
}

for (const mode of modes) {
  if (mode === 'counts') {
    // Names and clients numbered once (the reader keeps the numbers beside its cached values,
    // as it does for the importer), then a counter per (client, name) pair in the importer's
    // pair table, without times or codes: the counts zat builds in its dicts.
    const hostIds = new Map<string, number>(), ipIds = new Map<string, number>();
    const number = (m: Map<string, number>) => (key: string) => { let id = m.get(key); if (id === undefined) m.set(key, (id = m.size)); return id; };
    const interner = { host: number(hostIds), ip: number(ipIds) };
    const table = new LookupTable(1 << 30, 1 << 30);
    let events = 0, rejects = 0;
    const sink: Sink = {
      interner,
      sharesAnswers: true,
      query(e: DnsQueryEvent) {
        events++;
        const c = e.clientId ?? (e.client === undefined ? ipIds.size + 1e6 : interner.ip(e.client));
        table.add(c, e.qnameId ?? interner.host(e.qname), NaN, 0, -1, -1);
      },
      passive() {}, entity() {}, edge() {}, note() {},
      reject() { rejects++; },
    };
    const r = await run(sink);
    const t1 = performance.now();
    const clients = new Set<number>();
    let pairs = 0, counted = 0;
    for (const p of table.drain()) { clients.add(p.cid); pairs++; counted += p.count; }
    report({ mode, file, events, counted, rejects, clients: clients.size, pairs }, r, (performance.now() - t1) / 1000);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'zeek-parse-'));
    const agg = new Aggregator({ flushAt: 100_000, spillDir: path.join(dir, 'spill'), onChunk() {}, onReject() {} });
    const r = await run(agg);
    agg.finish();
    // The aggregates as the writer would take them (runs merged, pairs sorted).
    const t1 = performance.now();
    let pairs = 0, dns = 0;
    for (const _ of agg.lookups()) pairs++;
    for (const _ of agg.dnsEdges()) dns++;
    const drain = (performance.now() - t1) / 1000;
    agg.cleanup();
    rmSync(dir, { recursive: true, force: true });
    report({ mode, file, events: agg.counters.events, rejects: agg.counters.rejects, pairs, dnsEdges: dns, nodes: agg.tables.Host.size + agg.tables.IP.size + agg.tables.Domain.size }, r, drain);
  }
}
