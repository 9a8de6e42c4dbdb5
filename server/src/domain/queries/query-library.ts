// Static Cypher of the API lives in cypher/queries/<area>/<name>.cypher (header format of
// cypher-file.ts). Services ask for a query by area and name; the file is parsed once and every
// call is checked against its declared parameters, so a renamed parameter fails loudly in tests
// rather than silently binding null.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseCypherFile, type CypherFile } from '../../cypher/cypher-file.ts';
import { REPO_ROOT } from '../../config.ts';
import type { Params, Row, Tx } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';

const cache = new Map<string, CypherFile>();

/**
 * A query by area and name. The area `investigations` names a bundled investigation
 * (cypher/investigations/, never a user's file of the same name): where the API answers the same
 * question as an investigation (who-controls), both run one file.
 */
export function queryFile(area: string, name: string): CypherFile {
  const id = `${area}/${name}`;
  let f = cache.get(id);
  if (!f) {
    const file = area === 'investigations'
      ? path.join(REPO_ROOT, 'cypher/investigations', `${name}.cypher`)
      : path.join(REPO_ROOT, 'cypher/queries', area, `${name}.cypher`);
    f = parseCypherFile(readFileSync(file, 'utf8'), file);
    if (f.statements.length !== 1) throw new AppError(ErrorCode.INTERNAL, `${file} must hold exactly one statement.`);
    cache.set(id, f);
  }
  return f;
}

/** The statement text; `rewrite` may substitute literal-only parts (hop bounds, SHORTEST k). */
export function queryText(area: string, name: string, params: Params): string {
  const f = queryFile(area, name);
  const declared = f.params.map((p) => p.name).sort().join(',');
  const given = Object.keys(params).sort().join(',');
  if (declared !== given) {
    throw new AppError(ErrorCode.INTERNAL, `${area}/${name}: parameters [${given}] do not match the declared [${declared}].`);
  }
  return f.statements[0];
}

export function runQuery(tx: Tx, area: string, name: string, params: Params, rewrite?: (text: string) => string): Promise<Row[]> {
  const text = queryText(area, name, params);
  return tx.run(rewrite ? rewrite(text) : text, params);
}
