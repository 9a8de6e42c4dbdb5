// Generates the API benchmark graph: 1,000,000 nodes and 5,000,000 relationships, shaped like a
// DNS investigation (names, addresses, prefixes, ASes, organizations; lookups dominate), with
// provenance arrays on every edge. Generation runs server-side (UNWIND range … CREATE), in
// batches, each relationship batch an index seek per end.
//   npx tsx bench/api/gen-graph.ts        (about 5–15 minutes on 2 cores)
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { startBenchDb, REPO } from './bench-db.ts';

export const SIZES = { Domain: 150_000, Host: 400_000, IP: 300_000, Prefix: 20_000, ASN: 5_000, Organization: 120_000, Person: 4_990, Source: 10 };
const BATCH = 50_000;

const { db } = await startBenchDb();
await applyMigrations(db, REPO);
const existing = await db.read('MATCH (n) RETURN count(n) AS n', {}, { caller: 'bench' });
if (Number(existing[0].n) > 100_000) {
  console.log(`bench graph already present (${existing[0].n} nodes); nothing to do`);
  await db.close();
  process.exit(0);
}
const t0 = Date.now();
const log = (m: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s  ${m}`);

// Node keys are functions of an index so relationships can find their ends without a lookup table.
const NODE: Record<string, string> = {
  Domain: "CREATE (:Domain {key: 'd' + i + '.example', name: 'd' + i + '.example'})",
  Host: "CREATE (:Host {key: 'h' + i + '.d' + (i % 150000) + '.example', name: 'h' + i + '.d' + (i % 150000) + '.example'})",
  IP: "CREATE (:IP {key: '10.' + (i / 65536) + '.' + ((i / 256) % 256) + '.' + (i % 256), version: 4})",
  Prefix: "CREATE (:Prefix {key: 'p' + i + '/24'})",
  ASN: "CREATE (:ASN {key: 'AS' + (64000 + i), number: 64000 + i, name: 'Network ' + i})",
  Organization: "CREATE (:Organization {key: 'org-' + i, name: 'Organization ' + i, aliasText: 'Org ' + i})",
  Person: "CREATE (:Person {key: 'person-' + i, name: 'Person ' + i})",
  Source: "CREATE (:Source {key: 'src:bench' + i, kind: 'dns-log', name: 'bench source ' + i, reliability: 80})",
};
for (const [label, n] of Object.entries(SIZES)) {
  for (let from = 0; from < n; from += BATCH) {
    await db.write(`UNWIND range($from, $to) AS i ${NODE[label]}`, { from, to: Math.min(n, from + BATCH) - 1 }, { caller: 'bench:gen', timeoutMs: 600_000 });
  }
  log(`${label}: ${n}`);
}

const host = (v: string) => `'h' + ${v} + '.d' + (${v} % 150000) + '.example'`;
const ip = (v: string) => `'10.' + (${v} / 65536) + '.' + ((${v} / 256) % 256) + '.' + (${v} % 256)`;
const PROV = `sources: ['src:bench' + (i % 10)], srcConf: [50 + (i % 50)], srcRef: ['bench.log:' + i], srcCount: [1 + (i % 5)], srcFrom: [''], srcTo: [''], confidence: 50 + (i % 50)`;
// [type, count, from-pattern, to-pattern, extra props]
const RELS: [string, number, string, string, string][] = [
  ['SUBDOMAIN_OF', 400_000, `(a:Host {key: ${host('i')}})`, "(b:Domain {key: 'd' + (i % 150000) + '.example'})", ''],
  ['RESOLVES_TO', 400_000, `(a:Host {key: ${host('i')}})`, `(b:IP {key: ${ip('(i * 7) % 300000')}})`, ", validFrom: datetime('2016-01-01T00:00:00Z')"],
  ['QUERIED', 3_000_000, `(a:IP {key: ${ip('(i * 13) % 300000')}})`, `(b:Host {key: ${host('(i * 31 + i / 300000) % 400000')}})`,
    ", count: 1 + (i % 20), firstSeen: datetime('2016-05-04T00:00:00Z') + duration({minutes: i % 100000}), lastSeen: datetime('2016-09-23T00:00:00Z'), buckets: [1631000 + (i % 1000), 1632000 + (i % 1000)], bucketCounts: [1, i % 19]"],
  ['IN_PREFIX', 300_000, `(a:IP {key: ${ip('i')}})`, "(b:Prefix {key: 'p' + (i % 20000) + '/24'})", ''],
  ['ANNOUNCED_BY', 20_000, "(a:Prefix {key: 'p' + i + '/24'})", "(b:ASN {key: 'AS' + (64000 + i % 5000)})", ''],
  ['REGISTERED_BY', 155_000, "(a:Domain {key: 'd' + (i % 150000) + '.example'})", "(b:Organization {key: 'org-' + ((i * 3) % 120000)})", ", validFrom: datetime('2010-01-01T00:00:00Z')"],
  ['ADMINISTERED_BY', 150_000, "(a:Domain {key: 'd' + i + '.example'})", "(b:Organization {key: 'org-' + ((i * 5 + 1) % 120000)})", ''],
  ['NAME_SERVER', 300_000, "(a:Domain {key: 'd' + (i % 150000) + '.example'})", `(b:Host {key: ${host('(i * 17) % 400000')}})`, ''],
  ['OPERATES', 150_000, "(a:Organization {key: 'org-' + (i % 120000)})", `(b:IP {key: ${ip('(i * 11) % 300000')}})`, ''],
  ['OUTSOURCES_TO', 60_000, "(a:Organization {key: 'org-' + (i % 120000)})", "(b:Organization {key: 'org-' + ((i * 7 + 3) % 120000)})", ''],
  ['CLIENT_OF', 60_000, "(a:Organization {key: 'org-' + (i % 120000)})", "(b:Organization {key: 'org-' + ((i * 11 + 5) % 120000)})", ''],
  ['EMPLOYED_BY', 5_000, "(a:Person {key: 'person-' + (i % 4990)})", "(b:Organization {key: 'org-' + (i % 120000)})", ''],
];
let total = 0;
for (const [type, n, a, b, extra] of RELS) {
  for (let from = 0; from < n; from += BATCH) {
    await db.write(`UNWIND range($from, $to) AS i MATCH ${a} MATCH ${b} CREATE (a)-[:${type} {${PROV}${extra}}]->(b)`,
      { from, to: Math.min(n, from + BATCH) - 1 }, { caller: 'bench:gen', timeoutMs: 600_000 });
  }
  total += n;
  log(`${type}: ${n} (relationships so far ${total})`);
}
const c = await db.read('MATCH (n) RETURN count(n) AS n', {}, { caller: 'bench' });
const r = await db.read('MATCH ()-[r]->() RETURN count(r) AS n', {}, { caller: 'bench' });
log(`done: ${c[0].n} nodes, ${r[0].n} relationships`);
await db.close();
