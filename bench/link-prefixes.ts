// IP → most specific prefix linking in the database: a fresh embedded Neo4j with N prefixes
// (nested and disjoint ranges, as in an IP-to-ASN table) and M IP nodes, then one timed
// linkIpsToPrefixes() — the same code `infragraph import` runs after each import.
//   npx tsx bench/link-prefixes.ts --prefixes 500000 --ips 1000000
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbedded, stopEmbedded, freePort } from '../server/src/db/embedded/index.ts';
import { Database } from '../server/src/db/database.ts';
import { applyMigrations } from '../server/src/db/migrations.ts';
import { REPO_ROOT } from '../server/src/config.ts';
import { linkIpsToPrefixes } from '../server/src/domain/network/link-prefixes.ts';
import { mulberry32 } from './gen/dns-log-gen.ts';

const { values } = parseArgs({ options: { prefixes: { type: 'string', default: '500000' }, ips: { type: 'string', default: '1000000' } } });
const P = Number(values.prefixes);
const M = Number(values.ips);
const rnd = mulberry32(42);
const v4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

// Prefixes: /16s, with /20 and /24 inside some of them (nesting), spread over the space.
const prefixes = new Set<string>();
while (prefixes.size < P) {
  const base = (Math.floor(rnd() * 0xdf000000) + 0x01000000) >>> 0;
  const len = [16, 20, 22, 24][Math.floor(rnd() * 4)];
  const net = (base >>> (32 - len)) << (32 - len) >>> 0;
  prefixes.add(`${v4(net)}/${len}`);
}
const ips = new Set<string>();
while (ips.size < M) ips.add(v4((Math.floor(rnd() * 0xdf000000) + 0x01000000) >>> 0));

const out = path.join(REPO_ROOT, 'bench/out');
const home = path.join(out, 'neo4j-link-bench');
rmSync(home, { recursive: true, force: true });
const opts = {
  repoRoot: REPO_ROOT, home, boltPort: await freePort(), heapMb: 4096, pageCacheMb: 4096, txTimeoutSec: 3600,
  passwordFile: path.join(out, 'neo4j-link-bench-password'), log: { info() {}, warn: console.warn, error: console.error, debug() {} },
};
const started = await startEmbedded(opts, 'detached');
const db = new Database({ uri: started.uri, user: 'neo4j', password: started.password, database: 'neo4j', txTimeoutMs: 600_000 });
try {
  await applyMigrations(db, REPO_ROOT);
  const t0 = Date.now();
  const load = async (label: string, keys: string[]) => {
    for (let i = 0; i < keys.length; i += 20_000) {
      await db.write(`UNWIND $keys AS k CREATE (:${label} {key: k, name: k})`, { keys: keys.slice(i, i + 20_000) }, { caller: 'bench', timeoutMs: 600_000 });
    }
  };
  await load('Prefix', [...prefixes]);
  await load('IP', [...ips]);
  const setup = (Date.now() - t0) / 1000;
  const stats = await linkIpsToPrefixes(db, { batchSize: Number(process.env.BENCH_BATCH ?? 10_000), writers: Number(process.env.BENCH_WRITERS ?? 2) });
  const again = await linkIpsToPrefixes(db, { batchSize: 10_000, writers: 2 });
  console.log(JSON.stringify({ prefixes: P, ips: M, setupSeconds: setup, link: stats, relinkSeconds: again.seconds, relinkChanged: again.linked + again.relinked }));
} finally {
  await db.close();
  await stopEmbedded(opts);
}
