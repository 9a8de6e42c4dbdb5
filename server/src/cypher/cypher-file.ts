// Static Cypher lives in .cypher files that cypher-shell can run as they are. A comment header
// declares what the file is and the parameters it takes:
//   // @name who-controls
//   // @summary Who registers, administers, hosts and operates a name
//   // @param host: String
//   // @param limit: Integer = 25
//   // @mode READ
//   // @example name=mail1.trump-email.com      (parameters for a self-test run)
//   // @expect rows >= 1                         (checked by `infragraph investigations check`)
//   // @expect column party contains "Cendyn"
// Typed parameters let the CLI and the API validate user input before it reaches Neo4j.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCode } from '../errors.ts';

// Map and List<Map> are for the engine's own statements (cypher/internal/), which take records
// and batches of rows; nobody types a map into the CLI or a form.
export const PARAM_TYPES = ['String', 'Integer', 'Float', 'Boolean', 'DateTime', 'List<String>', 'List<Integer>', 'Map', 'List<Map>'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface CypherParam {
  name: string;
  type: ParamType;
  /** Default as typed value; undefined = required. */
  default?: unknown;
  description?: string;
  /** Largest value an Integer accepts, from a description that says "at most N". */
  max?: number;
}

export interface CypherFile {
  name: string;
  summary: string;
  description: string;
  mode: 'READ' | 'WRITE';
  params: CypherParam[];
  /** Extra header tags (e.g. @tags, @case). */
  tags: Record<string, string>;
  /** The whole file text (header comments included: Neo4j ignores them). */
  text: string;
  /** Example parameters (raw text, typed by bindParams) from the @example lines. */
  example?: Record<string, string>;
  /** Expectations on the example run, each with the line that states it. */
  expects: Expectation[];
  /** 1-based line of the first statement line (Neo4j's line numbers count from there). */
  bodyLine: number;
  /** Statements split on top-level semicolons (schema files hold several). */
  statements: string[];
  file: string;
}

export type Expectation =
  | { kind: 'rows'; op: '>=' | '<=' | '=' | '>' | '<'; n: number; line: number; text: string }
  | { kind: 'column'; column: string; negate: boolean; value: string; line: number; text: string };

const HEADER = /^\/\/\s*@(\w+)\s*(.*)$/;
const PARAM = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([A-Za-z<>]+)\s*(?:=\s*(.+?))?\s*(?:--\s*(.*))?$/;

const ISO_DATE_TIME = /^[+-]?\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?)?$/i;

export function coerceParam(p: CypherParam, raw: unknown): unknown {
  const fail = (why: string) => new AppError(ErrorCode.BAD_USER_INPUT, `Parameter ${p.name} (${p.type}) ${why}.`);
  if (raw === undefined || raw === null || raw === '') {
    if (p.default !== undefined) return p.default;
    throw fail('is required');
  }
  switch (p.type) {
    case 'String':
      return String(raw);
    case 'Integer': {
      const v = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isSafeInteger(v)) throw fail(`must be a whole number, got "${raw}"`);
      // Refused, not capped: a silently smaller answer reads as "there is nothing further".
      if (p.max !== undefined && v > p.max) throw fail(`must be at most ${p.max}, got ${v}`);
      return v;
    }
    case 'Float': {
      const v = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(v)) throw fail(`must be a number, got "${raw}"`);
      return v;
    }
    case 'Boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).toLowerCase();
      if (s === 'true' || s === '1' || s === 'yes') return true;
      if (s === 'false' || s === '0' || s === 'no') return false;
      throw fail(`must be true or false, got "${raw}"`);
    }
    case 'DateTime': {
      const s = String(raw).trim();
      // ISO-8601 only: Date.parse also reads "1" as 2001-01-01 and "May 3" as a date.
      if (!ISO_DATE_TIME.test(s)) throw fail(`must be an ISO-8601 date or time such as 2016-09-23 or 2016-09-23T14:00:00Z, got "${raw}"`);
      const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) || !/T|\d:\d/.test(s) ? s : s + 'Z');
      if (!Number.isFinite(ms)) throw fail(`must be an ISO-8601 date or time, got "${raw}"`);
      return new Date(ms).toISOString();
    }
    case 'List<String>':
      return (Array.isArray(raw) ? raw : String(raw).split(',')).map((x) => String(x).trim()).filter(Boolean);
    case 'List<Integer>':
      return (Array.isArray(raw) ? raw : String(raw).split(',')).map((x) => {
        const v = Number(String(x).trim());
        if (!Number.isSafeInteger(v)) throw fail(`must be a list of whole numbers, got "${raw}"`);
        return v;
      });
    case 'Map':
      if (!isMap(raw)) throw fail('must be a map');
      return raw;
    case 'List<Map>':
      if (!Array.isArray(raw) || !raw.every(isMap)) throw fail('must be a list of maps');
      return raw;
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Split on semicolons outside strings and comments. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === '\\') { cur += text[++i] ?? ''; continue; }
      if (c === quote) quote = null;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? text.length : nl;
      cur += text.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') { quote = c; cur += c; continue; }
    if (c === ';') { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  // Drop pieces that hold only comments and white space.
  return out.map((s) => s.trim()).filter((s) => s.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('//')));
}

/** `k=v k2="v 2"` → {k: 'v', k2: 'v 2'}. */
export function parseAssignments(s: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < s.length && (m = re.exec(s))) {
    const v = m[2];
    out[m[1]] = v.startsWith('"') ? JSON.parse(v) as string : v.startsWith("'") ? v.slice(1, -1) : v;
    at = re.lastIndex;
    if (!s.slice(at).trim()) at = s.length;
  }
  return at >= s.length && Object.keys(out).length ? out : undefined;
}

const ROWS_EXPECT = /^rows\s*(>=|<=|==|=|>|<)\s*(\d+)$/;
const COLUMN_EXPECT = /^column\s+([A-Za-z_][A-Za-z0-9_]*)\s+(contains|excludes)\s+("(?:[^"\\]|\\.)*"|\S+)$/;

export function parseExpectation(value: string, line: number): Expectation | undefined {
  const v = value.trim();
  const r = ROWS_EXPECT.exec(v);
  if (r) return { kind: 'rows', op: (r[1] === '==' ? '=' : r[1]) as '=', n: Number(r[2]), line, text: v };
  const c = COLUMN_EXPECT.exec(v);
  if (c) return { kind: 'column', column: c[1], negate: c[2] === 'excludes', value: c[3].startsWith('"') ? JSON.parse(c[3]) as string : c[3], line, text: v };
  return undefined;
}

export function parseCypherFile(text: string, file: string): CypherFile {
  const tags: Record<string, string> = {};
  const params: CypherParam[] = [];
  const descr: string[] = [];
  const expects: Expectation[] = [];
  let example: Record<string, string> | undefined;
  const lines = text.split('\n');
  let bodyLine = lines.length + 1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const at = `${file}:${i + 1}`;
    if (!t.startsWith('//')) { if (t === '') continue; bodyLine = i + 1; break; }
    const m = HEADER.exec(t);
    if (!m) { const d = t.replace(/^\/\/\s?/, ''); if (d) descr.push(d); continue; }
    const [, tag, value] = m;
    if (tag === 'example') {
      const a = parseAssignments(value.trim());
      if (!a) throw new AppError(ErrorCode.BAD_USER_INPUT, `${at}: bad @example "${value}" (want name=value pairs, e.g. host=mail1.trump-email.com).`, { details: { file, line: i + 1 } });
      example = { ...(example ?? {}), ...a };
    } else if (tag === 'expect') {
      const e = parseExpectation(value, i + 1);
      if (!e) throw new AppError(ErrorCode.BAD_USER_INPUT, `${at}: bad @expect "${value}" (want "rows >= N" or 'column NAME contains "value"').`, { details: { file, line: i + 1 } });
      expects.push(e);
    } else if (tag === 'param') {
      const pm = PARAM.exec(value.trim());
      if (!pm || !(PARAM_TYPES as readonly string[]).includes(pm[2])) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `${at}: bad @param "${value}" (want "name: Type [= default] [-- description]", Type one of ${PARAM_TYPES.join(', ')}).`, { details: { file, line: i + 1 } });
      }
      const p: CypherParam = { name: pm[1], type: pm[2] as ParamType, description: pm[4] };
      const most = /\bat most (\d+)\b/i.exec(pm[4] ?? '');
      if (most && p.type === 'Integer') p.max = Number(most[1]);
      if (pm[3] !== undefined) {
        const d = pm[3].trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
        try {
          p.default = d === 'null' ? null : coerceParam({ ...p, default: undefined }, d);
        } catch (e) {
          throw new AppError(ErrorCode.BAD_USER_INPUT, `${at}: bad default: ${(e as Error).message}`, { details: { file, line: i + 1 } });
        }
      }
      params.push(p);
    } else {
      tags[tag] = value.trim();
    }
  }
  const name = tags.name ?? path.basename(file, '.cypher');
  const mode = (tags.mode ?? 'READ').toUpperCase();
  if (mode !== 'READ' && mode !== 'WRITE') {
    const i = lines.findIndex((l) => /^\s*\/\/\s*@mode\b/.test(l));
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}:${i + 1}: @mode must be READ or WRITE.`, { details: { file, line: i + 1 } });
  }
  return {
    name,
    summary: tags.summary ?? '',
    description: descr.join(' '),
    mode,
    params,
    tags,
    example,
    expects,
    bodyLine,
    text,
    statements: splitStatements(text),
    file,
  };
}

/** Parameters a statement uses ($name), outside strings and comments. */
export function usedParams(text: string): Set<string> {
  const stripped = text
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  const out = new Set<string>();
  for (const m of stripped.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]);
  return out;
}

export function loadCypherDir(dir: string): CypherFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseCypherFile(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
}

/** Validate and type user-supplied parameters against the header. Unknown names are refused. */
export function bindParams(file: CypherFile, raw: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(file.params.map((p) => p.name));
  for (const k of Object.keys(raw)) {
    if (!known.has(k)) throw new AppError(ErrorCode.BAD_USER_INPUT, `${file.name} takes no parameter "${k}" (it takes: ${[...known].join(', ') || 'none'}).`);
  }
  const out: Record<string, unknown> = {};
  for (const p of file.params) out[p.name] = coerceParam(p, raw[p.name]);
  return out;
}
