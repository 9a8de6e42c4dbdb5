// Sorted runs of DNS-edge aggregates, for answers too many to hold at once (a big passive-DNS
// export). One text line per edge; runs are merged in (type, from, to) order at the end.
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFileLines } from './run-lines.ts';
import type { RunFormat } from './sorted-runs.ts';

/** One DNS edge in the aggregation map (endpoints as ids). */
export interface DnsEdgeCell { t: number; from: number; to: number; count: number; first: number; last: number; rrtype: string; ref: number }

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');

function writeDnsRun(cells: Iterable<DnsEdgeCell>, write: (s: string) => void): void {
  let buf = '';
  for (const c of cells) {
    buf += `${c.t}\t${c.from}\t${c.to}\t${c.count}\t${num(c.first)}\t${num(c.last)}\t${c.rrtype}\t${c.ref}\n`;
    if (buf.length > 1 << 20) { write(buf); buf = ''; }
  }
  if (buf) write(buf);
}

function* readDnsRun(file: string): Generator<DnsEdgeCell> {
  for (const line of readFileLines(file)) {
    const f = line.split('\t');
    yield {
      t: Number(f[0]), from: Number(f[1]), to: Number(f[2]), count: Number(f[3]),
      first: f[4] === '' ? Infinity : Number(f[4]), last: f[5] === '' ? -Infinity : Number(f[5]), rrtype: f[6], ref: Number(f[7]),
    };
  }
}

/** DNS answer edges in runs: text lines ordered by (type, from, to), counts and times combined. */
export const DNS_RUNS: RunFormat<DnsEdgeCell> = {
  ext: 'tsv',
  write(file, cells) {
    const fd = openSync(file, 'w');
    try { writeDnsRun(cells, (s) => writeSync(fd, s)); } finally { closeSync(fd); }
  },
  read: readDnsRun,
  compare: (a, b) => a.t - b.t || a.from - b.from || a.to - b.to,
  combine(cur, b) {
    cur.count += b.count;
    if (b.first < cur.first || (b.first === cur.first && b.ref < cur.ref)) { cur.first = b.first; cur.ref = b.ref; }
    if (b.last > cur.last) cur.last = b.last;
  },
};

/** Cells of the per-type maps ordered by (type, from, to). */
export function* sortedCells(maps: Map<number, DnsEdgeCell>[]): Generator<DnsEdgeCell> {
  for (const m of maps) {
    const cells = [...m.values()].sort((a, b) => a.from - b.from || a.to - b.to);
    yield* cells;
  }
}
