// Columnar aggregation of lookups: one slot per (client id, host id) in typed arrays, found by an
// open-addressing hash, with its 15-minute histogram as a linked list in a shared pool. Per event
// this costs a few array reads and writes instead of a string key, an object and a Map entry,
// which is what lets 10M-line logs aggregate at parse speed in a bounded heap.
//
// Memory stays bounded: past a budget the table is written out as a run sorted by (client, host)
// and emptied; at the end all runs and the remainder merge into one sorted stream, so every
// pair comes out once, fully aggregated, in an order that depends only on the input.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { RunFormat } from './sorted-runs.ts';

/** Histogram bucket width. 15 minutes keeps every real time-zone offset exact (e.g. +05:45). */
export const BUCKET_MS = 15 * 60 * 1000;

/** Bits for query types / response codes: codes past this many distinct ones are not recorded. */
export const MAX_CODES = 64;

/** One aggregated pair as the merge hands it out. */
export interface PairRecord {
  cid: number;
  hid: number;
  count: number;
  first: number;
  last: number;
  ref: number;
  /** Code bit sets, low and high 32 bits. */
  qLo: number; qHi: number; rLo: number; rHi: number;
  /** Histogram as flat [bucket, count, …] sorted by bucket. */
  buckets: number[];
}

const EMPTY = -1;

// Slot layout, chosen so one lookup touches few cache lines (big logs are bound by misses):
// ints[8s..]: cid, hid, count, histogram head, qLo, qHi, rLo, rHi · nums[4s..]: first, last, ref
// hist[3e..]: bucket, count, next entry · hash[2i..]: slot, hid (probes skip most slots unread).
const I = 8, F = 4, H = 3;

export class LookupTable {
  private cap = 0;
  private n = 0;
  private hash = new Int32Array(0);
  private ints = new Int32Array(0);
  private nums = new Float64Array(0);
  private hist = new Int32Array(0);
  private hLen = 0;

  constructor(readonly maxPairs: number, readonly maxHist: number) {
    this.grow(1024);
    this.hist = new Int32Array(4096 * H);
  }

  /** True when the table should be written out as a run. */
  get full(): boolean { return this.n >= this.maxPairs || this.hLen >= this.maxHist; }

  /** Count `n` lookups (default 1). `q`/`r` are code indices (< MAX_CODES) or -1; `ts` may be NaN. */
  add(c: number, h: number, ts: number, ref: number, q: number, r: number, n = 1): void {
    // Grow before probing: the slot a probe finds belongs to the table it probed.
    if (this.n >= this.cap) this.grow(this.cap * 2);
    const hash = this.hash;
    const mask = (hash.length >> 1) - 1;
    let i = (Math.imul(c, 0x9e3779b1) ^ Math.imul(h, 0x85ebca77)) & mask;
    let s: number;
    for (;;) {
      s = hash[2 * i];
      if (s === EMPTY) { s = this.insert(c, h, ref); hash[2 * i] = s; hash[2 * i + 1] = h; break; }
      if (hash[2 * i + 1] === h && this.ints[s * I] === c) break;
      i = (i + 1) & mask;
    }
    const ints = this.ints;
    const o = s * I;
    ints[o + 2] += n;
    if (q >= 0) ints[o + 4 + (q >> 5)] |= 1 << (q & 31);
    if (r >= 0) ints[o + 6 + (r >> 5)] |= 1 << (r & 31);
    if (ts !== ts) return;
    const nums = this.nums;
    const f = s * F;
    if (ts < nums[f] || (ts === nums[f] && ref < nums[f + 2])) { nums[f] = ts; nums[f + 2] = ref; }
    if (ts > nums[f + 1]) nums[f + 1] = ts;
    this.bump(o, Math.floor(ts / BUCKET_MS), n);
  }

  private insert(c: number, h: number, ref: number): number {
    const s = this.n++;
    const o = s * I;
    this.ints.fill(0, o, o + I);
    this.ints[o] = c; this.ints[o + 1] = h; this.ints[o + 3] = EMPTY;
    const f = s * F;
    this.nums[f] = Infinity; this.nums[f + 1] = -Infinity; this.nums[f + 2] = ref;
    return s;
  }

  /** Events mostly arrive in time order, so the newest bucket (the list head) is the usual hit. */
  private bump(o: number, b: number, n: number): void {
    let hist = this.hist;
    for (let e = this.ints[o + 3]; e !== EMPTY; e = hist[e * H + 2]) {
      if (hist[e * H] === b) { hist[e * H + 1] += n; return; }
    }
    if ((this.hLen + 1) * H > hist.length) {
      const g = new Int32Array(hist.length * 2); g.set(hist); this.hist = hist = g;
    }
    const e = this.hLen++;
    hist[e * H] = b; hist[e * H + 1] = n; hist[e * H + 2] = this.ints[o + 3];
    this.ints[o + 3] = e;
  }

  private grow(cap: number): void {
    const ints = new Int32Array(cap * I); ints.set(this.ints.subarray(0, this.n * I)); this.ints = ints;
    const nums = new Float64Array(cap * F); nums.set(this.nums.subarray(0, this.n * F)); this.nums = nums;
    this.cap = cap;
    // Load factor ≤ 0.5 keeps probe chains short.
    this.hash = new Int32Array(cap * 4).fill(EMPTY);
    const mask = cap * 2 - 1;
    for (let s = 0; s < this.n; s++) {
      const c = ints[s * I], h = ints[s * I + 1];
      let i = (Math.imul(c, 0x9e3779b1) ^ Math.imul(h, 0x85ebca77)) & mask;
      while (this.hash[2 * i] !== EMPTY) i = (i + 1) & mask;
      this.hash[2 * i] = s;
      this.hash[2 * i + 1] = h;
    }
  }

  /** Slots ordered by (client, host). */
  private order(): Uint32Array {
    const o = new Uint32Array(this.n);
    for (let s = 0; s < this.n; s++) o[s] = s;
    const ints = this.ints;
    return o.sort((a, b) => ints[a * I] - ints[b * I] || ints[a * I + 1] - ints[b * I + 1]);
  }

  private record(s: number): PairRecord {
    const h: number[] = [];
    const o = s * I, f = s * F, hist = this.hist, ints = this.ints;
    for (let e = ints[o + 3]; e !== EMPTY; e = hist[e * H + 2]) h.push(hist[e * H], hist[e * H + 1]);
    return {
      cid: ints[o], hid: ints[o + 1], count: ints[o + 2], first: this.nums[f], last: this.nums[f + 1], ref: this.nums[f + 2],
      qLo: ints[o + 4], qHi: ints[o + 5], rLo: ints[o + 6], rHi: ints[o + 7], buckets: sortPairs(h),
    };
  }

  /** The table's pairs in (client, host) order; then the table is empty. */
  *drain(): Generator<PairRecord> {
    const o = this.order();
    for (let k = 0; k < o.length; k++) yield this.record(o[k]);
    this.clear();
  }

  private clear(): void {
    this.n = 0;
    this.hLen = 0;
    this.hash.fill(EMPTY);
  }
}

/** Sort a flat [bucket, count, …] list by bucket. */
function sortPairs(h: number[]): number[] {
  if (h.length <= 2) return h;
  const idx: number[] = [];
  for (let i = 0; i < h.length; i += 2) idx.push(i);
  idx.sort((x, y) => h[x] - h[y]);
  const out: number[] = new Array(h.length);
  for (let k = 0; k < idx.length; k++) { out[2 * k] = h[idx[k]]; out[2 * k + 1] = h[idx[k] + 1]; }
  return out;
}

// Run files: fixed 64-byte header per record, then its histogram as (int32 bucket, uint32 count).
const HEADER = 64;

class RunWriter {
  private buf = Buffer.allocUnsafe(1 << 22);
  private at = 0;
  constructor(private readonly fd: number) {}

  put(r: PairRecord): void {
    const need = HEADER + r.buckets.length * 4;
    if (this.at + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    const b = this.buf;
    let o = this.at;
    b.writeInt32LE(r.cid, o); b.writeInt32LE(r.hid, o + 4);
    b.writeDoubleLE(r.count, o + 8); b.writeDoubleLE(r.first, o + 16); b.writeDoubleLE(r.last, o + 24); b.writeDoubleLE(r.ref, o + 32);
    b.writeInt32LE(r.qLo, o + 40); b.writeInt32LE(r.qHi, o + 44); b.writeInt32LE(r.rLo, o + 48); b.writeInt32LE(r.rHi, o + 52);
    b.writeUInt32LE(r.buckets.length / 2, o + 56); b.writeUInt32LE(0, o + 60);
    o += HEADER;
    for (let i = 0; i < r.buckets.length; i += 2) { b.writeInt32LE(r.buckets[i], o); b.writeUInt32LE(r.buckets[i + 1], o + 4); o += 8; }
    this.at = o;
  }

  flush(): void {
    let off = 0;
    while (off < this.at) off += writeSync(this.fd, this.buf, off, this.at - off);
    this.at = 0;
  }
}

/** Write (client, host)-sorted records as a run file. */
function writeRunFile(file: string, records: Iterable<PairRecord>): void {
  const fd = openSync(file, 'w');
  const w = new RunWriter(fd);
  try {
    for (const r of records) w.put(r);
    w.flush();
  } finally {
    closeSync(fd);
  }
}

/** Records of a run file, read in blocks (a handful of runs are open at once). */
function* readRun(file: string): Generator<PairRecord> {
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(1 << 20);
    let len = 0;
    let at = 0;
    let eof = false;
    const ensure = (n: number): boolean => {
      if (len - at >= n) return true;
      if (at > 0) { buf.copy(buf, 0, at, len); len -= at; at = 0; }
      if (n > buf.length) { const b = Buffer.allocUnsafe(n * 2); buf.copy(b, 0, 0, len); buf = b; }
      while (!eof && len < n) {
        const got = readSync(fd, buf, len, buf.length - len, null);
        if (got === 0) eof = true;
        len += got;
      }
      return len - at >= n;
    };
    while (ensure(HEADER)) {
      const o = at;
      const nb = buf.readUInt32LE(o + 56);
      if (!ensure(HEADER + nb * 8)) throw new Error(`${file}: truncated run`);
      const p = at;
      const buckets: number[] = new Array(nb * 2);
      for (let k = 0, q = p + HEADER; k < nb; k++, q += 8) { buckets[2 * k] = buf.readInt32LE(q); buckets[2 * k + 1] = buf.readUInt32LE(q + 4); }
      yield {
        cid: buf.readInt32LE(p), hid: buf.readInt32LE(p + 4), count: buf.readDoubleLE(p + 8), first: buf.readDoubleLE(p + 16),
        last: buf.readDoubleLE(p + 24), ref: buf.readDoubleLE(p + 32), qLo: buf.readInt32LE(p + 40), qHi: buf.readInt32LE(p + 44),
        rLo: buf.readInt32LE(p + 48), rHi: buf.readInt32LE(p + 52), buckets,
      };
      at = p + HEADER + nb * 8;
    }
  } finally {
    closeSync(fd);
  }
}

function combine(a: PairRecord, b: PairRecord): void {
  a.count += b.count;
  if (b.first < a.first || (b.first === a.first && b.ref < a.ref)) { a.first = b.first; a.ref = b.ref; }
  if (b.last > a.last) a.last = b.last;
  a.qLo |= b.qLo; a.qHi |= b.qHi; a.rLo |= b.rLo; a.rHi |= b.rHi;
  a.buckets = mergeHistograms(a.buckets, b.buckets);
}

/** Merge two bucket-sorted flat histograms, adding counts of equal buckets. */
function mergeHistograms(x: number[], y: number[]): number[] {
  if (!y.length) return x;
  if (!x.length) return y;
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) { out.push(x[i], x[i + 1] + y[j + 1]); i += 2; j += 2; }
    else if (x[i] < y[j]) { out.push(x[i], x[i + 1]); i += 2; }
    else { out.push(y[j], y[j + 1]); j += 2; }
  }
  for (; i < x.length; i += 2) out.push(x[i], x[i + 1]);
  for (; j < y.length; j += 2) out.push(y[j], y[j + 1]);
  return out;
}

/** Lookup pairs in runs: binary, ordered by (client, host), histograms merged. */
export const PAIR_RUNS: RunFormat<PairRecord> = {
  ext: 'bin',
  write: writeRunFile,
  read: readRun,
  compare: (a, b) => a.cid - b.cid || a.hid - b.hid,
  combine,
};
