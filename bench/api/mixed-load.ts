// Load and fault benchmark of the API (issue 16): mixed traffic — entity, whoControls, paths,
// timeline, console — over loopback through the real HTTP server, against the 2016 case in a
// Neo4j of its own (home bench/out/mixed-neo4j, loopback port BENCH_MIXED_PORT or a free one).
//   npx tsx bench/api/mixed-load.ts [--seconds 60] [--fault] [--stop]
// 1. capacity: autocannon with 1, 4, 16 connections for 10 s each; capacity = best requests/s;
// 2. steady: --seconds at 80 % of capacity (autocannon overallRate): errors (HTTP or GraphQL) and p99;
// 3. with --fault: the same, with the Neo4j process killed (-9) a third of the way in and started
//    again at once; per-second errors, time to recover, and whether every note acknowledged before
//    the kill (a writer adds one every 200 ms) is still there afterwards. The server is never restarted.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../../server/src/config.ts';
import { createServer } from '../../server/src/http/create-server.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startEmbedded, stopEmbedded, freePort, type EmbeddedOptions } from '../../server/src/db/embedded/index.ts';
import { Database } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { loadDemoCase } from '../../server/src/domain/demo/load-demo-case.ts';
import { readPidFile } from '../../server/src/db/embedded/pid.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, fault: { type: 'boolean', default: false }, stop: { type: 'boolean', default: false } } });
const SECONDS = Number(values.seconds);
const log = (...a: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...a);

const opts: EmbeddedOptions = {
  repoRoot: REPO, home: path.join(REPO, 'bench/out/mixed-neo4j'), boltPort: Number(process.env.BENCH_MIXED_PORT ?? 0) || await freePort(),
  heapMb: 1024, pageCacheMb: 256, txTimeoutSec: 120, passwordFile: path.join(REPO, 'bench/out/mixed-neo4j-password'),
  log: { info() {}, debug() {}, warn: (o: unknown, m?: string) => log(m ?? o), error: (o: unknown, m?: string) => log(m ?? o) },
  startTimeoutMs: 600_000,
};
mkdirSync(path.join(REPO, 'bench/out'), { recursive: true });
log('starting Neo4j', opts.boltPort);
const started = await startEmbedded(opts, 'detached');
const db = new Database({ uri: started.uri, user: 'neo4j', password: started.password, database: 'neo4j', txTimeoutMs: 30_000 });
const cfg = loadConfig({ NEO4J_URI: started.uri, NEO4J_PASSWORD: started.password, LOG_LEVEL: 'silent', PORT: '0', INFRAGRAPH_DATA_DIR: path.join(REPO, 'bench/out/mixed-data') });
await applyMigrations(db, REPO);
const have = await db.read("MATCH (h:Host {key: 'mail1.trump-email.com'}) RETURN count(h) AS n", {}, { caller: 'bench' });
if (Number(have[0].n) === 0) { log('loading the 2016 case'); await loadDemoCase(db, cfg); }
const server = await createServer(db, cfg, createLogger('silent'), 0);
const url = `${server.url}/graphql`;
log('server at', server.url);

const MIX = [
  { name: 'entity', query: 'query($k: String!) { entity(key: $k) { key kind name } }', variables: { k: 'mail1.trump-email.com' } },
  { name: 'entity', query: 'query($k: String!) { entity(key: $k) { key kind name } }', variables: { k: 'alfa-bank' } },
  { name: 'whoControls', query: 'query($n: String!) { whoControls(name: $n) { controllers { role score party { key } path { edges { type sources { key } } } } } }', variables: { n: 'mail1.trump-email.com' } },
  { name: 'paths', query: 'query { paths(from: "alfa-bank", to: "trump-organization", maxHops: 6, k: 3) { length dnsOnly edges { type } } }', variables: {} },
  { name: 'timeline', query: 'query($h: String!) { timeline(host: $h, bucket: DAY) { start count } }', variables: { h: 'mail1.trump-email.com' } },
  { name: 'console', query: 'query($q: String!) { cypher(query: $q) { rows truncated } }', variables: { q: 'MATCH (o:Organization)-[r]->(x) RETURN o.key AS o, type(r) AS t, x.key AS x ORDER BY o, t, x LIMIT 25' } },
];
const bodies = MIX.map((m) => JSON.stringify({ query: m.query, variables: m.variables }));

// Every kind answers correctly before any load.
for (const b of bodies) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
  const j = await r.json() as { errors?: unknown };
  if (j.errors) throw new Error(`warm-up failed: ${b.slice(0, 60)} ${JSON.stringify(j.errors)}`);
}

interface RunOut { codes: Record<string, number>; requestsPerSec: number; total: number; p50: number; p90: number; p99: number; max: number; httpErrors: number; gqlErrors: number; non2xx: number; timeouts: number; perSecondErrors: number[] }

function run(connections: number, seconds: number, overallRate?: number, onTick?: (sec: number, inst: any) => void): Promise<RunOut> {
  let next = 0;
  let gqlErrors = 0;
  const codes: Record<string, number> = {};
  const perSecondErrors: number[] = [];
  const t0 = Date.now();
  const mark = () => { const s = Math.floor((Date.now() - t0) / 1000); perSecondErrors[s] = (perSecondErrors[s] ?? 0) + 1; };
  return new Promise((resolve, reject) => {
    const inst = autocannon({
      url, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json' }, timeout: 30,
      ...(overallRate ? { overallRate } : {}),
      requests: [{
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }),
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) {
            gqlErrors++;
            mark();
            const code = /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? `HTTP ${status}`;
            codes[code] = (codes[code] ?? 0) + 1;
          }
        },
      }],
    }, (err: Error | null, r: any) => {
      clearInterval(tick);
      if (err) return reject(err);
      for (let i = 0; i < perSecondErrors.length; i++) perSecondErrors[i] ??= 0;
      resolve({ codes, requestsPerSec: r.requests.average, total: r.requests.total, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, httpErrors: r.errors, gqlErrors, non2xx: r.non2xx, timeouts: r.timeouts, perSecondErrors });
    });
    inst.on('reqError', mark);
    const tick = setInterval(() => onTick?.(Math.floor((Date.now() - t0) / 1000), inst), 250);
  });
}

const results: Record<string, unknown> = { date: new Date().toISOString(), mix: MIX.map((m) => m.name), cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg() };
const capacity: Record<string, number> = {};
for (const c of [1, 4, 16]) {
  const r = await run(c, 10);
  capacity[`c${c}`] = r.requestsPerSec;
  log(`capacity with ${c} connection(s): ${r.requestsPerSec} req/s, p99 ${r.p99} ms, errors ${r.gqlErrors + r.httpErrors}`);
}
const best = Math.max(...Object.values(capacity));
const rate = Math.max(1, Math.floor(best * 0.8));
results.capacity = { ...capacity, best, targetRate: rate };

if (!values.fault) {
  const r = await run(16, SECONDS, rate);
  results.steady = { seconds: SECONDS, connections: 16, overallRate: rate, ...r, perSecondErrors: undefined };
  log('steady', JSON.stringify(results.steady));
} else {
  // A writer whose acknowledged notes must all survive the kill.
  const acked: string[] = [];
  let writing = true;
  const writer = (async () => {
    let i = 0;
    while (writing) {
      try {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($t: String!) { addNote(key: "mail1.trump-email.com", text: $t) { key } }', variables: { t: `bench-fault-${results.date}-${i++}` } }) });
        const j = await r.json() as { data?: { addNote?: { key: string } } };
        if (j.data?.addNote?.key) acked.push(j.data.addNote.key);
      } catch { /* counted by the load run */ }
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  const killAt = Math.floor(SECONDS / 3);
  let killedAt = 0, restartedAt = 0, pid = 0;
  let phase: 'before' | 'down' | 'up' = 'before';
  const startedRun = Date.now();
  const r = await run(16, SECONDS + 600, rate, (sec, inst) => {
    if (phase === 'before' && sec >= killAt) {
      phase = 'down';
      void (async () => {
        pid = (await readPidFile(path.join(opts.home, 'neo4j.pid')))!;
        killedAt = sec;
        log('kill -9', pid);
        process.kill(pid, 'SIGKILL');
        await new Promise((res) => setTimeout(res, 2000));
        await startEmbedded(opts, 'detached');
        restartedAt = Math.floor((Date.now() - startedRun) / 1000);
        log('Neo4j restarted');
        phase = 'up';
      })();
    }
    // Run on for SECONDS after the restart, then stop.
    if (phase === 'up' && sec >= restartedAt + Math.ceil((SECONDS * 2) / 3)) inst.stop();
  });
  writing = false;
  await writer;
  const after = await db.read('MATCH (n:Note) WHERE n.key IN $keys RETURN count(n) AS n', { keys: acked }, { caller: 'bench' });
  const errSecs = r.perSecondErrors.map((n, s) => [s, n]).filter(([, n]) => n > 0).map(([s]) => s);
  results.fault = {
    rate, killedAtSecond: killedAt, restartedAtSecond: restartedAt, ...r,
    errorSeconds: errSecs.length ? [Math.min(...errSecs), Math.max(...errSecs)] : [],
    errorsOutsideOutage: r.perSecondErrors.reduce((a, n, s) => a + (s < killedAt || s > restartedAt + 5 ? n : 0), 0),
    notesAcknowledged: acked.length, notesFoundAfter: Number(after[0].n),
  };
  log('fault', JSON.stringify(results.fault));
}
writeFileSync(path.join(REPO, `bench/out/mixed-${values.fault ? 'fault' : 'steady'}.json`), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
await server.close();
await db.close();
if (values.stop) await stopEmbedded(opts);
