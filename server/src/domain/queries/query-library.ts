// Static Cypher of the API lives in cypher/queries/<area>/<name>.cypher (header format of
// cypher-file.ts). Services ask for a query by area and name; cypher/statement-files.ts parses the
// file once and checks every call against its declared parameters.
import path from 'node:path';
import type { CypherFile } from '../../cypher/cypher-file.ts';
import { checkedStatement, statementFile } from '../../cypher/statement-files.ts';
import { REPO_ROOT } from '../../config.ts';
import type { Params, Row, Tx } from '../../db/database.ts';

/**
 * A query by area and name. The area `investigations` names a bundled investigation
 * (cypher/investigations/, never a user's file of the same name): where the API answers the same
 * question as an investigation (who-controls), both run one file.
 */
export function queryFile(area: string, name: string): CypherFile {
  return statementFile(area === 'investigations'
    ? path.join(REPO_ROOT, 'cypher/investigations', `${name}.cypher`)
    : path.join(REPO_ROOT, 'cypher/queries', area, `${name}.cypher`));
}

/** The statement text; `rewrite` may substitute literal-only parts (hop bounds, SHORTEST k). */
export function queryText(area: string, name: string, params: Params): string {
  return checkedStatement(queryFile(area, name), `${area}/${name}`, params);
}

export function runQuery(tx: Tx, area: string, name: string, params: Params, rewrite?: (text: string) => string): Promise<Row[]> {
  const text = queryText(area, name, params);
  return tx.run(rewrite ? rewrite(text) : text, params);
}
