// Parameters of analysts' SQL ($name), from the CLI (strings) or GraphQL (JSON values).
import type { DuckDBValue } from '@duckdb/node-api';
import { AppError, ErrorCode } from '../errors.ts';

/** Whole numbers bind as BIGINT (a JS number would bind as DOUBLE); strings, booleans and null as they are. */
export function sqlParams(raw: Record<string, unknown> | null | undefined): Record<string, DuckDBValue> {
  if (raw == null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'params must be a JSON object.');
  const out: Record<string, DuckDBValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new AppError(ErrorCode.BAD_USER_INPUT, `Parameter name "${k}" must be a plain identifier.`);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number' && Number.isSafeInteger(v)) out[k] = BigInt(v);
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else throw new AppError(ErrorCode.BAD_USER_INPUT, `Parameter ${k} must be a string, number, boolean or null.`);
  }
  return out;
}
