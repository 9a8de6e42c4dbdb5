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
import { formatTable, formatRecords, toCsv } from './format-table.ts';

export async function sqlCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      param: { type: 'string', multiple: true, short: 'p' },
      format: { type: 'string', default: 'table' },
    },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Give the SELECT to run, e.g. infragraph sql "SELECT qname, count(*) AS n FROM events GROUP BY qname ORDER BY n DESC LIMIT 10".');
  const format = values.format!;
  if (!['table', 'records', 'json', 'csv'].includes(format)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--format must be table, records, json or csv.');
  const raw: Record<string, string> = {};
  for (const p of values.param ?? []) {
    const i = p.indexOf('=');
    if (i < 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `--param wants name=value, got "${p}".`);
    raw[p.slice(0, i)] = p.slice(i + 1);
  }
  const app = await openApp('detached', { migrate: false });
  try {
    const r = await runEventSql(eventStore(app.cfg), query, { sources: await liveSources(app.db), params: sqlParams(raw), limits: app.cfg.console, caller: 'cli:sql' });
    const matrix = r.rows.map((row) => r.columns.map((c) => row[c]));
    if (format === 'json') process.stdout.write(JSON.stringify(r.rows, null, 2) + '\n');
    else if (format === 'csv') process.stdout.write(toCsv(r.columns, matrix) + '\n');
    else {
      process.stdout.write((format === 'records' ? formatRecords(r.columns, matrix) : formatTable(r.columns, matrix)) + '\n');
      process.stderr.write(`${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} in ${r.ms} ms\n`);
    }
    return 0;
  } finally {
    await closeDuckDB();
    await app.close();
  }
}
