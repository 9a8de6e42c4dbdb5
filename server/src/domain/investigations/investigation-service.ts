// The library of saved Cypher investigations (cypher/investigations/*.cypher): listed with their
// typed parameters, run read-only with validated parameters, a timeout and a row cap.
import path from 'node:path';
import { loadCypherDir, bindParams, type CypherFile } from '../../cypher/cypher-file.ts';
import type { Database, Row } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';

export interface InvestigationResult {
  name: string;
  columns: string[];
  rows: Row[];
  truncated: boolean;
  ms: number;
}

let cache: { dir: string; files: CypherFile[] } | undefined;

export function investigationsDir(repoRoot: string): string {
  return path.join(repoRoot, 'cypher/investigations');
}

export function listInvestigations(repoRoot: string, reload = false): CypherFile[] {
  const dir = investigationsDir(repoRoot);
  if (!cache || cache.dir !== dir || reload) cache = { dir, files: loadCypherDir(dir) };
  return cache.files;
}

export function getInvestigation(repoRoot: string, name: string): CypherFile {
  const f = listInvestigations(repoRoot).find((x) => x.name === name);
  if (!f) {
    throw new AppError(ErrorCode.NOT_FOUND, `No investigation named "${name}" (see \`infragraph investigations\`).`);
  }
  return f;
}

export async function runInvestigation(
  db: Database, repoRoot: string, name: string, rawParams: Record<string, unknown>,
  limits: { maxRows: number; timeoutMs: number },
): Promise<InvestigationResult> {
  const f = getInvestigation(repoRoot, name);
  if (f.mode !== 'READ') throw new AppError(ErrorCode.QUERY_REFUSED, `Investigation ${name} is not read-only.`);
  if (f.statements.length !== 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `Investigation ${name} must hold exactly one statement.`);
  const params = bindParams(f, rawParams);
  const t0 = Date.now();
  const rows = await db.read(f.statements[0], params, { caller: `investigation:${name}`, timeoutMs: limits.timeoutMs });
  const truncated = rows.length > limits.maxRows;
  const kept = truncated ? rows.slice(0, limits.maxRows) : rows;
  const columns = kept.length ? Object.keys(kept[0]) : [];
  return { name, columns, rows: kept, truncated, ms: Date.now() - t0 };
}
