// What the console completes from: the live database's labels, relationship types and property
// keys (db.labels(), db.relationshipTypes(), db.propertyKeys()), sorted.
import type { Database } from '../../db/database.ts';
import { runQuery } from '../queries/query-library.ts';

export interface SchemaVocabulary { labels: string[]; relationshipTypes: string[]; propertyKeys: string[] }

export async function schemaVocabulary(db: Database): Promise<SchemaVocabulary> {
  const rows = await db.readTx((tx) => runQuery(tx, 'vocabulary', 'schema-vocabulary', {}), { caller: 'graphql:schemaVocabulary', timeoutMs: 10_000 });
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []).sort((a, b) => a.localeCompare(b));
  const r = rows[0] ?? {};
  return { labels: list(r.labels), relationshipTypes: list(r.relationshipTypes), propertyKeys: list(r.propertyKeys) };
}
