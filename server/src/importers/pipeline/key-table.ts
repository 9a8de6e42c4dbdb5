// Interned node keys of one import. A DNS log names the same hosts and clients millions of times;
// giving each key a small integer once lets the aggregator count pairs in typed arrays, and lets
// the writer remember per key whether it was merged or created without a string set.

/** Node state bit kept per key: this import created the node. */
export const CREATED = 1;

export class KeyTable {
  /** key → id, built on first use after load(): a bulk load never looks a key up. */
  private map: Map<string, number> | null = new Map();
  private list: string[] = [];
  private flags = new Uint8Array(1024);
  /** Ids interned since the last `takeNew()`: the nodes still to be written. */
  private fresh: number[] = [];

  /** The keys by id. */
  get keys(): string[] { return this.list; }

  get size(): number { return this.list.length; }

  private get ids(): Map<string, number> {
    if (!this.map) this.map = new Map(this.list.map((k, i) => [k, i]));
    return this.map;
  }

  /**
   * Fill an empty table with distinct keys, id = index, as already written (nothing fresh). The
   * key → id map waits for the first lookup: building it for the 1M-line heavy-tailed log's
   * 214k hosts and IPs is work the bulk load never uses.
   */
  load(keys: string[]): void {
    if (this.list.length) throw new Error('KeyTable.load needs an empty table');
    this.list = keys;
    this.map = null;
    if (keys.length > this.flags.length) this.flags = new Uint8Array(keys.length);
  }

  /**
   * The id of `key`, interning it on first sight. Parsers hand out substrings of whole input
   * lines; the table keeps keys for the whole import, so it stores a compact copy rather than
   * pin the line it came from — unless the caller says the string is `compact` already. Keeping
   * that very string also makes later lookups with it (a parser's cached value) pointer-equal.
   */
  intern(key: string, compact = false): number {
    const id = this.ids.get(key);
    if (id !== undefined) return id;
    const own = compact ? key : flatCopy(key);
    const n = this.list.length;
    this.ids.set(own, n);
    this.list.push(own);
    if (n >= this.flags.length) { const f = new Uint8Array(this.flags.length * 2); f.set(this.flags); this.flags = f; }
    this.fresh.push(n);
    return n;
  }

  id(key: string): number | undefined { return this.ids.get(key); }

  flag(id: number, bit: number): void { this.flags[id] |= bit; }

  is(id: number, bit: number): boolean { return (this.flags[id] & bit) !== 0; }

  /** Keys interned since the previous call, in first-seen order. */
  takeNew(): number[] {
    const f = this.fresh;
    this.fresh = [];
    return f;
  }

  get pending(): number { return this.fresh.length; }
}

/** A copy of `s` that shares no storage with the string it was sliced from. */
export function flatCopy(s: string): string {
  // Short strings are always copied by V8; longer slices keep their parent alive.
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
