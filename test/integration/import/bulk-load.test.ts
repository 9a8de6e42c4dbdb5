// Issue 13 item 4: an empty embedded store is built with Neo4j's offline importer and gives the
// same DNS graph as the import through transactions; a store that holds data is never rebuilt.
// The CLI runs against its own embedded Neo4j (its own home and port), started and stopped here.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { REPO_ROOT } from '../../support/conformance.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { Database } from '../../../server/src/db/database.ts';
import { freePort } from '../../../server/src/db/embedded/index.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-bulk-'));
// Each case stops its own store in a finally; the stores are about 0.5 GB, so the directory goes too.
afterAll(async () => {
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function dnsGraph(d: Database): Promise<string> {
  const nodes = await d.read('MATCH (n) WHERE n:Host OR n:IP OR n:Domain RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l', {}, { caller: 'test' });
  const rels = await d.read(
    `MATCH (a)-[r]->(b) WHERE type(r) IN ['QUERIED','RESOLVES_TO','ALIAS_OF','SUBDOMAIN_OF','NAME_SERVER','MAIL_SERVER','PTR']
     WITH type(r) AS t, a.key AS a, b.key AS b, r ORDER BY t, a, b
     RETURN collect([t, a, b, r.count, toString(r.firstSeen), toString(r.lastSeen), toString(r.validFrom), r.confidence,
                     r.sources, r.srcConf, r.srcRef, r.srcCount, r.srcFrom, r.srcTo, r.qtypes, coalesce(r.rcodes, []), r.rrtype,
                     reduce(s = 0, x IN coalesce(r.bucketCounts, []) | s + x), size(coalesce(r.buckets, [])), r.k]) AS all`,
    {}, { caller: 'test' });
  return JSON.stringify([nodes, rels]);
}

const file = path.join(tmp, 'dns.log');
const cli = path.join(REPO_ROOT, 'bin/infragraph.mjs');
let wanted: string | undefined;

/** The graph of the transactional import of `file` (into the shared test database). */
async function transactionalGraph(): Promise<string> {
  if (wanted) return wanted;
  await generate('zeek-tsv', 5000, 3, file, 'heavy');
  utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01'));
  await resetDb(db);
  // Lean lookup edges, as the CLI writes them by default (INFRAGRAPH_IMPORT_LEAN_LOOKUPS).
  const r = await importFiles(db, [file], { batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports'), linkPrefixes: false, leanLookups: true });
  expect(r.summaries[0]).toMatchObject({ status: 'imported', records: 5000 });
  return (wanted = await dnsGraph(db));
}

/** The CLI's environment with its own embedded store under `tmp/<dir>` on a free port. */
async function cliEnv(dir: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env, LOG_LEVEL: 'warn', NEO4J_URI: '', INFRAGRAPH_DATA_DIR: path.join(tmp, dir), INFRAGRAPH_NEO4J_PORT: String(await freePort()),
    INFRAGRAPH_NEO4J_HEAP_MB: '768', INFRAGRAPH_NEO4J_PAGECACHE_MB: '256', INFRAGRAPH_NO_HEAP_CAP: '1', INFRAGRAPH_NEO4J_START_TIMEOUT_S: '1200',
  };
}

async function bulkGraph(env: NodeJS.ProcessEnv): Promise<string> {
  const password = spawnSync('cat', [path.join(env.INFRAGRAPH_DATA_DIR!, 'neo4j-password')], { encoding: 'utf8' }).stdout.trim();
  const own = new Database({ uri: `bolt://127.0.0.1:${env.INFRAGRAPH_NEO4J_PORT}`, user: 'neo4j', password, database: 'neo4j', txTimeoutMs: 600_000 });
  try {
    return await dnsGraph(own);
  } finally {
    await own.close();
  }
}

describe('offline bulk load into an empty store', () => {
  it('builds a store never created without starting it first, says so, and gives the graph of a transactional import', async () => {
    const want = await transactionalGraph();
    const env = await cliEnv('data');
    const port = env.INFRAGRAPH_NEO4J_PORT;
    try {
      // Run from a directory of the test's own: the importer must write nothing where it is started.
      const run = spawnSync('node', [cli, 'import', '--bulk', file], { env, encoding: 'utf8', cwd: tmp });
      expect(existsSync(path.join(tmp, 'import.report'))).toBe(false);
      expect(existsSync(path.join(tmp, 'data', 'neo4j', 'offline-import.report'))).toBe(true);
      expect(run.stderr).toContain("building it with Neo4j's offline importer");
      expect(run.stderr).toContain('its store did not exist yet');
      expect(run.stderr).toMatch(/offline importer: [\d.]+ s \(JVM start and estimates [\d.]+ s, Node import/);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/imported/);
      const password = spawnSync('cat', [path.join(tmp, 'data', 'neo4j-password')], { encoding: 'utf8' }).stdout.trim();
      const own = new Database({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password, database: 'neo4j', txTimeoutMs: 600_000 });
      try {
        expect(await dnsGraph(own)).toBe(want);
        const led = await own.read('MATCH (l:ImportLedger)-[:OF_SOURCE]->(s:Source) RETURN l.status AS st, l.records AS n, s.kind AS kind', {}, { caller: 'test' });
        expect(led).toEqual([{ st: 'done', n: 5000, kind: 'dns-log' }]);
        // Every node names its creator, recorded as no younger than the node: a later removal of
        // another file must not take the bulk-loaded nodes for a gone creator's (remove-orphan-hosts.cypher).
        const creators = await own.read(
          `MATCH (n) WHERE n:Host OR n:IP OR n:Domain
           WITH n, EXISTS { MATCH (s:Source {key: n.addedBy}) WHERE s.addedAt <= n.addedAt } AS owned
           RETURN owned, count(*) AS n`,
          {}, { caller: 'test' },
        );
        expect(creators.map((r) => r.owned)).toEqual([true]);
        const mig = await own.read('MATCH (m:Migration) RETURN count(m) AS n', {}, { caller: 'test' });
        expect(Number(mig[0].n)).toBeGreaterThan(0);
      } finally {
        await own.close();
      }
      // The event store, committed after the offline importer, holds every lookup once, and no part left half-done.
      const parts = readdirSync(path.join(tmp, 'data', 'events'), { recursive: true }).map(String);
      expect(parts.some((p) => p.endsWith('.parquet'))).toBe(true);
      expect(parts.filter((p) => p.endsWith('.tmp'))).toEqual([]);
      const sql = spawnSync('node', [cli, 'sql', 'SELECT count(*) AS n, count(DISTINCT line) AS lines FROM events', '--format', 'json'], { env, encoding: 'utf8' });
      expect(sql.status, sql.stderr).toBe(0);
      expect(JSON.parse(sql.stdout)).toEqual([{ n: 5000, lines: 5000 }]);
      expect(run.stderr).toMatch(/event store commit: [\d.]+ s/);
      // The store now holds data: a second file goes through transactions, never the offline importer.
      const second = path.join(tmp, 'dns2.log');
      await generate('zeek-tsv', 500, 4, second, 'heavy', 1);
      const again = spawnSync('node', [cli, 'import', '--bulk', second], { env, encoding: 'utf8' });
      expect(again.status).toBe(0);
      expect(again.stderr).not.toContain("building it with Neo4j's offline importer");
      expect(again.stderr).toContain('the database holds data');
    } finally {
      spawnSync('node', [cli, 'db', 'stop'], { env, encoding: 'utf8' });
    }
  }, 1_800_000);

  it('stops a running empty store, builds it, starts it again: the same graph', async () => {
    const want = await transactionalGraph();
    const env = await cliEnv('data-started');
    try {
      expect(spawnSync('node', [cli, 'db', 'start'], { env, encoding: 'utf8' }).status).toBe(0);
      const run = spawnSync('node', [cli, 'import', '--bulk', file], { env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('the embedded Neo4j is stopped meanwhile');
      expect(run.stderr).toMatch(/stop Neo4j: [\d.]+ s/);
      expect(await bulkGraph(env)).toBe(want);
    } finally {
      spawnSync('node', [cli, 'db', 'stop'], { env, encoding: 'utf8' });
    }
  }, 1_800_000);
});
