// Investigations written in SQL over the event store (cypher/investigations/*.sql). The header is
// the one of .cypher investigations with SQL comments:
//   -- @name office-hours-profile
//   -- @summary When, in a given time zone, was a name looked up?
//   -- @param host: String -- host key
//   -- @mode READ
// plus, for what only the graph knows, any number of graph tables:
//   -- @graph operators(ip VARCHAR, organization VARCHAR, confidence DOUBLE): lookups/querier-operators
// The named Cypher query (cypher/queries/<area>/<name>.cypher) runs first with the parameters it
// declares, taken from the investigation's; its rows become the temp table `operators` on the SQL
// query's own connection. The SQL then runs read-only on the sandbox over `events` (the live
// sources' events) and those tables, with the console's limits.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import { parseCypherFile, type CypherFile } from '../../cypher/cypher-file.ts';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runEventSql, type SqlLimits, type SqlResult } from '../../events/event-sql.ts';
import { liveSources, type EventStore } from '../../events/event-store.ts';
import { sqlString } from '../../events/event-layout.ts';
import { queryFile, runQuery } from '../queries/query-library.ts';

export interface GraphTable {
  table: string;
  columns: { name: string; type: string }[];
  /** area/name of a file under cypher/queries/. */
  query: string;
}

export interface SqlInvestigationFile extends CypherFile {
  language: 'sql';
  graphTables: GraphTable[];
  /** The SQL statement (header comments included: DuckDB ignores them). */
  sql: string;
}

const GRAPH = /^--\s*@graph\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*:\s*([a-z0-9-]+\/[a-z0-9-]+)\s*$/;
const COLUMN_TYPES = new Set(['VARCHAR', 'BIGINT', 'INTEGER', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'VARCHAR[]']);

export function isSqlInvestigation(f: CypherFile): f is SqlInvestigationFile {
  return (f as Partial<SqlInvestigationFile>).language === 'sql';
}

export function parseSqlInvestigation(text: string, file: string): SqlInvestigationFile {
  const header: string[] = [];
  const graphTables: GraphTable[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('--')) { if (t === '') continue; break; }
    if (/^--\s*@graph\b/.test(t)) {
      const m = GRAPH.exec(t);
      if (!m) throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: bad @graph "${t}" (want "-- @graph table(col TYPE, …): area/query").`);
      const columns = m[2].split(',').map((c) => c.trim()).filter(Boolean).map((c) => {
        const [name, ...type] = c.split(/\s+/);
        const ty = type.join(' ').toUpperCase();
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !COLUMN_TYPES.has(ty)) {
          throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: @graph column "${c}" (want a name and one of ${[...COLUMN_TYPES].join(', ')}).`);
        }
        return { name, type: ty };
      });
      graphTables.push({ table: m[1], columns, query: m[3] });
      continue;
    }
    header.push(t.replace(/^--\s?/, '// '));
  }
  const meta = parseCypherFile(`${header.join('\n')}\n`, file);
  const sql = text.trim().replace(/;\s*$/, '');
  return {
    ...meta,
    name: meta.tags.name ?? path.basename(file, '.sql'),
    language: 'sql', graphTables, sql, text, statements: [sql],
  };
}

export function loadSqlInvestigationDir(dir: string): SqlInvestigationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => parseSqlInvestigation(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
}

/** Parameters the SQL uses ($name), outside strings and comments. */
export function usedSqlParams(sql: string): Set<string> {
  const stripped = sql.replace(/--.*$/gm, '').replace(/'(?:[^']|'')*'/g, "''");
  return new Set([...stripped.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
}

/** Typed parameters as DuckDB values: whole numbers as BIGINT, lists as lists. */
function duckParams(f: SqlInvestigationFile, params: Record<string, unknown>): Record<string, DuckDBValue> {
  const used = usedSqlParams(f.sql);
  const out: Record<string, DuckDBValue> = {};
  for (const p of f.params) {
    if (!used.has(p.name)) continue;
    const v = params[p.name];
    if (v === null || v === undefined) out[p.name] = null;
    else if (p.type === 'Integer') out[p.name] = BigInt(v as number);
    else if (p.type === 'List<Integer>') out[p.name] = listValue((v as number[]).map((x) => BigInt(x)));
    else if (p.type === 'List<String>') out[p.name] = listValue((v as string[]).map(String));
    else out[p.name] = v as DuckDBValue;
  }
  return out;
}

export type GraphRows = (t: GraphTable, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** Graph rows from the table's Cypher query, given the parameters it declares. */
export function graphRowsFrom(db: Database, caller: string): GraphRows {
  return async (t, params) => {
    const [area, name] = t.query.split('/');
    const q = queryFile(area, name);
    const given: Record<string, unknown> = {};
    for (const p of q.params) given[p.name] = params[p.name] ?? p.default ?? null;
    return db.readTx((tx) => runQuery(tx, area, name, given), { caller });
  };
}

/** Create each graph table on the connection from its rows (as JSON, typed by the header). */
async function createGraphTables(c: DuckDBConnection, tables: { t: GraphTable; rows: Record<string, unknown>[] }[]): Promise<void> {
  for (const { t, rows } of tables) {
    const shape = `{${t.columns.map((col) => `"${col.name}": "${col.type}"`).join(', ')}}`;
    const cols = t.columns.map((col) => `r."${col.name}" AS "${col.name}"`).join(', ');
    const json = JSON.stringify(rows.map((r) => Object.fromEntries(t.columns.map((col) => [col.name, r[col.name] ?? null]))));
    await c.run(`CREATE TEMP TABLE "${t.table}" AS SELECT ${cols} FROM (SELECT unnest(from_json(${sqlString(json)}, ${sqlString(`[${shape}]`)})) AS r)`);
  }
}

export async function runSqlInvestigation(
  f: SqlInvestigationFile, params: Record<string, unknown>, o: { events: EventStore; sources: readonly string[] | null; graphRows: GraphRows; limits: SqlLimits },
): Promise<SqlResult> {
  const tables: { t: GraphTable; rows: Record<string, unknown>[] }[] = [];
  for (const t of f.graphTables) tables.push({ t, rows: await o.graphRows(t, params) });
  return runEventSql(o.events, f.sql, {
    sources: o.sources, params: duckParams(f, params), limits: o.limits, caller: `investigation:${f.name}`,
    prepare: (c) => createGraphTables(c, tables),
  });
}

/** As the library runs it: graph tables from Neo4j, the live sources' events. */
export async function runSqlInvestigationOnGraph(
  db: Database, events: EventStore, f: SqlInvestigationFile, params: Record<string, unknown>, limits: SqlLimits,
): Promise<SqlResult> {
  return runSqlInvestigation(f, params, { events, sources: await liveSources(db), graphRows: graphRowsFrom(db, `investigation:${f.name}`), limits });
}
