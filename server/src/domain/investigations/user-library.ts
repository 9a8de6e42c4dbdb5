// Writing to the user's library: a commented template (`infragraph investigations new`) and a
// query saved from the console ("Save as investigation"). Names are checked, a bundled
// investigation is only replaced when the caller says so, and a user file only overwritten when
// asked; the saved query must plan as read-only.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { parseCypherFile, usedParams, type ParamType } from '../../cypher/cypher-file.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { loadLibrary, type LibraryFile } from './investigation-library.ts';
import { checkCypher } from './cypher-diagnostics.ts';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function checkName(name: string): string {
  const n = name.trim();
  if (!NAME.test(n)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `"${name}" is not a valid investigation name: use lower-case letters, digits and dashes (at most 63), starting with a letter or digit.`);
  }
  return n;
}

/** Where a user investigation of this name goes, refusing to replace anything silently. */
function target(cfg: Config, name: string, o: { overwrite?: boolean; shadow?: boolean }): string {
  const file = path.join(cfg.investigations.userDir, `${name}.cypher`);
  const existing = loadLibrary(cfg, true).files.find((f) => f.name === name);
  if (existsSync(file) && !o.overwrite) {
    throw new AppError(ErrorCode.CONFLICT, `${file} exists; choose another name or overwrite it explicitly.`);
  }
  if (existing && existing.origin !== 'user' && !o.shadow) {
    throw new AppError(ErrorCode.CONFLICT, `"${name}" is a bundled investigation (${existing.file}); a user file of that name would replace it. Choose another name, or ask to shadow it explicitly.`);
  }
  return file;
}

export function investigationTemplate(name: string): string {
  return `// @name ${name}
// @summary One line: the question this investigation answers
// Say here why the query looks where it looks, and what an empty answer means. Lines that start
// with "//" before the first Cypher line are the header; Neo4j and cypher-shell ignore them.
//
// Parameters: "// @param name: Type [= default] [-- description]", Type one of String, Integer,
// Float, Boolean, DateTime, List<String>, List<Integer>. Without a default the parameter is required.
// @param host: String -- host name, e.g. mail1.trump-email.com
// @param limit: Integer = 25 -- at most this many rows
// @mode READ
//
// Self-test (run by \`infragraph investigations check\`): example parameters, then what the
// answer must hold: "rows >= N" (also <=, =, >, <), 'column NAME contains "value"' or
// 'column NAME excludes "value"'.
// @example host=mail1.trump-email.com
// @expect rows >= 1
MATCH (ip:IP)-[q:QUERIED]->(h:Host {key: $host})
RETURN ip.key AS resolver, q.count AS lookups
ORDER BY lookups DESC
LIMIT $limit
`;
}

export function writeTemplate(cfg: Config, rawName: string, o: { overwrite?: boolean; shadow?: boolean } = {}): string {
  const name = checkName(rawName);
  const file = target(cfg, name, o);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, investigationTemplate(name));
  loadLibrary(cfg, true);
  return file;
}

function typeOf(v: unknown): ParamType {
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => Number.isInteger(x)) ? 'List<Integer>' : 'List<String>';
  return 'String';
}

function exampleValue(v: unknown): string {
  const s = Array.isArray(v) ? v.join(',') : String(v);
  return /^[^\s"']+$/.test(s) ? s : JSON.stringify(s);
}

export interface SaveRequest {
  name: string; summary?: string | null; cypher: string; params?: Record<string, unknown> | null;
  overwrite?: boolean | null; shadow?: boolean | null;
  /** Add "@expect rows >= N" (the row count the console just saw). */
  expectRows?: number | null;
}

/** The text of a saved investigation: header with the parameters found in the query, then the query. */
export function savedInvestigationText(r: SaveRequest & { name: string }): string {
  // A header the query already had is replaced by the new one.
  const body = r.cypher.replace(/^(\s*\/\/.*\n)*/, '').trim().replace(/;\s*$/, '');
  const used = [...usedParams(body)].sort();
  const given = r.params ?? {};
  const lines = [`// @name ${r.name}`, `// @summary ${(r.summary ?? '').replace(/\s+/g, ' ').trim() || `Saved from the console`}`];
  // Without an example value, a parameter after LIMIT or SKIP can only be a whole number.
  const counts = new Set([...body.matchAll(/\b(?:LIMIT|SKIP)\s+\$([A-Za-z_]\w*)/gi)].map((m) => m[1]));
  for (const p of used) lines.push(`// @param ${p}: ${given[p] === undefined && counts.has(p) ? 'Integer' : typeOf(given[p])}`);
  lines.push('// @mode READ');
  const ex = used.filter((p) => given[p] !== undefined && given[p] !== null && given[p] !== '');
  if (ex.length) lines.push(`// @example ${ex.map((p) => `${p}=${exampleValue(given[p])}`).join(' ')}`);
  if (r.expectRows !== undefined && r.expectRows !== null && r.expectRows > 0) lines.push(`// @expect rows >= ${Math.floor(r.expectRows)}`);
  return `${lines.join('\n')}\n${body}\n`;
}

export async function saveInvestigation(db: Database, cfg: Config, r: SaveRequest): Promise<LibraryFile> {
  const name = checkName(r.name);
  if (!r.cypher.trim()) throw new AppError(ErrorCode.BAD_USER_INPUT, 'cypher must not be empty.');
  if (r.cypher.length > 100_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'cypher is limited to 100000 characters.');
  const text = savedInvestigationText({ ...r, name });
  const parsed = parseCypherFile(text, `${name}.cypher`);
  if (parsed.statements.length !== 1) throw new AppError(ErrorCode.BAD_USER_INPUT, 'An investigation holds exactly one statement.');
  const check = await checkCypher(db, parsed.statements[0], {}, cfg.console.timeoutMs);
  if (!check.ok) throw new AppError(ErrorCode.BAD_USER_INPUT, `The query is not valid: ${check.errors[0].message}`);
  if (check.queryType !== 'r') throw new AppError(ErrorCode.QUERY_REFUSED, `Only read-only queries can be saved as investigations; Neo4j plans this one as "${check.queryType}".`);
  const file = target(cfg, name, { overwrite: !!r.overwrite, shadow: !!r.shadow });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const saved = loadLibrary(cfg, true).files.find((f) => f.file === file);
  if (!saved) throw new AppError(ErrorCode.INTERNAL, `${file} was written but does not load.`);
  return saved;
}
