// Map a path inside the parsed YAML (['relationships', 3, 'type']) back to line:column, so every
// error names the place to fix. When the path does not exist (a missing field) the nearest
// existing ancestor is used.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type PathSeg = string | number;

export interface Located {
  line: number;
  column: number;
}

function offsetOf(node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[0] : undefined;
}

/**
 * Position of the value at `path`; with `atKey`, of the key naming its last segment
 * (used for unknown fields, where the key is what is wrong).
 */
export function locate(doc: Document, lc: LineCounter, path: readonly PathSeg[], atKey = false): Located {
  let node: unknown = doc.contents;
  let best = offsetOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (pair) {
        keyNode = pair.key;
        next = pair.value;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next === undefined && keyNode === undefined) break;
    const last = i === path.length - 1;
    const off = last && atKey ? offsetOf(keyNode) : (offsetOf(next) ?? offsetOf(keyNode));
    if (off !== undefined) best = off;
    node = next;
  }
  const { line, col } = lc.linePos(best);
  return { line, column: col };
}

/** `relationships[3].type` */
export function formatPath(path: readonly PathSeg[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}

/** JSON pointer (`/relationships/3/type`) → path segments, numbers for array indexes. */
export function pointerToPath(pointer: string): PathSeg[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
