// infragraph investigations | infragraph query <name> --param k=v --format table|json|csv
import { parseArgs } from 'node:util';
import { config } from '../config.ts';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { listInvestigations, runInvestigation } from '../domain/investigations/investigation-service.ts';
import { formatTable, toCsv } from './format-table.ts';

export async function investigationsCommand(_args: string[]): Promise<number> {
  const files = listInvestigations(config().repoRoot);
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
    options: { param: { type: 'string', multiple: true, short: 'p' }, format: { type: 'string', default: 'table' } },
  });
  const name = positionals[0];
  if (!name) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Name the investigation to run (see `infragraph investigations`).');
  const format = values.format;
  if (!['table', 'json', 'csv'].includes(format!)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--format must be table, json or csv.');
  const params: Record<string, string> = {};
  for (const p of values.param ?? []) {
    const i = p.indexOf('=');
    if (i < 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `--param wants name=value, got "${p}".`);
    params[p.slice(0, i)] = p.slice(i + 1);
  }
  const app = await openApp('detached', { migrate: false });
  try {
    const r = await runInvestigation(app.db, app.cfg.repoRoot, name, params, { maxRows: app.cfg.console.maxRows, timeoutMs: app.cfg.console.timeoutMs });
    const matrix = r.rows.map((row) => r.columns.map((c) => row[c]));
    if (format === 'json') process.stdout.write(JSON.stringify(r.rows, null, 2) + '\n');
    else if (format === 'csv') process.stdout.write(toCsv(r.columns, matrix) + '\n');
    else {
      process.stdout.write(formatTable(r.columns, matrix) + '\n');
      process.stderr.write(`${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} in ${r.ms} ms\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}
