// End-to-end import benchmark: a generated Zeek dns.log into a fresh embedded Neo4j, timed and
// memory-measured as a whole process by GNU time (the importer is the real CLI).
//   npx tsx bench/import-dns.ts --events 10000000          (generates bench/out/dns-10m.log once)
//   npx tsx bench/import-dns.ts --events 1000000 --keep    (leave the bench Neo4j running)
import { existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './gen/dns-log-gen.ts';
import { startEmbedded, stopEmbedded, freePort, type EmbeddedOptions } from '../server/src/db/embedded/index.ts';
import { Database } from '../server/src/db/database.ts';
import { applyMigrations } from '../server/src/db/migrations.ts';
import { REPO_ROOT } from '../server/src/config.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    seed: { type: 'string', default: '1' },
    heap: { type: 'string', default: '4096' },
    pagecache: { type: 'string', default: '4096' },
    batch: { type: 'string', default: '10000' },
    writers: { type: 'string', default: '2' },
    flush: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const label = events >= 1e6 ? `${events / 1e6}m` : `${events / 1e3}k`;
const out = path.join(REPO_ROOT, 'bench/out');
const file = path.join(out, `dns-${label}.log`);
if (!existsSync(file)) {
  console.error(`generating ${file} …`);
  await generate('zeek-tsv', events, Number(values.seed), file);
}

const home = path.join(out, 'neo4j-import-bench');
rmSync(home, { recursive: true, force: true });
const opts: EmbeddedOptions = {
  repoRoot: REPO_ROOT, home, boltPort: await freePort(), heapMb: Number(values.heap), pageCacheMb: Number(values.pagecache),
  txTimeoutSec: 3600, passwordFile: path.join(out, 'neo4j-import-bench-password'),
  log: { info() {}, warn: console.warn, error: console.error, debug() {} },
};
const started = await startEmbedded(opts, 'detached');
const db = new Database({ uri: started.uri, user: 'neo4j', password: started.password, database: 'neo4j', txTimeoutMs: 600_000 });
await applyMigrations(db, REPO_ROOT);

const env = {
  ...process.env, NEO4J_URI: started.uri, NEO4J_PASSWORD: started.password, LOG_LEVEL: 'warn',
  INFRAGRAPH_DATA_DIR: path.join(out, 'import-bench-data'), INFRAGRAPH_IMPORT_BATCH: values.batch,
  INFRAGRAPH_IMPORT_WRITERS: values.writers, INFRAGRAPH_IMPORT_FLUSH: values.flush, INFRAGRAPH_PROFILE_IMPORT: "1",
};
// BENCH_NODE_ARGS: extra node flags for the importer, e.g. "--max-old-space-size=320 --cpu-prof"
// (with a heap flag given, the CLI runs the import in-process instead of in a capped child).
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const r = spawnSync("/usr/bin/time", ["-v", "node", ...nodeArgs, path.join(REPO_ROOT, "bin/infragraph.mjs"), "import", file], { env, encoding: "utf8" });
process.stderr.write(r.stdout); process.stderr.write(r.stderr.split("\n").filter((l) => l.startsWith("profile")).join("\n") + "\n");
const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.+)/.exec(r.stderr)?.[1] ?? '?';
const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
const cpu = (k: string) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
const toSec = (t: string) => t.split(':').reduce((a, x) => a * 60 + Number(x), 0);
const counts = await db.read(
  `CALL { MATCH ()-[r:QUERIED]->() RETURN count(r) AS pairs, sum(r.count) AS lookups }
   CALL { MATCH (h:Host) RETURN count(h) AS hosts }
   CALL { MATCH (i:IP) RETURN count(i) AS ips }
   CALL { MATCH ()-[r:RESOLVES_TO]->() RETURN count(r) AS resolves }
   RETURN pairs, lookups, hosts, ips, resolves`,
  {}, { caller: 'bench', timeoutMs: 600_000 },
);
await db.close();
if (!values.keep) await stopEmbedded(opts);
if (r.status !== 0) console.error(r.stdout, r.stderr);
const secs = toSec(wall);
console.log(JSON.stringify({
  file: path.basename(file), events, exit: r.status, seconds: secs, eventsPerSec: Math.round(events / secs),
  peakRssMb: Math.round(rssKb / 1024), importerCpuSec: +(cpu('User') + cpu('System')).toFixed(1), ...counts[0],
}));
