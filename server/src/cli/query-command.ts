// infragraph investigations | infragraph query <name> --param k=v --format table|records|json|csv [--columns a,b]
import { parseArgs } from 'node:util';
import { config } from '../config.ts';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { listInvestigationFiles, runSavedInvestigation } from '../domain/investigations/investigation-library.ts';
import { formatTable, formatRecords, toCsv } from './format-table.ts';
import { eventStore } from '../events/event-store.ts';

export async function investigationsCommand(_args: string[]): Promise<number> {
  const files = listInvestigationFiles(config().repoRoot);
  const rows = files.map((f) => [
    f.name,
    f.params.map((p) => `${p.name}: ${p.type}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ''}`).join(', '),
    f.summary,
  ]);
  process.stdout.write(formatTable(['name', 'parameters', 'question'], rows) + '\n');
  return 0;
}

export async function queryCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      param: { type: 'string', multiple: true, short: 'p' },
      format: { type: 'string', default: 'table' },
      columns: { type: 'string', short: 'c' },
    },
  });
  const name = positionals[0];
  if (!name) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Name the investigation to run (see `infragraph investigations`).');
  const format = values.format;
  if (!['table', 'records', 'json', 'csv'].includes(format!)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--format must be table, records, json or csv.');
  const wanted = values.columns?.split(',').map((c) => c.trim()).filter(Boolean);
  const params: Record<string, string> = {};
  for (const p of values.param ?? []) {
    const i = p.indexOf('=');
    if (i < 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `--param wants name=value, got "${p}".`);
    params[p.slice(0, i)] = p.slice(i + 1);
  }
  const app = await openApp('detached', { migrate: false });
  try {
    const r = await runSavedInvestigation(app.db, app.cfg.repoRoot, name, params, app.cfg.console, eventStore(app.cfg)); // event store (issue 13)
    const unknown = (wanted ?? []).filter((c) => !r.columns.includes(c));
    if (r.rows.length > 0 && unknown.length > 0) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `--columns: ${name} has no column ${unknown.join(', ')} (it has: ${r.columns.join(', ')}).`);
    }
    const columns = wanted ?? r.columns;
    const rows = r.rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
    const matrix = rows.map((row) => columns.map((c) => row[c]));
    if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else if (format === 'csv') process.stdout.write(toCsv(columns, matrix) + '\n');
    else {
      process.stdout.write((format === 'records' ? formatRecords(columns, matrix) : formatTable(columns, matrix)) + '\n');
      process.stderr.write(`${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} in ${r.ms} ms\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}
