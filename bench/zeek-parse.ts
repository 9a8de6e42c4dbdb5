// Zeek TSV parse benchmark: read, split lines, parse + normalize, and aggregate client→qname counts
// in a Map (what the importer does before writing QUERIED edges). One core.
//   npx tsx bench/zeek-parse.ts bench/out/dns-1m.log
import { createReadStream } from 'node:fs';
import { createZeekTsvParser } from '../server/src/importers/zeek/zeek-tsv.ts';
import { forEachLine } from '../server/src/importers/pipeline/read-input.ts';
import type { DnsQueryEvent, Sink } from '../server/src/importers/types.ts';

const file = process.argv[2] ?? 'bench/out/dns-1m.log';
const parser = createZeekTsvParser({ fileName: file });
const pairs = new Map<string, Map<string, number>>();
let events = 0, rejects = 0, answers = 0;
const sink: Sink = {
  query(e: DnsQueryEvent) {
    events++;
    answers += e.answers?.length ?? 0;
    const c = e.client ?? '-';
    let m = pairs.get(c);
    if (m === undefined) pairs.set(c, (m = new Map()));
    m.set(e.qname, (m.get(e.qname) ?? 0) + 1);
  },
  passive() {}, entity() {}, edge() {},
  reject() { rejects++; },
  note() {},
};

const t0 = performance.now();
// The importer's own line reader, so the figure is what `infragraph import` gets.
const { lines } = await forEachLine(createReadStream(file, { highWaterMark: 1 << 20 }), 0, 0, (line, no) => parser.line(line, no, sink), async () => {}, true,
  (b, s, e, no) => parser.bytes(b, s, e, no, sink));
const lineNo = lines;
parser.end(sink);
const secs = (performance.now() - t0) / 1000;
let distinct = 0;
for (const m of pairs.values()) distinct += m.size;
console.log(JSON.stringify({ file, lines: lineNo, events, rejects, answers, clients: pairs.size, pairs: distinct, seconds: +secs.toFixed(3), linesPerSec: Math.round(lineNo / secs) }));
