// `infragraph investigations check`: every investigation, bundled and user, against the live
// database. Per file: the header parses; the declared @params are exactly the $params used;
// EXPLAIN accepts the statement (so a renamed label or a syntax slip shows up before anyone runs
// it) and plans it read-only when it says @mode READ; and, when the header gives an @example,
// the example run meets every @expect. Failures carry file:line.
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { bindParams, usedParams, type CypherFile, type Expectation } from '../../cypher/cypher-file.ts';
import { toAppError } from '../../errors.ts';
import { loadLibrary, runInvestigationFile, type Origin } from './investigation-library.ts';
import { checkCypher } from './cypher-diagnostics.ts';
import { isSqlInvestigation, usedSqlParams, type SqlInvestigationFile } from './sql-investigation.ts';
import { eventStore } from '../../events/event-store.ts';

export interface CheckResult {
  name: string; file: string; origin: Origin; ok: boolean;
  /** 1-based line in the file the failure points at. */
  line?: number;
  reason?: string;
  /** What was checked, e.g. "explain, example: 3 rows, 2 expectations". */
  detail: string;
}

/** Line in the file where statement text begins (Neo4j counts lines from there). */
function statementLine(f: CypherFile): number {
  const at = f.text.indexOf(f.statements[0]);
  return at < 0 ? 1 : f.text.slice(0, at).split('\n').length;
}

function cellMatches(v: unknown, want: string): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.some((x) => cellMatches(x, want));
  if (typeof v === 'object') {
    // A node or relationship matches by its key or name.
    const props = (v as { props?: Record<string, unknown> }).props;
    return !!props && (String(props.key) === want || String(props.name) === want);
  }
  return String(v) === want;
}

export function failedExpectation(e: Expectation, columns: string[], rows: Record<string, unknown>[], truncated: boolean): string | undefined {
  if (e.kind === 'rows') {
    const n = rows.length;
    const ok = e.op === '>=' ? n >= e.n : e.op === '<=' ? n <= e.n : e.op === '>' ? n > e.n : e.op === '<' ? n < e.n : n === e.n;
    return ok ? undefined : `expected ${e.text}, got ${n} row(s)${truncated ? ' (truncated)' : ''}`;
  }
  if (!columns.includes(e.column)) return `expected ${e.text}, but there is no column ${e.column} (columns: ${columns.join(', ')})`;
  const found = rows.some((r) => cellMatches(r[e.column], e.value));
  if (found === !e.negate) return undefined;
  return e.negate ? `expected ${e.text}, but a row holds it` : `expected ${e.text}, but no row of ${rows.length} does`;
}

/**
 * A `.sql` investigation has no Neo4j plan: its parameters are checked against the SQL, and it is
 * run (with its @example, else its defaults) over the event store, which is DuckDB's own check.
 */
async function checkSqlInvestigation(db: Database, f: SqlInvestigationFile & { origin: Origin }, cfg: Config): Promise<CheckResult> {
  const base = { name: f.name, file: f.file, origin: f.origin };
  const fail = (line: number | undefined, reason: string, detail = ''): CheckResult => ({ ...base, ok: false, line, reason, detail });
  const declared = f.params.map((p) => p.name);
  const used = [...usedSqlParams(f.sql)];
  const undeclared = used.filter((p) => !declared.includes(p));
  const unused = declared.filter((p) => !used.includes(p));
  if (undeclared.length) return fail(f.bodyLine, `uses $${undeclared.join(', $')} without a @param line`);
  if (unused.length) return fail(f.bodyLine, `declares @param ${unused.join(', ')} but never uses it`);
  const raw = f.example ?? Object.fromEntries(f.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]));
  try {
    const r = await runInvestigationFile(db, f, raw, cfg.console, eventStore(cfg));
    for (const e of f.expects) {
      const why = failedExpectation(e, r.columns, r.rows, r.truncated);
      if (why) return fail(e.line, why, `example: ${r.rows.length} row(s)`);
    }
    return { ...base, ok: true, detail: `sql run: ${r.rows.length} row(s), ${f.expects.length} expectation(s) met` };
  } catch (e) {
    return fail(f.bodyLine, `sql run: ${toAppError(e).message}`);
  }
}

export async function checkInvestigation(db: Database, f: CypherFile & { origin: Origin }, cfg: Config): Promise<CheckResult> {
  if (isSqlInvestigation(f)) return checkSqlInvestigation(db, f, cfg);
  const base = { name: f.name, file: f.file, origin: f.origin };
  const fail = (line: number | undefined, reason: string, detail = ''): CheckResult => ({ ...base, ok: false, line, reason, detail });
  if (f.statements.length !== 1) return fail(f.bodyLine, `holds ${f.statements.length} statements; an investigation holds one`);
  const stmt = f.statements[0];
  const declared = f.params.map((p) => p.name);
  const used = [...usedParams(stmt)];
  const undeclared = used.filter((p) => !declared.includes(p));
  const unused = declared.filter((p) => !used.includes(p));
  const paramLine = (p: string) => f.text.split('\n').findIndex((l) => new RegExp(`^\\s*//\\s*@param\\s+${p}\\b`).test(l)) + 1;
  if (undeclared.length) return fail(statementLine(f), `uses $${undeclared.join(', $')} without a @param line`);
  if (unused.length) return fail(paramLine(unused[0]), `declares @param ${unused.join(', ')} but never uses it`);
  let params: Record<string, unknown>;
  try {
    params = f.example ? bindParams(f, f.example) : Object.fromEntries(f.params.map((p) => [p.name, p.default ?? null]));
  } catch (e) {
    const exLine = f.text.split('\n').findIndex((l) => /^\s*\/\/\s*@example\b/.test(l)) + 1;
    return fail(exLine || undefined, `@example: ${toAppError(e).message}`);
  }
  const plan = await checkCypher(db, stmt, params, cfg.console.timeoutMs);
  if (!plan.ok) {
    const d = plan.errors[0];
    // Neo4j lists every token it would have accepted; one line per investigation keeps the first few.
    const msg = d.message.length > 140 ? `${d.message.slice(0, 139)}…` : d.message;
    return fail(d.line === null ? statementLine(f) : statementLine(f) + d.line - 1, `Neo4j: ${msg}${d.column ? ` (column ${d.column})` : ''}`);
  }
  if (f.mode === 'READ' && plan.queryType !== 'r') return fail(f.bodyLine, `says @mode READ but Neo4j plans it as "${plan.queryType}"`);
  if (!f.example) {
    return { ...base, ok: true, detail: f.expects.length ? 'explain (expectations need an @example)' : 'explain' };
  }
  try {
    const r = await runInvestigationFile(db, f, f.example, cfg.console);
    for (const e of f.expects) {
      const why = failedExpectation(e, r.columns, r.rows, r.truncated);
      if (why) return fail(e.line, why, `example: ${r.rows.length} row(s)`);
    }
    return { ...base, ok: true, detail: `explain, example: ${r.rows.length} row(s), ${f.expects.length} expectation(s) met` };
  } catch (e) {
    return fail(statementLine(f), `example run: ${toAppError(e).message}`);
  }
}

export async function checkLibrary(db: Database, cfg: Config, o: { userOnly?: boolean; bundledOnly?: boolean } = {}): Promise<{ results: CheckResult[]; warnings: string[] }> {
  const lib = loadLibrary(cfg, true);
  const keep = (origin: Origin) => (o.userOnly ? origin === 'user' : o.bundledOnly ? origin === 'bundled' : true);
  const results: CheckResult[] = lib.broken.filter((b) => keep(b.origin)).map((b) => ({
    name: b.name, file: b.file, origin: b.origin, ok: false, line: b.line,
    reason: b.message.replace(`${b.file}:${b.line ?? ''}: `, '').replace(`${b.file}: `, ''), detail: 'header',
  }));
  for (const f of lib.files.filter((x) => keep(x.origin))) results.push(await checkInvestigation(db, f, cfg));
  results.sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
  return { results, warnings: lib.warnings };
}
