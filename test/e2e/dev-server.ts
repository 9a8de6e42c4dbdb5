// Manual iteration on the UI: a throw-away embedded Neo4j with the 2016 case loaded and the server
// on a fixed port, until Ctrl+C. `npx tsx test/e2e/dev-server.ts [PORT]`; then run-scenario.ts.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded, stopEmbedded, freePort } from '../../server/src/db/embedded/index.ts';
import { Database } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { REPO_ROOT, loadConfig } from '../../server/src/config.ts';
import { loadDemoCase } from '../../server/src/domain/demo/load-demo-case.ts';
import { createServer } from '../../server/src/http/create-server.ts';
import { createLogger } from '../../server/src/logger.ts';

const port = Number(process.argv[2] ?? 4190);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'infragraph-ui-dev-'));
const quiet = { info() {}, warn: console.warn, error: console.error, debug() {} };
const opts = { repoRoot: REPO_ROOT, home: path.join(tmp, 'neo4j'), boltPort: await freePort(), heapMb: 1024, pageCacheMb: 256, txTimeoutSec: 300, passwordFile: path.join(tmp, 'pw'), log: quiet };
const { uri, password } = await startEmbedded(opts, 'foreground');
const db = new Database({ uri, user: 'neo4j', password, database: 'neo4j', txTimeoutMs: 60_000 });
await applyMigrations(db, REPO_ROOT);
const cfg = loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: password, INFRAGRAPH_DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'silent' });
await loadDemoCase(db, cfg);
const server = await createServer(db, cfg, createLogger('silent'), port);
console.log(`ready ${server.url}`);
const stop = async () => { await server.close(); await db.close(); await stopEmbedded(opts); process.exit(0); };
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
