// A bounded memo keyed by raw bytes. Log fields repeat heavily (the same names, clients, answer
// values on millions of lines); looking the bytes up here gives back the same normalized value
// object each time without decoding a string per field, and downstream Map lookups on that one
// string object reuse its cached hash.

// Memory layout, for few cache misses per lookup (logs of millions of lines are bound by them):
// the open-addressing table holds [hash, entry + 1, key offset, key length] per slot, so a probe
// reads one slot and then the key bytes in the arena; values sit in an array by entry.
export class ByteCache<V> {
  private table: Int32Array;
  private cap: number;
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
    // Start small and grow: a table sized for the worst case spreads a few thousand hot keys
    // over megabytes, and every probe becomes a cache miss.
    // A power of two, so that slot numbers can be masked.
    this.cap = Math.min(4096, 2 ** Math.ceil(Math.log2(Math.max(2, max))));
    this.table = new Int32Array(this.cap * 8); // cap * 2 slots of 4: load factor ≤ 0.5
    this.arena = new Uint8Array(arenaBytes);
  }

  // The entry found last: fields such as the server address or the query type usually repeat
  // the previous line's bytes, which a plain compare confirms without hashing.
  private lastOff = -1;
  private lastLen = -1;
  private lastValue: V | undefined;

  get(buf: Buffer, start: number, end: number): V {
    const len = end - start;
    if (len === this.lastLen && this.same(this.lastOff, buf, start, len)) return this.lastValue as V;
    const h = hashBytes(buf, start, end);
    const t = this.table;
    const mask = (t.length >> 2) - 1;
    let at = h & mask;
    for (let e = t[4 * at + 1]; e !== 0; e = t[4 * at + 1]) {
      if (t[4 * at] === h && t[4 * at + 3] === len && this.same(t[4 * at + 2], buf, start, len)) {
        this.lastOff = t[4 * at + 2]; this.lastLen = len;
        return (this.lastValue = this.values[e - 1]);
      }
      at = (at + 1) & mask;
    }
    const v = this.compute(buf, start, end);
    if (len > this.arena.length) return v;
    if (this.n >= this.max || this.used + len > this.arena.length) {
      this.clear();
      at = h & mask;
    }
    if (this.n >= this.cap) at = this.grow(h);
    const k = this.n++;
    const off = this.used;
    this.values[k] = v;
    this.arena.set(buf.subarray(start, end), off);
    this.used += len;
    const tt = this.table;
    tt[4 * at] = h; tt[4 * at + 1] = k + 1; tt[4 * at + 2] = off; tt[4 * at + 3] = len;
    this.lastOff = off; this.lastLen = len; this.lastValue = v;
    return v;
  }

  /** Double the table; returns the free slot for hash `h` in the new table. */
  private grow(h: number): number {
    const old = this.table;
    const t = new Int32Array(old.length * 2);
    const mask = (t.length >> 2) - 1;
    for (let i = 0; i < old.length; i += 4) {
      if (old[i + 1] === 0) continue;
      let at = old[i] & mask;
      while (t[4 * at + 1] !== 0) at = (at + 1) & mask;
      t.set(old.subarray(i, i + 4), 4 * at);
    }
    this.table = t;
    this.cap *= 2;
    let at = h & mask;
    while (t[4 * at + 1] !== 0) at = (at + 1) & mask;
    return at;
  }

  private same(off: number, buf: Buffer, start: number, len: number): boolean {
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[off + i] !== buf[start + i]) return false;
    return true;
  }

  private clear(): void {
    this.lastLen = -1;
    this.table.fill(0);
    this.values = [];
    this.n = 0;
    this.used = 0;
  }
}

/**
 * MurmurHash3 (32-bit) of bytes [start, end): four bytes per round and a final mix, so every
 * byte reaches the low bits that pick a slot (a plain multiply only carries bits upwards).
 */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x9747b28c;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    let k = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (end - i) {
    case 3: k ^= buf[i + 2] << 16; // falls through
    case 2: k ^= buf[i + 1] << 8; // falls through
    case 1:
      k ^= buf[i];
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
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
