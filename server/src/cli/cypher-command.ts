// infragraph cypher "<query>" | -f file.cypher  [--param k=v]… [--format table|json|csv|records]
//                  [--write [--yes]]
// Ad hoc Cypher with the console's rules: read-only (the console service refuses anything that
// writes), its timeout, row and byte limits. --write runs the statement in a write transaction,
// only for the admin role's token (INFRAGRAPH_TOKEN, one of INFRAGRAPH_TOKENS) or on the local
// embedded database, after a yes on a terminal; without a terminal --yes must say it.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { config, type Config } from '../config.ts';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { bindParams, parseCypherFile } from '../cypher/cypher-file.ts';
import { runConsole } from '../domain/console/cypher-console.ts';
import { checkFormat, parseLooseValue, parseParamArgs, printRows, ROW_OUTPUT_OPTIONS } from './print-result.ts';

/** Whether this caller may write, and why (the reason is shown either way). */
export function writePermission(cfg: Config): { allowed: boolean; why: string } {
  if (!cfg.neo4j.externalUri) return { allowed: true, why: 'the local embedded database' };
  const token = cfg.investigations.cliToken;
  const role = token ? cfg.server.tokens.get(token) : undefined;
  if (role === 'admin') return { allowed: true, why: "the admin role's token" };
  const who = !token ? 'no INFRAGRAPH_TOKEN is set' : role ? `INFRAGRAPH_TOKEN is a ${role} token` : 'INFRAGRAPH_TOKEN is not one of INFRAGRAPH_TOKENS';
  return { allowed: false, why: `--write needs the admin role's token (INFRAGRAPH_TOKEN) or the local embedded database; ${cfg.neo4j.externalUri} is external and ${who}.` };
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function cypherCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...ROW_OUTPUT_OPTIONS,
      file: { type: 'string', short: 'f' },
      write: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
    },
  });
  const format = checkFormat(values.format);
  if (!!values.file === positionals.length > 0) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Give the query as one argument in quotes, or -f FILE, not both.');
  }
  const raw = parseParamArgs(values.param);
  let query: string;
  let params: Record<string, unknown>;
  if (values.file) {
    let text: string;
    try { text = readFileSync(values.file, 'utf8'); } catch (e) { throw new AppError(ErrorCode.BAD_USER_INPUT, `Cannot read ${values.file}: ${(e as Error).message}`); }
    const f = parseCypherFile(text, values.file);
    if (f.statements.length !== 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `${values.file} holds ${f.statements.length} statements; give one.`);
    query = f.statements[0];
    // A file with a header types its parameters from it (defaults included).
    params = f.params.length ? bindParams(f, raw) : Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, parseLooseValue(v)]));
  } else {
    query = positionals.join(' ');
    params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, parseLooseValue(v)]));
  }
  const cfg = config();
  if (values.write) {
    const perm = writePermission(cfg);
    if (!perm.allowed) throw new AppError(ErrorCode.FORBIDDEN, perm.why);
    if (!values.yes) {
      if (!process.stdin.isTTY) throw new AppError(ErrorCode.BAD_USER_INPUT, '--write without a terminal needs --yes to confirm.');
      const target = cfg.neo4j.externalUri ?? 'the local embedded database';
      if (!(await confirm(`Run this query with write access on ${target} (${perm.why})? [y/N] `))) {
        process.stderr.write('Nothing was run.\n');
        return 1;
      }
    }
  }
  const app = await openApp('detached', { migrate: false });
  try {
    if (values.write) {
      const t0 = Date.now();
      const rows = await app.db.write(query, params, { caller: 'cli:cypher:write', timeoutMs: cfg.console.timeoutMs });
      const shown = rows.slice(0, cfg.console.maxRows);
      const columns = rows.length ? Object.keys(rows[0]) : [];
      printRows(columns, shown, format, `${rows.length} row(s)${rows.length > shown.length ? ` (${shown.length} shown)` : ''} in ${Date.now() - t0} ms, written`);
      return 0;
    }
    const r = await runConsole(app.db, app.cfg, query, params);
    printRows(r.columns, r.rows, format, `${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} in ${r.ms} ms`);
    return 0;
  } finally {
    await app.close();
  }
}
