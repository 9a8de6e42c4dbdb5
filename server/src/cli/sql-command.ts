// infragraph sql "<SELECT …>" [--param k=v]… [--format table|records|json|csv]
// Read-only DuckDB SQL over the event store (a view named `events`, the live sources' lookups),
// with the console's row, byte and time limits.
import { parseArgs } from 'node:util';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { eventStore, liveSources } from '../events/event-store.ts';
import { runEventSql } from '../events/event-sql.ts';
import { sqlParams } from '../events/sql-params.ts';
import { closeDuckDB } from '../events/event-duckdb.ts';
import { checkFormat, parseParamArgs, printRows, ROW_OUTPUT_OPTIONS } from './print-result.ts';

export async function sqlCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...ROW_OUTPUT_OPTIONS },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Give the SELECT to run, e.g. infragraph sql "SELECT qname, count(*) AS n FROM events GROUP BY qname ORDER BY n DESC LIMIT 10".');
  const format = checkFormat(values.format);
  const raw = parseParamArgs(values.param);
  const app = await openApp('detached', { migrate: false });
  try {
    const r = await runEventSql(eventStore(app.cfg), query, { sources: await liveSources(app.db), params: sqlParams(raw), limits: app.cfg.console, caller: 'cli:sql' });
    printRows(r.columns, r.rows, format, `${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} in ${r.ms} ms`);
    return 0;
  } finally {
    await closeDuckDB();
    await app.close();
  }
}
