// JSON records fed line by line: NDJSON (one object a line), pretty-printed objects spanning
// lines, a top-level array, or a wrapper such as Elastic's {"events":[...]}. Line parsers of
// exported security logs get each record with the line it starts on, whatever the layout.

const MAX_DOC_CHARS = 64 * 1024 * 1024;
/** Keys under which exporters wrap their record arrays. */
const WRAPPERS = ['events', 'Events', 'records', 'Records', 'hits'];

export interface JsonRecord { value: Record<string, unknown>; line: number }
export type JsonFeed =
  | { kind: 'records'; records: JsonRecord[] }
  | { kind: 'pending' }
  | { kind: 'text' }
  | { kind: 'error'; line: number; reason: string };

/**
 * Assembles JSON values across lines. `feed` returns 'text' for a line that is not JSON and not
 * inside a value (the caller decides: a banner, a text format, a reject), 'pending' while a value
 * is open, and the value's records once it closes.
 */
export class JsonAssembler {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private size = 0;
  private start = 0;
  /** Lines that open an object at depth 1 and 2 (elements of a top-level array or of a wrapper's array). */
  private starts: [number[], number[]] = [[], []];

  /** Lines that continued a value begun on an earlier line. */
  merged = 0;

  get open(): boolean { return this.parts.length > 0; }

  feed(text: string, lineNo: number): JsonFeed {
    if (this.parts.length === 0) {
      const t = text.trimStart();
      const c = t.charCodeAt(0);
      if (c !== 123 && c !== 91) return { kind: 'text' };
      // NDJSON, the common case: a whole value on the line parses as it is, without the bracket
      // scan (a value that parses is balanced, so the scan would have closed it on this line).
      const last = t.trimEnd().charCodeAt(t.trimEnd().length - 1);
      if ((c === 123 && last === 125) || (c === 91 && last === 93)) {
        let v: unknown;
        try { v = JSON.parse(t); } catch { v = undefined; }
        if (v !== undefined) return { kind: 'records', records: unwrap(v, lineNo, [[], []]) };
      }
      this.start = lineNo;
      this.starts = [[], []];
    } else this.merged++;
    const before = this.depth;
    const t = text.trimStart();
    if (!this.inString && t.charCodeAt(0) === 123 && (before === 1 || before === 2)) this.starts[before - 1].push(lineNo);
    this.scan(text);
    this.parts.push(text);
    this.size += text.length + 1;
    if (this.depth < 0) return this.fail('unbalanced brackets');
    if (this.size > MAX_DOC_CHARS) return this.fail(`JSON value longer than ${MAX_DOC_CHARS} characters`);
    if (this.depth > 0 || this.inString) return { kind: 'pending' };
    const doc = this.parts.length === 1 ? this.parts[0] : this.parts.join('\n');
    const start = this.start, starts = this.starts;
    this.parts = [];
    this.size = 0;
    let v: unknown;
    try { v = JSON.parse(doc); } catch { return { kind: 'error', line: start, reason: 'not valid JSON' }; }
    return { kind: 'records', records: unwrap(v, start, starts) };
  }

  /** At end of input: an unterminated value is a reject at the line it started on. */
  finish(): JsonFeed | null {
    if (this.parts.length === 0) return null;
    return this.fail('JSON value not terminated at end of file');
  }

  private fail(reason: string): JsonFeed {
    const line = this.start;
    this.parts = []; this.size = 0; this.depth = 0; this.inString = false; this.escaped = false;
    return { kind: 'error', line, reason };
  }

  private scan(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
      } else if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) this.depth--;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Records of one parsed value; a non-object element becomes a record the caller rejects. */
function unwrap(v: unknown, line: number, starts: [number[], number[]]): JsonRecord[] {
  const list = (arr: unknown[], lines: number[]): JsonRecord[] =>
    arr.map((x, i) => ({ value: isObject(x) ? x : { '#notObject': x }, line: lines.length === arr.length ? lines[i] : line }));
  if (Array.isArray(v)) return list(v, starts[0]);
  if (!isObject(v)) return [{ value: { '#notObject': v }, line }];
  const keys = Object.keys(v);
  if (keys.length === 1 && WRAPPERS.includes(keys[0]) && Array.isArray(v[keys[0]])) return list(v[keys[0]] as unknown[], starts[1]);
  return [{ value: v, line }];
}

/** A string field, or undefined for absent, empty and '-'. */
export function strField(v: unknown): string | undefined {
  if (typeof v === 'string') return v !== '' && v !== '-' ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A dotted path into nested objects (`winlog.event_data.QNAME`). */
export function pathField(o: Record<string, unknown>, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}
