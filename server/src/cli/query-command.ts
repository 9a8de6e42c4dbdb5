// infragraph query <name> --param k=v --format table|records|json|csv [--columns a,b]
import { parseArgs } from 'node:util';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { runSavedInvestigation } from '../domain/investigations/investigation-library.ts';
import { checkFormat, parseParamArgs, printRows, ROW_OUTPUT_OPTIONS } from './print-result.ts';
import { eventStore } from '../events/event-store.ts';

export async function queryCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...ROW_OUTPUT_OPTIONS, columns: { type: 'string', short: 'c' } },
  });
  const name = positionals[0];
  if (!name) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Name the investigation to run (see `infragraph investigations`).');
  const format = checkFormat(values.format);
  const wanted = values.columns?.split(',').map((c) => c.trim()).filter(Boolean);
  const params = parseParamArgs(values.param);
  const app = await openApp('detached', { migrate: false });
  try {
    const r = await runSavedInvestigation(app.db, app.cfg, name, params, app.cfg.console, eventStore(app.cfg)); // event store (issue 13)
    const unknown = (wanted ?? []).filter((c) => !r.columns.includes(c));
    if (r.rows.length > 0 && unknown.length > 0) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `--columns: ${name} has no column ${unknown.join(', ')} (it has: ${r.columns.join(', ')}).`);
    }
    const columns = wanted ?? r.columns;
    const rows = r.rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
    printRows(columns, rows, format, `${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} in ${r.ms} ms`);
    return 0;
  } finally {
    await app.close();
  }
}
