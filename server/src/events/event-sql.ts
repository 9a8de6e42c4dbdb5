// Analysts' SQL over the event store (`infragraph sql`, GraphQL `sql`, .sql investigations).
// Read-only is enforced by DuckDB itself, in layers, any of which refuses:
//   1. exactly one statement, and DuckDB must plan it as a SELECT (prepared statement type);
//      PRAGMA and CALL, which DuckDB turns into SELECTs, are refused by their first keyword;
//   2. it runs on the sandbox instance: no file outside the events root can be read or written,
//      no extension installed or loaded, no setting changed (lock_configuration);
//   3. the console's limits: a time limit (the query is interrupted), a row limit and a byte
//      limit (rows are streamed and the rest is not fetched).
// The relation `events` is a temp view over the live sources' parts, created on the query's own
// connection; callers may add more temp tables first (graph rows a .sql investigation needs).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { JSDuckDBValueConverter, StatementType } from '@duckdb/node-api';
import { AppError, ErrorCode } from '../errors.ts';
import { sandboxInstance, withConnection } from './event-duckdb.ts';
import { createEventsView, listParts, plain, type EventStore } from './event-store.ts';

export interface SqlLimits { maxRows: number; maxBytes: number; timeoutMs: number }
export interface SqlResult { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; bytes: number; ms: number }

/** The statement without comments and string literals, for the keyword check. */
function stripSql(q: string): string {
  return q.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--.*$/gm, ' ').replace(/'(?:[^']|'')*'/g, "''");
}

const FIRST_WORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SUMMARIZE', 'SHOW', '(']);

export function firstKeyword(q: string): string {
  const m = /^\s*(\(|[A-Za-z_]+)/.exec(stripSql(q));
  return m ? m[1].toUpperCase() : '';
}

export interface SqlRunOptions {
  sources: readonly string[] | null;
  params?: Record<string, DuckDBValue>;
  limits: SqlLimits;
  /** Extra setup on the query's connection before the statement is prepared (temp tables). */
  prepare?: (c: DuckDBConnection) => Promise<void>;
  caller?: string;
}

export async function runEventSql(store: EventStore, query: string, o: SqlRunOptions): Promise<SqlResult> {
  if (!query.trim()) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query must not be empty.');
  if (query.length > 100_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query is limited to 100000 characters.');
  const kw = firstKeyword(query);
  if (!FIRST_WORDS.has(kw)) {
    throw new AppError(ErrorCode.QUERY_REFUSED, `SQL over the event store is read-only: only a SELECT is allowed (this statement starts with ${kw || 'nothing'}).`);
  }
  const parts = listParts(store.root, { sources: o.sources });
  return withConnection(sandboxInstance(store.root, store.settings), async (c) => {
    await createEventsView(c, parts);
    if (o.prepare) await o.prepare(c);
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; c.interrupt(); }, o.limits.timeoutMs);
    const t0 = Date.now();
    try {
      const ex = await c.extractStatements(query);
      if (ex.count !== 1) throw new AppError(ErrorCode.QUERY_REFUSED, `Send exactly one statement (got ${ex.count}).`);
      const st = await ex.prepare(0);
      if (st.statementType !== StatementType.SELECT) {
        throw new AppError(ErrorCode.QUERY_REFUSED, `SQL over the event store is read-only: DuckDB plans this statement as ${StatementType[st.statementType] ?? st.statementType}, not SELECT.`);
      }
      if (o.params && Object.keys(o.params).length) st.bind(o.params);
      const res = await st.stream();
      const columns = res.deduplicatedColumnNames();
      const rows: Record<string, unknown>[] = [];
      let bytes = 0;
      let truncated = false;
      outer: for (;;) {
        const chunk = await res.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (const r of chunk.convertRows(JSDuckDBValueConverter)) {
          if (rows.length >= o.limits.maxRows) { truncated = true; break outer; }
          const row: Record<string, unknown> = {};
          columns.forEach((name, i) => { row[name] = plain(r[i]); });
          bytes += JSON.stringify(row).length;
          if (bytes > o.limits.maxBytes) { truncated = true; break outer; }
          rows.push(row);
        }
      }
      return { columns, rows, truncated, bytes, ms: Date.now() - t0 };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (timedOut) throw new AppError(ErrorCode.QUERY_TIMEOUT, `The SQL query ran longer than ${o.limits.timeoutMs} ms and was stopped.`);
      const msg = (e as Error).message ?? String(e);
      if (/Permission Error|configuration has been locked|disabled through configuration/i.test(msg)) {
        throw new AppError(ErrorCode.QUERY_REFUSED, `SQL over the event store may read only the events: ${msg.split('\n')[0]}`);
      }
      throw new AppError(ErrorCode.BAD_USER_INPUT, `SQL error: ${msg.split('\n')[0]}`);
    } finally {
      clearTimeout(timer);
    }
  });
}
