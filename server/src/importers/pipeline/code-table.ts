// Query types and response codes of one import as bit positions: a lookup pair keeps the set
// it has seen in two 32-bit words instead of an array of strings.
import { MAX_CODES } from './lookup-table.ts';

export class CodeTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  overflow = false;
  code(name: string | undefined): number {
    if (name === undefined) return -1;
    let c = this.ids.get(name);
    if (c !== undefined) return c;
    if (this.names.length >= MAX_CODES) { this.overflow = true; return -1; }
    c = this.names.length;
    this.names.push(name);
    this.ids.set(name, c);
    return c;
  }
  private readonly decoded = new Map<string, string[]>();
  /** The names of a bit set, sorted; one shared (read-only) array per distinct set. */
  decode(lo: number, hi: number): string[] {
    const k = `${hi}:${lo}`; // two 32-bit words: one number would lose bits past 2^53
    let out = this.decoded.get(k);
    if (out) return out;
    out = [];
    for (let i = 0; i < this.names.length; i++) if (((i < 32 ? lo : hi) >>> (i & 31)) & 1) out.push(this.names[i]);
    out.sort();
    if (this.decoded.size < 4096) this.decoded.set(k, out);
    return out;
  }
}
