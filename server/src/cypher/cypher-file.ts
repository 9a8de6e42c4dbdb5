// Static Cypher lives in .cypher files that cypher-shell can run as they are. A comment header
// declares what the file is and the parameters it takes:
//   // @name who-controls
//   // @summary Who registers, administers, hosts and operates a name
//   // @param host: String
//   // @param limit: Integer = 25
//   // @mode READ
// Typed parameters let the CLI and the API validate user input before it reaches Neo4j.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCode } from '../errors.ts';

export const PARAM_TYPES = ['String', 'Integer', 'Float', 'Boolean', 'DateTime', 'List<String>', 'List<Integer>'] as const;
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
  /** Statements split on top-level semicolons (schema files hold several). */
  statements: string[];
  file: string;
}

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
  }
}

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

export function parseCypherFile(text: string, file: string): CypherFile {
  const tags: Record<string, string> = {};
  const params: CypherParam[] = [];
  const descr: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('//')) { if (t === '') continue; break; }
    const m = HEADER.exec(t);
    if (!m) { const d = t.replace(/^\/\/\s?/, ''); if (d) descr.push(d); continue; }
    const [, tag, value] = m;
    if (tag === 'param') {
      const pm = PARAM.exec(value.trim());
      if (!pm || !(PARAM_TYPES as readonly string[]).includes(pm[2])) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: bad @param "${value}" (want "name: Type [= default] [-- description]", Type one of ${PARAM_TYPES.join(', ')}).`);
      }
      const p: CypherParam = { name: pm[1], type: pm[2] as ParamType, description: pm[4] };
      const most = /\bat most (\d+)\b/i.exec(pm[4] ?? '');
      if (most && p.type === 'Integer') p.max = Number(most[1]);
      if (pm[3] !== undefined) {
        const d = pm[3].trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
        p.default = d === 'null' ? null : coerceParam({ ...p, default: undefined }, d);
      }
      params.push(p);
    } else {
      tags[tag] = value.trim();
    }
  }
  const name = tags.name ?? path.basename(file, '.cypher');
  const mode = (tags.mode ?? 'READ').toUpperCase();
  if (mode !== 'READ' && mode !== 'WRITE') throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: @mode must be READ or WRITE.`);
  return {
    name,
    summary: tags.summary ?? '',
    description: descr.join(' '),
    mode,
    params,
    tags,
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
