// Waits until every index of a CLI-managed embedded store is online (bench/next-day-snapshot.sh).
//   npx tsx bench/await-indexes.ts <data dir> <bolt port>
import { internalStatement } from '../server/src/cypher/statement-files.ts';
import { cliStoreDb } from './import-support.ts';

const [dir, port] = process.argv.slice(2);
const db = cliStoreDb(dir, port);
try {
  await db.schema(internalStatement('migrations', 'await-indexes', {}), { caller: 'bench', timeoutMs: 600_000 });
} finally {
  await db.close();
}
