// A bounded memo keyed by raw bytes. Log fields repeat heavily (the same names, clients, answer
// values on millions of lines); looking the bytes up here gives back the same normalized value
// object each time without decoding a string per field, and downstream Map lookups on that one
// string object reuse its cached hash.

// Memory layout, for few cache misses per lookup (logs of millions of lines are bound by them):
// the open-addressing table holds [hash, entry + 1] pairs, so a probe compares hashes without
// touching the entries; an entry's [offset, length] sit together; the key bytes in one arena.
export class ByteCache<V> {
  private readonly table: Int32Array;
  private readonly meta: Int32Array;
  private values: V[] = [];
  private readonly arena: Uint8Array;
  private used = 0;
  private n = 0;

  /**
   * `compute` turns bytes [start, end) of `buf` into the value (it may decode and validate);
   * at `max` entries, or when the key bytes fill `arenaBytes`, the cache starts afresh — cheaper
   * than eviction bookkeeping, and the hot keys come back within a few lines.
   */
  constructor(private readonly compute: (buf: Buffer, start: number, end: number) => V, private readonly max = 65536, arenaBytes = 1 << 22) {
    this.table = new Int32Array(max * 4); // max * 2 slots: load factor ≤ 0.5
    this.meta = new Int32Array(max * 2);
    this.arena = new Uint8Array(arenaBytes);
  }

  get(buf: Buffer, start: number, end: number): V {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const len = end - start;
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    let at = h & mask;
    for (let e = t[2 * at + 1]; e !== 0; e = t[2 * at + 1]) {
      if (t[2 * at] === h) {
        const k = e - 1;
        if (this.meta[2 * k + 1] === len && this.same(this.meta[2 * k], buf, start, len)) return this.values[k];
      }
      at = (at + 1) & mask;
    }
    const v = this.compute(buf, start, end);
    if (len > this.arena.length) return v;
    if (this.n >= this.max || this.used + len > this.arena.length) {
      this.clear();
      at = h & mask;
    }
    const k = this.n++;
    this.meta[2 * k] = this.used;
    this.meta[2 * k + 1] = len;
    this.values[k] = v;
    this.arena.set(buf.subarray(start, end), this.used);
    this.used += len;
    t[2 * at] = h;
    t[2 * at + 1] = k + 1;
    return v;
  }

  private same(off: number, buf: Buffer, start: number, len: number): boolean {
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[off + i] !== buf[start + i]) return false;
    return true;
  }

  private clear(): void {
    this.table.fill(0);
    this.values = [];
    this.n = 0;
    this.used = 0;
  }
}

/**
 * Epoch seconds written as plain decimal text (`1704067200.009240`) → epoch milliseconds,
 * rounded half up on the decimal digits themselves (no binary floating-point detour). NaN when
 * the text is anything else (signs, exponents, masked `XXXX` times), for the caller to handle.
 */
export function decimalMs(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let int = 0;
  while (i < end && buf[i] >= 48 && buf[i] <= 57) int = int * 10 + (buf[i++] - 48);
  if (i === start || i - start > 15) return NaN;
  let frac = 0, k = 0, up = 0;
  if (i < end && buf[i] === 46) {
    i++;
    while (i < end && buf[i] >= 48 && buf[i] <= 57) {
      if (k < 3) frac = frac * 10 + (buf[i] - 48);
      else if (k === 3) up = buf[i] >= 53 ? 1 : 0;
      k++; i++;
    }
  }
  if (i !== end) return NaN;
  for (; k < 3; k++) frac *= 10;
  return int * 1000 + frac + up;
}
