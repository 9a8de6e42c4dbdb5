// The API benchmark's own Neo4j: a separate home under bench/out/api-neo4j and its own port, so
// the dev and test servers are never touched. Started detached; `stopBenchDb` ends it.
import path from 'node:path';
import { startEmbedded, stopEmbedded, type EmbeddedOptions } from '../../server/src/db/embedded/index.ts';
import { Database } from '../../server/src/db/database.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const BENCH_PORT = Number(process.env.BENCH_NEO4J_PORT ?? 7697);

export function benchOptions(): EmbeddedOptions {
  const home = path.join(REPO, 'bench/out/api-neo4j');
  return {
    repoRoot: REPO, home, boltPort: BENCH_PORT, heapMb: 3072, pageCacheMb: 3072, txTimeoutSec: 600,
    passwordFile: path.join(REPO, 'bench/out/api-neo4j-password'),
    log: { info() {}, warn: (o: unknown, m?: string) => console.error(m ?? o), error: (o: unknown, m?: string) => console.error(m ?? o), debug() {} },
    startTimeoutMs: 300_000,
  };
}

export async function startBenchDb(): Promise<{ db: Database; uri: string; password: string }> {
  const started = await startEmbedded(benchOptions(), 'detached');
  const db = new Database({ uri: started.uri, user: 'neo4j', password: started.password, database: 'neo4j', txTimeoutMs: 600_000, maxPoolSize: 100 });
  return { db, uri: started.uri, password: started.password };
}

export async function stopBenchDb(): Promise<void> {
  await stopEmbedded(benchOptions());
}
