// Zeek TSV parse benchmark, one core: read with the importer's own line reader, parse +
// normalize, and aggregate. Two aggregations are timed on the same file:
//   counts    client → query name counts in Maps (the same work as bench/zat/zat-read.py)
//   importer  the importer's Aggregator (node interning, lookup pairs with histograms, DNS edges)
//   npx tsx bench/zeek-parse.ts bench/out/dns-1m.log [counts|importer]
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createZeekTsvParser } from '../server/src/importers/zeek/zeek-tsv.ts';
import { forEachLine } from '../server/src/importers/pipeline/read-input.ts';
import { Aggregator } from '../server/src/importers/pipeline/aggregate.ts';
import type { DnsQueryEvent, Sink } from '../server/src/importers/types.ts';

const file = process.argv[2] ?? 'bench/out/dns-1m.log';
const modes = process.argv[3] ? [process.argv[3]] : ['counts', 'importer'];

async function run(sink: Sink): Promise<{ lines: number; seconds: number }> {
  const parser = createZeekTsvParser({ fileName: file });
  const t0 = performance.now();
  const { lines } = await forEachLine(createReadStream(file, { highWaterMark: 1 << 20 }), 0, 0, (line, no) => parser.line(line, no, sink), async () => {}, true,
    (b, s, e, no) => parser.bytes(b, s, e, no, sink));
  parser.end(sink);
  return { lines, seconds: (performance.now() - t0) / 1000 };
}

for (const mode of modes) {
  if (mode === 'counts') {
    const pairs = new Map<string, Map<string, number>>();
    let events = 0, rejects = 0;
    const sink: Sink = {
      query(e: DnsQueryEvent) {
        events++;
        const c = e.client ?? '-';
        let m = pairs.get(c);
        if (m === undefined) pairs.set(c, (m = new Map()));
        m.set(e.qname, (m.get(e.qname) ?? 0) + 1);
      },
      passive() {}, entity() {}, edge() {}, note() {},
      reject() { rejects++; },
    };
    const r = await run(sink);
    let distinct = 0;
    for (const m of pairs.values()) distinct += m.size;
    console.log(JSON.stringify({ mode, file, lines: r.lines, events, rejects, clients: pairs.size, pairs: distinct, seconds: +r.seconds.toFixed(3), linesPerSec: Math.round(r.lines / r.seconds) }));
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'zeek-parse-'));
    const agg = new Aggregator({ flushAt: 100_000, spillDir: path.join(dir, 'spill'), onChunk() {}, onReject() {} });
    const r = await run(agg);
    agg.finish();
    // The aggregates as the writer would take them (runs merged, pairs sorted), timed apart.
    const t1 = performance.now();
    let pairs = 0, dns = 0;
    for (const _ of agg.lookups()) pairs++;
    for (const _ of agg.dnsEdges()) dns++;
    const drain = (performance.now() - t1) / 1000;
    agg.cleanup();
    rmSync(dir, { recursive: true, force: true });
    console.log(JSON.stringify({ mode, file, lines: r.lines, events: agg.counters.events, rejects: agg.counters.rejects, pairs, dnsEdges: dns, nodes: agg.tables.Host.size + agg.tables.IP.size + agg.tables.Domain.size, seconds: +r.seconds.toFixed(3), linesPerSec: Math.round(r.lines / r.seconds), drainSeconds: +drain.toFixed(3) }));
  }
}
