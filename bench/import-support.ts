// Shared by the import benchmarks: a throw-away embedded Neo4j, the real CLI run as a whole
// process under GNU time, and a fingerprint of the graph to compare runs.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { wipeDatabase } from '../server/src/domain/demo/load-demo-case.ts';
import { startEmbedded, stopEmbedded, freePort, type EmbeddedOptions } from '../server/src/db/embedded/index.ts';
import { Database } from '../server/src/db/database.ts';
import { applyMigrations } from '../server/src/db/migrations.ts';
import { REPO_ROOT } from '../server/src/config.ts';
import { liveSources, queryEvents } from '../server/src/events/event-store.ts';

export const OUT = path.join(REPO_ROOT, 'bench/out');
export const CLI = path.join(REPO_ROOT, 'bin/infragraph.mjs');

export interface BenchDb { db: Database; opts: EmbeddedOptions; uri: string; password: string; stop(): Promise<void> }

export async function startBenchDb(name: string, heapMb = 4096, pageCacheMb = 4096): Promise<BenchDb> {
  const home = path.join(OUT, `neo4j-${name}`);
  rmSync(home, { recursive: true, force: true });
  const opts: EmbeddedOptions = {
    repoRoot: REPO_ROOT, home, boltPort: await freePort(), heapMb, pageCacheMb, txTimeoutSec: 3600,
    passwordFile: path.join(OUT, `neo4j-${name}-password`), startTimeoutMs: 600_000,
    log: { info() {}, warn: console.warn, error: console.error, debug() {} },
  };
  const s = await startEmbedded(opts, 'detached');
  const db = new Database({ uri: s.uri, user: 'neo4j', password: s.password, database: 'neo4j', txTimeoutMs: 3_600_000 });
  await applyMigrations(db, REPO_ROOT);
  return { db, opts, uri: s.uri, password: s.password, async stop() { await db.close(); await stopEmbedded(opts); } };
}

/** A connection to the embedded store the CLI manages under `dataDir` (its password file, its port). */
export function cliStoreDb(dataDir: string, port: number | string): Database {
  const password = readFileSync(path.join(dataDir, 'neo4j-password'), 'utf8').trim();
  return new Database({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password, database: 'neo4j', txTimeoutMs: 3_600_000 });
}

export function cliEnv(b: BenchDb, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env, NEO4J_URI: b.uri, NEO4J_PASSWORD: b.password, LOG_LEVEL: 'warn',
    INFRAGRAPH_DATA_DIR: path.join(OUT, 'import-bench-data'), INFRAGRAPH_PROFILE_IMPORT: '1', ...extra,
  };
}

export interface CliRun { status: number | null; seconds: number; peakRssMb: number; stdout: string; profile: string[]; edgeSeconds: number; edgeRows: number }

/** `infragraph import FILE…` under /usr/bin/time -v; edge phase from the profile marks. */
export function runImport(files: string[], env: NodeJS.ProcessEnv, args: string[] = []): CliRun {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', 'node', CLI, 'import', ...args, ...files], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const profile = r.stderr.split('\n').filter((l) => l.startsWith('profile'));
  const at = (k: string) => Number(new RegExp(`profile at ([\\d.]+) s: ${k}`).exec(r.stderr)?.[1] ?? NaN);
  let edgeRows = 0;
  for (const l of profile) {
    const m = /^profile ([A-Z_]+):(merge|create|keyed): (\d+) rows/.exec(l);
    if (m) edgeRows += Number(m[3]);
  }
  if (r.status !== 0) process.stderr.write(r.stderr.slice(-3000));
  return { status: r.status, seconds, peakRssMb: Math.round(rssKb / 1024), stdout: r.stdout, profile, edgeSeconds: at('edges written') - at('nodes written'), edgeRows };
}

/** Start the CLI import as a child (to kill it); resolves with the child. */
export function startImport(files: string[], env: NodeJS.ProcessEnv) {
  // Its own process group: the CLI runs the import in a child process, and `kill -9` must reach
  // that child at the same instant (killGroup), not only the launcher.
  return spawn('node', [CLI, 'import', ...files], { env, stdio: 'ignore', detached: true });
}

/** SIGKILL to every process of a child's group (the CLI and its import process). */
export function killGroup(child: { pid?: number }): void {
  try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
}

/** The graph as one string: node counts, every DNS edge with its counts, times and provenance. */
export async function fingerprint(db: Database): Promise<string> {
  const nodes = await db.read('MATCH (n) WHERE n:Host OR n:IP OR n:Domain RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l', {}, { caller: 'bench', timeoutMs: 3_600_000 });
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WHERE type(r) IN ['QUERIED','RESOLVES_TO','ALIAS_OF','SUBDOMAIN_OF','NAME_SERVER','MAIL_SERVER','PTR']
     WITH type(r) AS t, a.key AS a, b.key AS b, r ORDER BY t, a, b
     RETURN collect([t, a, b, r.count, toString(r.firstSeen), toString(r.lastSeen), r.srcCount, r.srcRef, r.qtypes, r.rcodes,
                     reduce(s = 0, x IN coalesce(r.bucketCounts, []) | s + x)]) AS all`,
    {}, { caller: 'bench', timeoutMs: 3_600_000 },
  );
  return JSON.stringify([nodes, rels]);
}

/**
 * The same as fingerprint, with each edge's provenance slots and code lists taken as sets. An
 * import that was stopped and run again after another appended its slots after the other's on
 * the edges it had not reached: the same facts, in another order.
 */
export async function orderFreeFingerprint(db: Database): Promise<string> {
  const nodes = await db.read('MATCH (n) WHERE n:Host OR n:IP OR n:Domain RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l', {}, { caller: 'bench', timeoutMs: 3_600_000 });
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WHERE type(r) IN ['QUERIED','RESOLVES_TO','ALIAS_OF','SUBDOMAIN_OF','NAME_SERVER','MAIL_SERVER','PTR']
     RETURN type(r) AS t, a.key AS a, b.key AS b, r.count AS count, toString(r.firstSeen) AS firstSeen, toString(r.lastSeen) AS lastSeen,
            r.sources AS sources, r.srcCount AS srcCount, r.srcRef AS srcRef, r.srcConf AS srcConf, r.qtypes AS qtypes, r.rcodes AS rcodes,
            reduce(s = 0, x IN coalesce(r.bucketCounts, []) | s + x) AS buckets`,
    {}, { caller: 'bench', timeoutMs: 3_600_000 },
  );
  const list = (v: unknown) => (Array.isArray(v) ? v : []) as unknown[];
  const edges = rels.map((r) => {
    const slots = list(r.sources).map((src, i) => JSON.stringify([src, list(r.srcRef)[i], list(r.srcCount)[i], list(r.srcConf)[i]])).sort();
    const set = (v: unknown) => list(v).map(String).sort();
    return JSON.stringify([r.t, r.a, r.b, r.count, r.firstSeen, r.lastSeen, slots, set(r.qtypes), set(r.rcodes), r.buckets]);
  }).sort();
  return JSON.stringify([nodes, edges]);
}

/**
 * The event store as one string: per live source, the number of events and an order-free digest
 * of every row (all columns), so a lost, doubled or altered event changes it.
 */
export async function eventsFingerprint(db: Database, eventsRoot: string): Promise<string> {
  const rows = await queryEvents(
    { root: eventsRoot, settings: { threads: 1, memoryMb: 512 } }, { sources: await liveSources(db) },
    `SELECT source, count(*) AS n, sum(count) AS lookups,
            sum(hash(ts, client, server, qname, qtype, rcode, answers, count, file, line)::HUGEINT)::VARCHAR AS digest
     FROM events GROUP BY source ORDER BY source`,
  );
  return JSON.stringify(rows);
}

/** Empty the graph (migration records kept) the way the demo loader does, in bounded transactions. */
export const resetGraph = (db: Database): Promise<void> => wipeDatabase(db);
