// The foundation's round trip against real Neo4j: migrations, a write read back, the server's
// health with the database up, and DB_UNAVAILABLE once the database is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testDb, testConfig, resetDb } from '../support/db.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { Database } from '../../server/src/db/database.ts';
import { createServer } from '../../server/src/http/create-server.ts';
import { createLogger } from '../../server/src/logger.ts';
import { REPO_ROOT } from '../../server/src/config.ts';
import { startEmbedded, stopEmbedded, freePort } from '../../server/src/db/embedded/index.ts';
import { AppError } from '../../server/src/errors.ts';

const db = testDb();
afterAll(() => db.close());

async function gql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] };
}

describe('migrations', () => {
  it('are recorded and a second run applies nothing', async () => {
    const again = await applyMigrations(db, REPO_ROOT);
    expect(again.applied).toEqual([]);
    expect(again.skipped).toEqual(['001-node-keys', '002-analysis-keys', '003-search-indexes', '004-endpoint-keys', '005-import-lock', '006-queried-key', '007-queried-key-index']);
    const rows = await db.read('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names', {}, { caller: 'test' });
    expect(rows[0].names).toEqual(expect.arrayContaining(['host_key', 'ip_key', 'domain_key', 'source_key', 'organization_key']));
    const idx = await db.read("SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN collect(name) AS names", {}, { caller: 'test' });
    expect(idx[0].names).toContain('entity_search');
  });
});

describe('database round trip', () => {
  beforeAll(() => resetDb(db));

  it('reads back a written node as a plain object with plain numbers and ISO times', async () => {
    await db.write("CREATE (:Host {key: 'mail1.trump-email.com', n: 42, at: datetime('2016-09-23T13:56:29Z')})", {}, { caller: 'test' });
    const rows = await db.read("MATCH (h:Host {key: 'mail1.trump-email.com'}) RETURN h, h.n AS n, h.at AS at", {}, { caller: 'test' });
    expect(rows).toHaveLength(1);
    expect(rows[0].n).toBe(42);
    expect(rows[0].at).toBe('2016-09-23T13:56:29.000Z');
    const h = rows[0].h as { labels: string[]; props: Record<string, unknown> };
    expect(h.labels).toEqual(['Host']);
    expect(h.props.key).toBe('mail1.trump-email.com');
  });

  it('maps a duplicate key to CONFLICT and bad Cypher to BAD_USER_INPUT', async () => {
    await expect(db.write("CREATE (:Host {key: 'mail1.trump-email.com'})", {}, { caller: 'test' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(db.read('MATCH (n RETURN n', {}, { caller: 'test' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses writes inside a read transaction', async () => {
    await expect(db.read("CREATE (:Host {key: 'x.example'})", {}, { caller: 'test' })).rejects.toBeInstanceOf(AppError);
    await expect(db.read("CREATE (:Host {key: 'x.example'})", {}, { caller: 'test' })).rejects.toMatchObject({ code: 'QUERY_REFUSED' });
  });

  it('stops a query at its timeout with QUERY_TIMEOUT', async () => {
    await expect(db.read('UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(*)', {}, { caller: 'test', timeoutMs: 200 }))
      .rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
  });
});

describe('server health', () => {
  it('answers health with the database up, and DB_UNAVAILABLE after it is stopped', async () => {
    // Its own Neo4j, so stopping it does not disturb the other tests.
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'infragraph-health-'));
    const opts = {
      repoRoot: REPO_ROOT, home: path.join(tmp, 'neo4j'), boltPort: await freePort(), heapMb: 512, pageCacheMb: 128,
      txTimeoutSec: 60, passwordFile: path.join(tmp, 'pw'), log: { info() {}, warn() {}, error() {}, debug() {} },
    };
    const started = await startEmbedded(opts, 'detached');
    const own = new Database({ uri: started.uri, user: 'neo4j', password: started.password, database: 'neo4j', txTimeoutMs: 5000 });
    const cfg = testConfig({ PORT: '0' });
    const server = await createServer(own, cfg, createLogger('silent'), 0);
    try {
      const up = await gql(server.url, '{ health { status database databaseError } version { app neo4j } }');
      expect(up.data?.health).toEqual({ status: 'ok', database: true, databaseError: null });
      expect(up.data?.version.neo4j).toMatch(/^5\.26\.\d+ community$/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      await stopEmbedded(opts);
      const down = await gql(server.url, '{ health { status database databaseError } }');
      expect(down.data?.health).toEqual({ status: 'degraded', database: false, databaseError: 'DB_UNAVAILABLE' });
      const hz = await fetch(`${server.url}/healthz`);
      expect(hz.status).toBe(503);
      expect(await hz.json()).toMatchObject({ database: { up: false, code: 'DB_UNAVAILABLE' } });
    } finally {
      await server.close();
      await own.close();
      await stopEmbedded(opts);
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
