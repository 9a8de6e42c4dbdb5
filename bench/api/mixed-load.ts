// Load and fault benchmark of the API (issue 16): mixed traffic — entity, whoControls, paths,
// timeline, console — over loopback through the real HTTP server, against the 2016 case in a
// Neo4j of its own (home bench/out/mixed-neo4j, loopback port BENCH_MIXED_PORT or a free one).
//   npx tsx bench/api/mixed-load.ts [--seconds 60] [--fault] [--stop] [--fraction 1] [--capacity-seconds 10] [--capacity N]
// 1. capacity: autocannon with 1, 4, 16 connections for --capacity-seconds each; capacity = best
//    requests/s (or --capacity N to reuse a figure measured before);
// 2. steady: --seconds with 16 connections at --fraction of capacity (autocannon overallRate):
//    errors (HTTP, GraphQL, timeouts) and latency percentiles; expected: 0 errors;
// 3. with --fault: the same, with the Neo4j process killed (-9) a third of the way in and started
//    again at once, then --seconds × 2/3 more. Expected: no error before the kill nor from 5 s after
//    the restart on; every kind of request answers again through the same server (never
//    restarted); every note acknowledged by a writer (one addNote every 200 ms) is in the graph
//    afterwards and the rest of the graph has the node and relationship counts of before the kill.
// Exits 1 when an expectation fails; results in bench/out/mixed-{steady,fault}.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { liveLauncherPid, readPidFile } from '../../server/src/db/embedded/pid.ts';
import { formatTable } from '../../server/src/cli/format-table.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' }, fault: { type: 'boolean', default: false }, stop: { type: 'boolean', default: false },
    fraction: { type: 'string', default: '1' }, 'capacity-seconds': { type: 'string', default: '10' }, capacity: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const GRACE_S = 5;
const log = (...a: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...a);

// A Neo4j left running by an earlier run (without --stop) is used again, on the port it was given.
const HOME = path.join(REPO, 'bench/out/mixed-neo4j');
const PORT_FILE = path.join(REPO, 'bench/out/mixed-neo4j-port');
async function boltPort(): Promise<number> {
  if (process.env.BENCH_MIXED_PORT) return Number(process.env.BENCH_MIXED_PORT);
  if (existsSync(PORT_FILE) && (await liveLauncherPid(path.join(HOME, 'neo4j.pid')))) return Number(readFileSync(PORT_FILE, 'utf8'));
  const p = await freePort();
  mkdirSync(path.dirname(PORT_FILE), { recursive: true });
  writeFileSync(PORT_FILE, String(p));
  return p;
}
const opts: EmbeddedOptions = {
  repoRoot: REPO, home: HOME, boltPort: await boltPort(),
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
  // An error counts in the second its request was sent (a request sent while the database was
  // down may be answered after it is back); connection errors and timeouts when they happen.
  const mark = (at = Date.now()) => { const s = Math.floor((at - t0) / 1000); perSecondErrors[s] = (perSecondErrors[s] ?? 0) + 1; };
  return new Promise((resolve, reject) => {
    const inst = autocannon({
      url, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json' }, timeout: 30,
      ...(overallRate ? { overallRate } : {}),
      requests: [{
        setupRequest: (req: Record<string, unknown>, context: { sentAt?: number }) => {
          context.sentAt = Date.now();
          return { ...req, body: bodies[next++ % bodies.length] };
        },
        onResponse: (status: number, body: string, context: { sentAt?: number }) => {
          if (status !== 200 || body.includes('"errors"')) {
            gqlErrors++;
            mark(context.sentAt);
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
    inst.on('reqError', () => mark());
    const tick = setInterval(() => onTick?.(Math.floor((Date.now() - t0) / 1000), inst), 250);
  });
}

const os = await import('node:os');
const results: Record<string, unknown> = { date: new Date().toISOString(), mix: MIX.map((m) => m.name), cpus: os.cpus().length, loadavg: os.loadavg() };
const capacity: Record<string, number> = {};
if (values.capacity) capacity.given = Number(values.capacity);
else {
  for (const c of [1, 4, 16]) {
    const r = await run(c, Number(values['capacity-seconds']));
    capacity[`c${c}`] = r.requestsPerSec;
    log(`capacity with ${c} connection(s): ${r.requestsPerSec} req/s, p99 ${r.p99} ms, errors ${r.gqlErrors + r.httpErrors}`);
  }
}
const best = Math.max(...Object.values(capacity));
const rate = Math.max(1, Math.floor(best * Number(values.fraction)));
results.capacity = { ...capacity, best, fraction: Number(values.fraction), targetRate: rate };

/** Every kind of request once through the server; the names of those that failed. */
async function probe(): Promise<string[]> {
  const bad: string[] = [];
  for (const [i, b] of bodies.entries()) {
    try {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
      if (r.status !== 200 || (await r.json() as { errors?: unknown }).errors) bad.push(MIX[i].name);
    } catch { bad.push(MIX[i].name); }
  }
  return bad;
}
// The writer's notes, and the analyst Source its first note creates, aside.
const COUNTS = "MATCH (n) WHERE NOT n:Note AND NOT (n:Source AND n.kind = 'analyst') WITH count(n) AS nodes MATCH ()-[r]->() WHERE NOT startNode(r):Note AND NOT endNode(r):Note RETURN nodes, count(r) AS rels";
const checks: [string, boolean][] = [];
const fmt = (x: RunOut) => [x.total, x.requestsPerSec, x.gqlErrors + x.httpErrors, x.timeouts, x.p50, x.p90, x.p99, x.max];
const HEAD = ['run', 'requests', 'req/s', 'errors', 'timeouts', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];

if (!values.fault) {
  const r = await run(16, SECONDS, rate);
  results.steady = { seconds: SECONDS, connections: 16, overallRate: rate, ...r, perSecondErrors: undefined };
  log('steady', JSON.stringify(results.steady));
  checks.push(['no errors', r.gqlErrors + r.httpErrors === 0]);
  console.log(formatTable(HEAD, [[`steady ${SECONDS} s at ${rate} req/s`, ...fmt(r)]], 200));
} else {
  const before = (await db.read(COUNTS, {}, { caller: 'bench' }))[0];
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
      } catch { /* an outage: not acknowledged */ }
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  const killAt = Math.floor(SECONDS / 3);
  let killedAt = -1, restartedAt = -1;
  let phase: 'before' | 'down' | 'up' = 'before';
  const r = await run(16, SECONDS + 900, rate, (sec, inst) => {
    if (phase === 'before' && sec >= killAt) {
      phase = 'down';
      killedAt = sec;
      const killStarted = Date.now();
      void (async () => {
        const pid = (await readPidFile(path.join(opts.home, 'neo4j.pid')))!;
        log('kill -9', pid);
        process.kill(pid, 'SIGKILL');
        await new Promise((res) => setTimeout(res, 2000));
        await startEmbedded(opts, 'detached');
        restartedAt = sec + Math.ceil((Date.now() - killStarted) / 1000);
        log('Neo4j restarted');
        phase = 'up';
      })();
    }
    // Run on for two thirds of --seconds after the restart, then stop.
    if (phase === 'up' && sec >= restartedAt + Math.ceil((SECONDS * 2) / 3)) inst.stop();
  });
  writing = false;
  await writer;
  const failedKinds = await probe();
  const after = (await db.read(COUNTS, {}, { caller: 'bench' }))[0];
  const found = await db.read('MATCH (n:Note) WHERE n.key IN $keys RETURN count(n) AS n', { keys: acked }, { caller: 'bench' });
  const errSecs = r.perSecondErrors.map((n, s) => [s, n]).filter(([, n]) => n > 0).map(([s]) => s);
  const sum = (f: (s: number) => boolean) => r.perSecondErrors.reduce((a, n, s) => a + (f(s) ? n : 0), 0);
  const fault = {
    rate, killedAtSecond: killedAt, restartedAtSecond: restartedAt, ...r,
    errorSeconds: errSecs.length ? [Math.min(...errSecs), Math.max(...errSecs)] : [],
    errorsBeforeKill: sum((s) => s < killedAt),
    errorsWhileDown: sum((s) => s >= killedAt && s <= restartedAt + GRACE_S),
    errorsAfterRecovery: sum((s) => s > restartedAt + GRACE_S),
    lastErrorAfterRestartSeconds: errSecs.length ? Math.max(...errSecs) - restartedAt : null,
    kindsFailingAfter: failedKinds,
    notesAcknowledged: acked.length, notesFoundAfter: Number(found[0].n),
    countsBefore: before, countsAfter: after,
  };
  results.fault = fault;
  log('fault', JSON.stringify({ ...fault, perSecondErrors: undefined }));
  checks.push(
    ['no error before the kill', fault.errorsBeforeKill === 0],
    [`no error from ${GRACE_S} s after the restart on`, fault.errorsAfterRecovery === 0],
    ['every kind answers after the restart (same server)', failedKinds.length === 0],
    ['every acknowledged note is there', fault.notesFoundAfter === fault.notesAcknowledged],
    ['node and relationship counts as before the kill', JSON.stringify(before) === JSON.stringify(after)],
  );
  console.log(formatTable(HEAD, [[`fault: kill -9 at ${killedAt} s, back at ${restartedAt} s`, ...fmt(r)]], 200));
  console.log(`errors before the kill ${fault.errorsBeforeKill}, while down (to ${GRACE_S} s after the restart) ${fault.errorsWhileDown}, after ${fault.errorsAfterRecovery}; notes ${fault.notesFoundAfter}/${fault.notesAcknowledged}`);
}
results.checks = Object.fromEntries(checks);
for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
console.log(`capacity ${best} req/s (${Object.entries(capacity).map(([k, v]) => `${k}: ${v}`).join(', ')}), run at ${rate} req/s`);
writeFileSync(path.join(REPO, `bench/out/mixed-${values.fault ? 'fault' : 'steady'}.json`), JSON.stringify(results, null, 2));
await server.close();
await db.close();
if (values.stop) await stopEmbedded(opts);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
