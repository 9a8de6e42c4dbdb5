// External aggregation for large imports. The aggregator's memory is bounded, so a big log is
// aggregated in chunks; the same (client, name) pair then recurs in several chunks, and writing
// each chunk would MERGE into edges already written — the slow path on busy nodes. Instead each
// chunk's lookups and DNS edges are sorted and spilled to a temporary file, and a k-way merge
// streams every pair once, fully aggregated: new edges are then plain CREATEs.
// Spill files hold only what the input determines, so a re-run spills and merges identically.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { addToBucket, type Chunk, type DnsEdgeAgg, type LookupAgg } from './aggregate.ts';
import type { NodeKind } from '../types.ts';

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');
const parseNum = (s: string, missing: number) => (s === '' ? missing : Number(s));

function lookupLine(l: LookupAgg): string {
  return `${l.client}\t${l.host}\t${l.count}\t${num(l.first)}\t${num(l.last)}\t${l.ref}\t${l.qtypes.join(',')}\t${l.rcodes.join(',')}\t${l.buckets.join(',')}\n`;
}

function parseLookup(line: string): LookupAgg {
  const f = line.split('\t');
  const buckets = f[8] ? f[8].split(',').map(Number) : [];
  return {
    client: f[0], host: f[1], count: Number(f[2]), first: parseNum(f[3], Infinity), last: parseNum(f[4], -Infinity), ref: Number(f[5]),
    qtypes: f[6] ? f[6].split(',') : [], rcodes: f[7] ? f[7].split(',') : [], buckets,
  };
}

function mergeLookup(a: LookupAgg, b: LookupAgg): void {
  a.count += b.count;
  if (b.first < a.first) { a.first = b.first; a.ref = b.ref; }
  if (b.last > a.last) a.last = b.last;
  for (const t of b.qtypes) if (!a.qtypes.includes(t)) a.qtypes.push(t);
  for (const t of b.rcodes) if (!a.rcodes.includes(t)) a.rcodes.push(t);
  for (let i = 0; i < b.buckets.length; i += 2) addToBucket(a.buckets, b.buckets[i], b.buckets[i + 1]);
}

function dnsLine(e: DnsEdgeAgg): string {
  return `${e.type}\t${e.fromKind}\t${e.from}\t${e.toKind}\t${e.to}\t${e.count}\t${num(e.first)}\t${num(e.last)}\t${e.rrtype}\t${e.ref}\n`;
}

function parseDns(line: string): DnsEdgeAgg {
  const f = line.split('\t');
  return {
    type: f[0] as DnsEdgeAgg['type'], fromKind: f[1] as NodeKind, from: f[2], toKind: f[3] as NodeKind, to: f[4],
    count: Number(f[5]), first: parseNum(f[6], Infinity), last: parseNum(f[7], -Infinity), rrtype: f[8], ref: Number(f[9]),
  };
}

function mergeDns(a: DnsEdgeAgg, b: DnsEdgeAgg): void {
  a.count += b.count;
  if (b.first < a.first) { a.first = b.first; a.ref = b.ref; }
  if (b.last > a.last) a.last = b.last;
}

const lookupKey = (l: LookupAgg) => l.client + '\t' + l.host;
const dnsKey = (e: DnsEdgeAgg) => `${e.type}\t${e.fromKind}\t${e.from}\t${e.toKind}\t${e.to}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function writeSorted<T>(file: string, items: T[], key: (x: T) => string, line: (x: T) => string): Promise<void> {
  const keyed = items.map((x) => [key(x), x] as const).sort((a, b) => cmp(a[0], b[0]));
  const out = createWriteStream(file);
  let buf = '';
  for (const [, x] of keyed) {
    buf += line(x);
    if (buf.length > 1 << 16) { if (!out.write(buf)) await once(out, 'drain'); buf = ''; }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * Lines of a file, read on demand. (readline's async iterator keeps reading ahead and queues
 * lines without bound; with dozens of spill files open at once that fills the heap.)
 */
async function* lines(file: string): AsyncGenerator<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    let rest = '';
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      const text = rest + buf.toString('utf8', 0, bytesRead);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest) yield rest;
  } finally {
    await fh.close();
  }
}

/** k-way merge of sorted spill files; equal keys are combined. */
async function* mergeFiles<T>(files: string[], parse: (l: string) => T, key: (x: T) => string, combine: (a: T, b: T) => void): AsyncGenerator<T> {
  const its = files.map((f) => lines(f));
  const heads: ({ k: string; v: T } | null)[] = [];
  const pull = async (i: number) => {
    const r = await its[i].next();
    heads[i] = r.done ? null : (() => { const v = parse(r.value); return { k: key(v), v }; })();
  };
  await Promise.all(its.map((_, i) => pull(i)));
  for (;;) {
    // k is small (one file per chunk): a linear scan for the minimum is simpler than a heap.
    let min = -1;
    for (let i = 0; i < heads.length; i++) if (heads[i] && (min < 0 || heads[i]!.k < heads[min]!.k)) min = i;
    if (min < 0) return;
    const cur = heads[min]!;
    await pull(min);
    for (let i = 0; i < heads.length; i++) {
      while (heads[i] && heads[i]!.k === cur.k) { combine(cur.v, heads[i]!.v); await pull(i); }
    }
    yield cur.v;
  }
}

export class EdgeSpill {
  private n = 0;
  private readonly lookupFiles: string[] = [];
  private readonly dnsFiles: string[] = [];

  constructor(private readonly dir: string) {}

  get chunks(): number { return this.n; }

  async add(c: Chunk): Promise<void> {
    if (this.n === 0) { rmSync(this.dir, { recursive: true, force: true }); mkdirSync(this.dir, { recursive: true }); }
    const i = this.n++;
    const lf = path.join(this.dir, `lookups-${i}.tsv`);
    const df = path.join(this.dir, `dns-${i}.tsv`);
    await writeSorted(lf, c.lookups, lookupKey, lookupLine);
    await writeSorted(df, c.dnsEdges, dnsKey, dnsLine);
    this.lookupFiles.push(lf);
    this.dnsFiles.push(df);
  }

  lookups(): AsyncGenerator<LookupAgg> {
    return mergeFiles(this.lookupFiles, parseLookup, lookupKey, mergeLookup);
  }

  dnsEdges(): AsyncGenerator<DnsEdgeAgg> {
    return mergeFiles(this.dnsFiles, parseDns, dnsKey, mergeDns);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
