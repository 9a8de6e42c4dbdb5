// The read-only Cypher console for analysts. Guards, any of which refuses (console-guard.ts):
//   1. the lexed query may not use a writing or administrative clause, and may CALL only
//      allow-listed schema procedures;
//   2. Neo4j's EXPLAIN plan must be a read ('r') without command operators (SHOW …, TERMINATE …),
//      write operators or procedures outside the allow-list;
//   3. it runs once (never retried) in a READ transaction of its own, in a worker thread, with a
//      timeout, a row limit, a byte limit per value and per result, and a heap cap.
import type { Database, Params } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { extractGraph, type GNode, type GEdge } from '../graph/graph-model.ts';
import { textGuard, planGuard } from './console-guard.ts';

export { textGuard, planGuard };

export interface ConsoleResult { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; bytes: number; ms: number; nodes: GNode[]; edges: GEdge[] }

/** Heap of the worker that decodes a console result: well above maxBytes, far below the server's. */
const CONSOLE_WORKER_MB = 192;

export async function runConsole(db: Database, cfg: Config, query: string, params: Params): Promise<ConsoleResult> {
  if (!query.trim()) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query must not be empty.');
  if (query.length > 100_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query is limited to 100000 characters.');
  if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Send the query without EXPLAIN/PROFILE.');
  textGuard(query);
  planGuard(await db.explain(query, params, { caller: 'graphql:cypher:explain', timeoutMs: cfg.console.timeoutMs }));
  const t0 = Date.now();
  const r = await db.readIsolated(query, params, {
    caller: 'graphql:cypher', timeoutMs: cfg.console.timeoutMs, maxRows: cfg.console.maxRows,
    maxBytes: cfg.console.maxBytes, maxValueBytes: cfg.console.maxBytes, memoryMb: CONSOLE_WORKER_MB,
  });
  const g = extractGraph(r.rows);
  return { ...r, ms: Date.now() - t0, nodes: g.nodes, edges: g.edges };
}
