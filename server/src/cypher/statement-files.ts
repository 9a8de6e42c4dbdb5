// Static Cypher of the server lives in .cypher files under cypher/ (header format of
// cypher-file.ts): the API's queries in cypher/queries/<area>/, the engine's own statements
// (import ledger, migration records, maintenance) in cypher/internal/<area>/. A file is parsed
// once; every use is checked against its declared parameters, so a renamed parameter fails
// loudly in tests rather than silently binding null. The EXPLAIN test covers every file.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseCypherFile, type CypherFile } from './cypher-file.ts';
import { REPO_ROOT } from '../config.ts';
import { AppError, ErrorCode } from '../errors.ts';

const cache = new Map<string, CypherFile>();

/** A one-statement .cypher file (absolute path), parsed once. */
export function statementFile(file: string): CypherFile {
  let f = cache.get(file);
  if (!f) {
    f = parseCypherFile(readFileSync(file, 'utf8'), file);
    if (f.statements.length !== 1) throw new AppError(ErrorCode.INTERNAL, `${file} must hold exactly one statement.`);
    cache.set(file, f);
  }
  return f;
}

/** The statement text, once the given parameter names are exactly the declared ones. */
export function checkedStatement(f: CypherFile, id: string, params: Record<string, unknown>): string {
  const declared = f.params.map((p) => p.name).sort().join(',');
  const given = Object.keys(params).sort().join(',');
  if (declared !== given) {
    throw new AppError(ErrorCode.INTERNAL, `${id}: parameters [${given}] do not match the declared [${declared}].`);
  }
  return f.statements[0];
}

/** One of the engine's own statements: cypher/internal/<area>/<name>.cypher. */
export function internalStatement(area: string, name: string, params: Record<string, unknown>): string {
  return checkedStatement(statementFile(path.join(REPO_ROOT, 'cypher/internal', area, `${name}.cypher`)), `internal/${area}/${name}`, params);
}
