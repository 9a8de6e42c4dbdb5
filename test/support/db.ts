// Integration tests share one real Neo4j (test/setup/neo4j-global.ts). Files run one after
// another; each starts from an empty graph (schema kept) so no test sees another's data.
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { Database } from '../../server/src/db/database.ts';
import { loadConfig, type Config } from '../../server/src/config.ts';

export function testDb(): Database {
  return new Database({ uri: inject('neo4jUri'), user: 'neo4j', password: inject('neo4jPassword'), database: 'neo4j', txTimeoutMs: 60_000 });
}

/** A Config pointing at the test server, with a temp data dir for reports. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
    INFRAGRAPH_DATA_DIR: path.join(os.tmpdir(), `infragraph-test-data-${process.pid}`),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export async function resetDb(db: Database): Promise<void> {
  for (;;) {
    const r = await db.write('MATCH (n) WHERE NOT n:Migration WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n', {}, { caller: 'test:reset' });
    if (Number(r[0]?.n ?? 0) === 0) return;
  }
}
