// The read-only Cypher console for analysts. Three independent guards, any of which refuses:
//   1. the text (comments and string literals removed) may not name a writing or administrative
//      clause or procedure;
//   2. EXPLAIN must report a read-only query type ('r') and no plan operator may write, load
//      files, call a dbms/db.create/apoc procedure or switch database;
//   3. it runs in a READ transaction (the server itself refuses writes there), with a timeout,
//      a row limit and a byte limit.
import type { Database, Params } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { extractGraph, type GNode, type GEdge } from '../graph/graph-model.ts';

const FORBIDDEN: [RegExp, string][] = [
  [/(?<![.\w$`])(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|GRANT|DENY|REVOKE|ALTER|RENAME|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE)(?![\w`])/i, 'writes or changes the database'],
  [/(?<![.\w$`])LOAD\s+CSV(?![\w`])/i, 'loads files (LOAD CSV)'],
  [/(?<![.\w$`])USE(?![\w`])/i, 'switches database (USE)'],
  [/\bIN\s+(\d+\s+)?(CONCURRENT\s+)?TRANSACTIONS\b/i, 'runs its own transactions (CALL { } IN TRANSACTIONS)'],
  [/(?<![\w$`])(dbms|apoc|gds)\s*\./i, 'calls an administrative or plug-in procedure'],
  [/(?<![\w$`])db\s*\.\s*(create|index\s*\.\s*fulltext\s*\.\s*create|clearQueryCaches|checkpoint|resample|prepare|awaitIndex)/i, 'calls a procedure that changes the database'],
];

/** The query with comments and string literals blanked, so keywords inside them do not count. */
export function stripLiterals(q: string): string {
  return q
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

export function textGuard(query: string): void {
  const t = stripLiterals(query);
  for (const [re, why] of FORBIDDEN) {
    const m = re.exec(t);
    if (m) throw new AppError(ErrorCode.QUERY_REFUSED, `The console is read-only: the query ${why} ("${m[0].trim()}").`);
  }
}

const WRITE_OPERATOR = /^(Create|Merge|Delete|DetachDelete|SetProperty|SetProperties|SetLabels|RemoveLabels|SetNodeProperty|SetRelationshipProperty|LoadCSV|Foreach|TransactionForeach|TransactionApply|EmptyResult.*Write|LockingMerge|.*Index.*Create|.*Constraint)/i;

export interface ConsoleResult { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; bytes: number; ms: number; nodes: GNode[]; edges: GEdge[] }

export async function runConsole(db: Database, cfg: Config, query: string, params: Params): Promise<ConsoleResult> {
  if (!query.trim()) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query must not be empty.');
  if (query.length > 100_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query is limited to 100000 characters.');
  if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Send the query without EXPLAIN/PROFILE.');
  textGuard(query);
  const plan = await db.explain(query, params, { caller: 'graphql:cypher:explain', timeoutMs: cfg.console.timeoutMs });
  if (plan.queryType !== 'r') throw new AppError(ErrorCode.QUERY_REFUSED, `The console is read-only; Neo4j plans this query as type "${plan.queryType}".`);
  for (const op of plan.operators) {
    if (WRITE_OPERATOR.test(op.operator) || /(?<![\w$`])(dbms|apoc|gds)\./i.test(op.details)) {
      throw new AppError(ErrorCode.QUERY_REFUSED, `The console is read-only; the plan has a ${op.operator} operator.`);
    }
  }
  const t0 = Date.now();
  const r = await db.readLimited(query, params, { caller: 'graphql:cypher', timeoutMs: cfg.console.timeoutMs, maxRows: cfg.console.maxRows, maxBytes: cfg.console.maxBytes });
  const g = extractGraph(r.rows);
  return { ...r, ms: Date.now() - t0, nodes: g.nodes, edges: g.edges };
}
