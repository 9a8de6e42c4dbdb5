// Waits until every index of a CLI-managed embedded store is online (bench/next-day-snapshot.sh).
//   npx tsx bench/await-indexes.ts <data dir> <bolt port>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Database } from '../server/src/db/database.ts';
import { internalStatement } from '../server/src/cypher/statement-files.ts';

const [dir, port] = process.argv.slice(2);
const password = readFileSync(path.join(dir, 'neo4j-password'), 'utf8').trim();
const db = new Database({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password, database: 'neo4j', txTimeoutMs: 3_600_000 });
try {
  await db.schema(internalStatement('migrations', 'await-indexes', {}), { caller: 'bench', timeoutMs: 600_000 });
} finally {
  await db.close();
}
