// Longest-prefix match over address ranges, for linking millions of IPs to the prefixes of a
// 500k-range ASN table. No maintained npm package does arbitrary (non-CIDR, overlapping) ranges
// over both families with typed-array storage, so it is written here.
//
// build() flattens the ranges into a sorted table of non-overlapping segments, each labelled
// with the most specific range covering it (the smallest; on equal size the one added last).
// lookup() is then one binary search: IPv4 over Uint32Arrays of numbers, IPv6 over four
// Uint32 words per bound, so no BigInt is created per lookup (BigInt is used in build only).
import ipaddr from 'ipaddr.js';
import { parseV4, parseV6 } from '../normalize/ip-range.ts';

interface Segments {
  starts: number[] | bigint[];
  ends: number[] | bigint[];
  vals: number[];
}

/**
 * Sweep over range boundaries with a min-heap of open ranges (by size, then by insertion order,
 * later first). Written once for number and bigint: the operations used (<, -, +) behave the
 * same on both, so the bigint arrays are passed through the number signature.
 */
function flatten(starts: number[], ends: number[], one: number): Segments {
  const n = starts.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (starts[a] < starts[b] ? -1 : starts[a] > starts[b] ? 1 : a - b));
  const sizes = new Array<number>(n);
  for (let i = 0; i < n; i++) sizes[i] = ends[i] - starts[i];
  const heap: number[] = [];
  const better = (a: number, b: number) => (sizes[a] < sizes[b] ? true : sizes[a] > sizes[b] ? false : a > b);
  const push = (x: number) => {
    let i = heap.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = () => {
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[l], heap[m])) m = l;
      if (r < heap.length && better(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  // Boundaries: every start and every end+1, ascending, deduplicated.
  const points: number[] = [];
  for (let i = 0; i < n; i++) points.push(starts[i], ends[i] + one);
  points.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Segments = { starts: [], ends: [], vals: [] };
  const oS = out.starts as number[], oE = out.ends as number[];
  let next = 0;
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    if (k > 0 && points[k - 1] === p) continue;
    while (next < n && starts[order[next]] === p) push(order[next++]);
    while (heap.length > 0 && ends[heap[0]] < p) pop();
    if (heap.length === 0) continue;
    const top = heap[0];
    // Segment runs to the next boundary (exclusive), or to the end of the top range.
    let q = k + 1;
    while (q < points.length && points[q] === p) q++;
    const segEnd = q < points.length ? points[q] - one : ends[top];
    const last = out.vals.length - 1;
    if (last >= 0 && out.vals[last] === top && oE[last] + one === p) oE[last] = segEnd;
    else {
      oS.push(p);
      oE.push(segEnd);
      out.vals.push(top);
    }
  }
  return out;
}

/**
 * The IPv4 case of flatten() on typed arrays: the native numeric sort of a Float64Array is far
 * faster than Array.sort with a comparator, which dominated build time at 500k ranges.
 * Sort keys pack (start, index) into one double: start < 2^32 and index < 2^21 fit in 53 bits.
 */
function flattenV4(starts: number[], ends: number[]): { s: Uint32Array; e: Uint32Array; v: Int32Array } {
  const n = starts.length;
  if (n >= 2 ** 21) return toTyped(flatten(starts, ends, 1));
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = starts[i] * 2097152 + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i] % 2097152;
  const points = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = starts[i];
    points[2 * i + 1] = ends[i] + 1;
  }
  points.sort();
  const sizes = new Float64Array(n);
  for (let i = 0; i < n; i++) sizes[i] = ends[i] - starts[i];
  const heap = new Int32Array(n);
  let hn = 0;
  const better = (a: number, b: number) => sizes[a] < sizes[b] || (sizes[a] === sizes[b] && a > b);
  const oS = new Uint32Array(2 * n), oE = new Uint32Array(2 * n), oV = new Int32Array(2 * n);
  let m = 0;
  let next = 0;
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    if (k > 0 && points[k - 1] === p) continue;
    while (next < n && starts[order[next]] === p) {
      let i = hn++;
      heap[i] = order[next++];
      while (i > 0) {
        const par = (i - 1) >> 1;
        if (!better(heap[i], heap[par])) break;
        const t = heap[i]; heap[i] = heap[par]; heap[par] = t;
        i = par;
      }
    }
    while (hn > 0 && ends[heap[0]] < p) {
      heap[0] = heap[--hn];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let b = i;
        if (l < hn && better(heap[l], heap[b])) b = l;
        if (r < hn && better(heap[r], heap[b])) b = r;
        if (b === i) break;
        const t = heap[i]; heap[i] = heap[b]; heap[b] = t;
        i = b;
      }
    }
    if (hn === 0) continue;
    const top = heap[0];
    let q = k + 1;
    while (q < points.length && points[q] === p) q++;
    const segEnd = q < points.length ? points[q] - 1 : ends[top];
    if (m > 0 && oV[m - 1] === top && oE[m - 1] + 1 === p) oE[m - 1] = segEnd;
    else {
      oS[m] = p;
      oE[m] = segEnd;
      oV[m++] = top;
    }
  }
  return { s: oS.slice(0, m), e: oE.slice(0, m), v: oV.slice(0, m) };
}

function toTyped(f: Segments): { s: Uint32Array; e: Uint32Array; v: Int32Array } {
  return { s: Uint32Array.from(f.starts as number[]), e: Uint32Array.from(f.ends as number[]), v: Int32Array.from(f.vals) };
}

function v6Words(v: bigint, into: Uint32Array, at: number): void {
  into[at] = Number((v >> 96n) & 0xffffffffn);
  into[at + 1] = Number((v >> 64n) & 0xffffffffn);
  into[at + 2] = Number((v >> 32n) & 0xffffffffn);
  into[at + 3] = Number(v & 0xffffffffn);
}

/** Compare the 4-word address in `a` at offset `i` with the words w0..w3. */
function cmp6(a: Uint32Array, i: number, w: Uint32Array): number {
  for (let k = 0; k < 4; k++) {
    const x = a[i + k], y = w[k];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export class PrefixIndex {
  private keys: string[] = [];
  private v4Start: number[] = [];
  private v4End: number[] = [];
  private v4Key: number[] = [];
  private v6Start: bigint[] = [];
  private v6End: bigint[] = [];
  private v6Key: number[] = [];
  private keyIds = new Map<string, number>();
  private s4: Uint32Array = new Uint32Array(0);
  private e4: Uint32Array = new Uint32Array(0);
  private k4: Int32Array = new Int32Array(0);
  /** bucket4[h] = first segment whose end reaches h·2^16: narrows the search to one /16's segments. */
  private bucket4 = new Int32Array(65537);
  private s6 = new Uint32Array(0);
  private e6 = new Uint32Array(0);
  private k6 = new Int32Array(0);
  private probe = new Uint32Array(4);
  private built = true;

  /** Add an inclusive range. Returns false (and adds nothing) when the bounds are not addresses of one family in order. */
  add(startIp: string, endIp: string, prefixKey: string): boolean {
    const a = parseV4(startIp);
    if (a >= 0) {
      const b = parseV4(endIp);
      if (b < a) return false;
      return this.addV4(a, b, prefixKey);
    }
    const a6 = parseV6(startIp), b6 = parseV6(endIp);
    if (a6 === null || b6 === null || b6 < a6) return false;
    this.v6Start.push(a6);
    this.v6End.push(b6);
    this.v6Key.push(this.keyId(prefixKey));
    this.built = false;
    return true;
  }

  /** Fast path for callers that already hold IPv4 numbers. */
  addV4(start: number, end: number, prefixKey: string): boolean {
    if (!(start >= 0 && end >= start && end <= 4294967295)) return false;
    this.v4Start.push(start);
    this.v4End.push(end);
    this.v4Key.push(this.keyId(prefixKey));
    this.built = false;
    return true;
  }

  private keyId(k: string): number {
    let id = this.keyIds.get(k);
    if (id === undefined) {
      id = this.keys.push(k) - 1;
      this.keyIds.set(k, id);
    }
    return id;
  }

  build(): void {
    const f4 = flattenV4(this.v4Start, this.v4End);
    this.s4 = f4.s;
    this.e4 = f4.e;
    this.k4 = f4.v;
    for (let i = 0; i < f4.v.length; i++) this.k4[i] = this.v4Key[f4.v[i]];
    let seg = 0;
    for (let h = 0; h <= 65536; h++) {
      const base = h * 65536;
      while (seg < this.e4.length && this.e4[seg] < base) seg++;
      this.bucket4[h] = seg;
    }

    const f6 = flatten(this.v6Start as unknown as number[], this.v6End as unknown as number[], 1n as unknown as number);
    const n6 = f6.vals.length;
    this.s6 = new Uint32Array(4 * n6);
    this.e6 = new Uint32Array(4 * n6);
    this.k6 = new Int32Array(n6);
    for (let i = 0; i < n6; i++) {
      v6Words((f6.starts as bigint[])[i], this.s6, 4 * i);
      v6Words((f6.ends as bigint[])[i], this.e6, 4 * i);
      this.k6[i] = this.v6Key[f6.vals[i]];
    }
    this.built = true;
  }

  /** Number of flattened segments (both families), for reports. */
  get segmentCount(): number {
    return this.k4.length + this.k6.length;
  }

  /** Key of the most specific range containing ip, or null. */
  lookup(ip: string): string | null {
    if (!this.built) throw new Error('PrefixIndex.lookup before build()');
    const v = parseV4(ip);
    if (v >= 0) return this.lookupV4(v);
    return ip.includes(':') ? this.lookupV6(ip) : null;
  }

  lookupV4(v: number): string | null {
    const s = this.s4;
    const h = Math.floor(v / 65536);
    let lo = this.bucket4[h], hi = Math.min(this.bucket4[h + 1], s.length - 1);
    // Last segment whose start is <= v.
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= v) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0 || this.e4[hi] < v) return null;
    return this.keys[this.k4[hi]];
  }

  private lookupV6(ip: string): string | null {
    if (!ipaddr.IPv6.isValid(ip)) return null;
    const parts = ipaddr.IPv6.parse(ip).parts;
    const w = this.probe;
    for (let k = 0; k < 4; k++) w[k] = parts[2 * k] * 65536 + parts[2 * k + 1];
    const s = this.s6;
    let lo = 0, hi = this.k6.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp6(s, 4 * mid, w) <= 0) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0 || cmp6(this.e6, 4 * hi, w) < 0) return null;
    return this.keys[this.k6[hi]];
  }
}
