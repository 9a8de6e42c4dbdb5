// Vitest global setup for integration tests: one real Neo4j per test run (own store in a temp
// folder, a free port), started before the first test file and stopped after the last.
// INFRAGRAPH_TEST_NEO4J_URI (+ _PASSWORD) points the tests at an existing server instead.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded, stopEmbedded, freePort, type EmbeddedOptions } from '../../server/src/db/embedded/index.ts';
import { Database } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { REPO_ROOT } from '../../server/src/config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jPassword: string;
    neo4jHome: string;
    neo4jPort: number;
  }
}

const quiet = { info() {}, warn: console.warn, error: console.error, debug() {} };

export default async function setup(project: TestProject) {
  const externalUri = process.env.INFRAGRAPH_TEST_NEO4J_URI;
  let opts: EmbeddedOptions | undefined;
  let tmp: string | undefined;
  let uri: string;
  let password: string;
  if (externalUri) {
    uri = externalUri;
    password = process.env.INFRAGRAPH_TEST_NEO4J_PASSWORD ?? '';
  } else {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'infragraph-test-'));
    opts = {
      repoRoot: REPO_ROOT,
      home: path.join(tmp, 'neo4j'),
      boltPort: await freePort(),
      heapMb: 1024,
      pageCacheMb: 512,
      txTimeoutSec: 300,
      // Start-up takes ~10 s on a quiet machine and minutes on a saturated one; the verdict of the
      // suite must not depend on that.
      startTimeoutMs: 600_000,
      passwordFile: path.join(tmp, 'neo4j-password'),
      log: quiet,
    };
    const t0 = Date.now();
    const started = await startEmbedded(opts, 'foreground');
    uri = started.uri;
    password = started.password;
    console.log(`[test] Neo4j ready at ${uri} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const db = new Database({ uri, user: 'neo4j', password, database: 'neo4j', txTimeoutMs: 60_000 });
  await applyMigrations(db, REPO_ROOT);
  await db.close();
  project.provide('neo4jUri', uri);
  project.provide('neo4jPassword', password);
  project.provide('neo4jHome', opts?.home ?? '');
  project.provide('neo4jPort', opts?.boltPort ?? 0);

  return async () => {
    if (opts) {
      await stopEmbedded(opts);
      if (tmp) await rm(tmp, { recursive: true, force: true });
    }
  };
}
