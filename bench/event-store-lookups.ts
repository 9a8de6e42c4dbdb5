// `timeline` and `officeHours` of one name with 1M lookups, answered from the event store.
//   npx tsx bench/event-store-lookups.ts [--lookups 1000000] [--background 4000000] [--days 7] [--calls 200] [--threads 2] [--reuse] [--by-ip]
// Writes Parquet parts in the store's layout straight from DuckDB (bench/out/event-store/): the
// target name's lookups follow a daily cycle over `--days` days from clients drawn heavy-tailed
// (a power law over 20k addresses, like the generator's --shape heavy), beside `--background`
// lookups of 200k other names. Then calls the services' event-store part in-process (the same
// functions the API runs after its two small graph reads: the host node and the live sources)
// and reports p50/p99 over `--calls` calls per variant, after warm-up, with the process's CPU time
// per call (all threads): on a shared machine wall times grow with the load, CPU time much less.
// `--reuse` keeps the parts of an earlier run with the same settings.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { engineInstance, closeDuckDB, withConnection } from '../server/src/events/event-duckdb.ts';
import { partPath, sqlString } from '../server/src/events/event-layout.ts';
import { listParts, type EventStore } from '../server/src/events/event-store.ts';
import { timelineOf, officeHoursOf, type BucketSize, type GroupBy } from '../server/src/domain/lookups/lookup-service.ts';

const { values } = parseArgs({
  options: {
    lookups: { type: 'string', default: '1000000' },
    background: { type: 'string', default: '4000000' },
    days: { type: 'string', default: '7' },
    calls: { type: 'string', default: '200' },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench/out/event-store' },
    reuse: { type: 'boolean', default: false },
    'by-ip': { type: 'boolean', default: false },
  },
});
const N = Number(values.lookups), BG = Number(values.background), DAYS = Number(values.days), CALLS = Number(values.calls);
const root = path.resolve(values.out!);
const store: EventStore = { root, settings: { threads: Number(values.threads), memoryMb: 2048 } };
const SOURCE = 'src:bench0000000000';
const TARGET = 'target.bench.example';
const DAY0 = Date.UTC(2016, 4, 2); // a Monday

async function generate(): Promise<void> {
  rmSync(root, { recursive: true, force: true });
  const t0 = Date.now();
  await withConnection(engineInstance(store.settings), async (c) => {
    for (let d = 0; d < DAYS; d++) {
      const day = new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10);
      const file = partPath(root, day, SOURCE, 'bench000000000000', 0);
      mkdirSync(path.dirname(file), { recursive: true });
      const per = Math.round(N / DAYS), bg = Math.round(BG / DAYS);
      // Daily cycle: time of day from a raised cosine (busy mid-day, quiet at night).
      await c.run(`COPY (
        WITH rows AS (
          SELECT i, i < ${per} AS target, random() AS u, random() AS v, random() AS w FROM range(${per + bg}) t(i)
        )
        SELECT epoch_ms(${DAY0 + d * 86_400_000}::BIGINT + CAST(86400000 * (0.5 + (acos(1 - 2 * u) / pi() - 0.5) * 0.9) AS BIGINT)) AS ts,
               '10.' || CAST(floor(20000 * pow(v, 3)) // 256 AS VARCHAR) || '.' || CAST(floor(20000 * pow(v, 3)) % 256 AS VARCHAR) || '.1' AS client,
               NULL::VARCHAR AS server,
               CASE WHEN target THEN ${sqlString(TARGET)} ELSE 'n' || CAST(floor(200000 * pow(w, 4)) AS VARCHAR) || '.bench.example' END AS qname,
               'A' AS qtype, 'NOERROR' AS rcode, ['A 192.0.2.1'] AS answers, 1::INTEGER AS count,
               ${sqlString(SOURCE)} AS source, 'bench.log' AS file, i + 1 AS line
        FROM rows ORDER BY qname, client, ts
      ) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
    }
  });
  console.log(`generated ${N} target + ${BG} background lookups over ${DAYS} days in ${((Date.now() - t0) / 1000).toFixed(1)} s (${listParts(root, { sources: null }).length} parts)`);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

async function measure(name: string, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10; i++) await fn();
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const f = (x: number) => x.toFixed(1).padStart(6);
  console.log(`${name.padEnd(46)} wall p50 ${f(pct(ms, 0.5))} ms  p99 ${f(pct(ms, 0.99))} ms | cpu p50 ${f(pct(cpu, 0.5))} ms  p99 ${f(pct(cpu, 0.99))} ms`);
}

const { loadavg } = await import('node:os');
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
if (!values.reuse || listParts(root, { sources: null }).length === 0) await generate();
const sources = [SOURCE];
const none = new Map();
const total = (await timelineOf(store, sources, TARGET, null, 'DAY', 'NONE', 'UTC', none)).reduce((s, b) => s + b.count, 0);
console.log(`lookups of ${TARGET} in the store: ${total}`);
const variants: [string, BucketSize, GroupBy, string][] = [
  ['timeline HOUR, all, Europe/Moscow', 'HOUR', 'NONE', 'Europe/Moscow'],
  ['timeline DAY, all, America/New_York', 'DAY', 'NONE', 'America/New_York'],
  ['timeline WEEK, all, UTC', 'WEEK', 'NONE', 'UTC'],
];
for (const [name, size, by, tz] of variants) await measure(name, () => timelineOf(store, sources, TARGET, null, size, by, tz, none));
await measure('officeHours, all, Europe/Moscow', () => officeHoursOf(store, sources, TARGET, null, 'NONE', 'Europe/Moscow', none));
await measure('timeline DAY, one day window, Europe/Moscow', () => timelineOf(store, sources, TARGET, { from: '2016-05-03T00:00:00Z', to: '2016-05-04T00:00:00Z' }, 'HOUR', 'NONE', 'Europe/Moscow', none));
// Per asking address (thousands of clients × buckets come back to TypeScript): the heavy case.
if (values['by-ip']) await measure('officeHours by IP, Europe/Moscow', () => officeHoursOf(store, sources, TARGET, null, 'IP', 'Europe/Moscow', none));
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
await closeDuckDB();
