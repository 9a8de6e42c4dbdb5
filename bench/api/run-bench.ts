// Measures the API over loopback through the real HTTP server, against the bench graph
// (gen-graph.ts): whoControls latency, paths (maxHops 6) latency, and entity-lookup throughput
// with autocannon for 60 s.
//   npx tsx bench/api/run-bench.ts [--seconds 60] [--stop]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../../server/src/config.ts';
import { createServer } from '../../server/src/http/create-server.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startBenchDb, stopBenchDb, REPO } from './bench-db.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, stop: { type: 'boolean', default: false }, n: { type: 'string', default: '2000' } } });
const { db, uri, password } = await startBenchDb();
const cfg = loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: password, LOG_LEVEL: 'silent', PORT: '0', INFRAGRAPH_DATA_DIR: path.join(REPO, 'bench/out/api-data'), INFRAGRAPH_DB_POOL: '100' });
const server = await createServer(db, cfg, createLogger('silent'), 0);
const url = `${server.url}/graphql`;

async function post(query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function latency(name: string, n: number, q: string, vars: (i: number) => Record<string, unknown>) {
  for (let i = 0; i < Math.min(200, n); i++) await post(q, vars(i + 1_000_000));
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await post(q, vars(i));
    ms.push(performance.now() - t);
  }
  const r = { name, n, p50: +pct(ms, 50).toFixed(2), p90: +pct(ms, 90).toFixed(2), p99: +pct(ms, 99).toFixed(2), max: +Math.max(...ms).toFixed(2) };
  console.log(JSON.stringify(r));
  return r;
}

const rnd = (i: number, m: number) => (i * 2654435761) % m;
const host = (i: number) => { const k = rnd(i, 400_000); return `h${k}.d${k % 150_000}.example`; };
const N = Number(values.n);
const results: Record<string, unknown> = { date: new Date().toISOString() };
results.whoControls = await latency('whoControls', N,
  'query($n: String!) { whoControls(name: $n) { controllers { role score party { key } path { edges { type sources { key confidence ref } } } } } }',
  (i) => ({ n: host(i) }));
results.paths = await latency('paths maxHops 6', Math.max(200, N / 5),
  'query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 6, k: 3) { length dnsOnly edges { type } } }',
  (i) => ({ a: host(i), b: `org-${rnd(i + 7, 120_000)}` }));

const seconds = Number(values.seconds);
const bodies = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ query: 'query($k: String!) { entity(key: $k) { key kind name } }', variables: { k: host(i) } }));
let next = 0;
const ac = await autocannon({
  url, method: 'POST', connections: 32, duration: seconds, headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
});
results.entity = { seconds, connections: 32, requestsPerSec: ac.requests.average, total: ac.requests.total, p50: ac.latency.p50, p99: ac.latency.p99, errors: ac.errors, non2xx: ac.non2xx, timeouts: ac.timeouts };
console.log(JSON.stringify(results.entity));
writeFileSync(path.join(REPO, 'bench/out/api-results.json'), JSON.stringify(results, null, 2));
await server.close();
await db.close();
if (values.stop) await stopBenchDb();
