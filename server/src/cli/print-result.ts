// Rows on stdout in the format asked for; the row count and time on stderr (tables only), so
// json and csv output stays machine-readable.
import { AppError, ErrorCode } from '../errors.ts';
import { formatTable, formatRecords, toCsv } from './format-table.ts';

export const FORMATS = ['table', 'records', 'json', 'csv'] as const;

/** The parseArgs options every command that prints rows takes: `--param k=v`… and `--format`. */
export const ROW_OUTPUT_OPTIONS = {
  param: { type: 'string', multiple: true, short: 'p' },
  format: { type: 'string', default: 'table' },
} as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(f: string | undefined): Format {
  if (!(FORMATS as readonly string[]).includes(f ?? '')) throw new AppError(ErrorCode.BAD_USER_INPUT, `--format must be ${FORMATS.join(', ')}.`);
  return f as Format;
}

/** `--param k=v` pairs; the values stay text (typed later from a header, or by parseLooseValue). */
export function parseParamArgs(list: string[] | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const p of list ?? []) {
    const i = p.indexOf('=');
    if (i < 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `--param wants name=value, got "${p}".`);
    params[p.slice(0, i)] = p.slice(i + 1);
  }
  return params;
}

/**
 * An untyped `--param` value: JSON when it reads as a number, boolean, null, list or quoted string
 * (`limit=5`, `ips=["a","b"]`, `code='"007"'`), else the text as it is (`host=mail1.trump-email.com`).
 */
export function parseLooseValue(v: string): unknown {
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null|\[.*\]|".*")$/s.test(v.trim())) {
    try { return JSON.parse(v); } catch { /* not JSON after all: keep the text */ }
  }
  return v;
}

export function printRows(columns: string[], rows: Record<string, unknown>[], format: Format, note: string): void {
  const matrix = rows.map((row) => columns.map((c) => row[c] ?? null));
  if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(toCsv(columns, matrix) + '\n');
  else {
    if (rows.length) process.stdout.write((format === 'records' ? formatRecords(columns, matrix) : formatTable(columns, matrix)) + '\n');
    process.stderr.write(`${note}\n`);
  }
}
