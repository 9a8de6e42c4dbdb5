// What removing one import costs (`--replace`, an interrupted import with other options), and
// whether it leaves the graph that importing without it gives. Per shape: --files days of logs
// (many of the same names each day; a day's pairs gain a provenance slot per file) into an empty
// bench store; then the first day's data is removed (removeSourceData, the code `--replace` runs)
// and timed. The result is checked against a store that only ever held the other days: DNS nodes
// by label, edges by type, hosts with no parent domain (a lost SUBDOMAIN_OF), SUBDOMAIN_OF edges
// by the source and ref they carry, and any naming a source that is gone. Histograms and code sets
// are not per source (docs/model.md), so lookup edges are compared by count only. Exits 1 when a
// shape's graph differs. Run it in a worktree of other code to compare removal times, in turn.
//   npx tsx bench/replace-cost.ts [--events 500000] [--files 2] [--shapes uniform,heavy,generator]
import { mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, type Shape } from './gen/dns-log-gen.ts';
import { OUT, resetGraph, startBenchDb } from './import-support.ts';
import { importFile } from '../server/src/importers/pipeline/import-file.ts';
import { removeSourceData } from '../server/src/importers/pipeline/remove-source.ts';
import type { Database } from '../server/src/db/database.ts';

const { values } = parseArgs({ options: {
  events: { type: 'string', default: '500000' }, files: { type: 'string', default: '2' }, shapes: { type: 'string', default: 'uniform,heavy,generator' },
} });
const events = Number(values.events);
const dir = path.join(OUT, 'replace-cost');
mkdirSync(dir, { recursive: true });
const o = { batchSize: 10_000, writers: 2, flushAt: 1_000_000, reportDir: path.join(dir, 'reports'), eventsDir: path.join(dir, 'events') };
const q = { caller: 'bench', timeoutMs: 3_600_000 };

async function shapeOf(db: Database) {
  const one = async (cypher: string) => Number((await db.read(cypher, {}, q))[0].n);
  const nodes = await db.read('MATCH (n) WHERE n:Host OR n:IP OR n:Domain RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l', {}, q);
  const edges = await db.read('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c, sum(r.count) AS lookups ORDER BY t', {}, q);
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.l, Number(r.c)])),
    edges: Object.fromEntries(edges.map((r) => [r.t, r.t === 'QUERIED' ? [Number(r.c), Number(r.lookups)] : Number(r.c)])),
    // Only a host that is its own registered domain has none when imported from a log.
    hostsWithoutParent: await one('MATCH (h:Host) WHERE NOT EXISTS { (h)-[:SUBDOMAIN_OF]->() } RETURN count(*) AS n'),
    structuralBySource: Object.fromEntries((await db.read('MATCH ()-[r:SUBDOMAIN_OF]->() RETURN r.sources[0] + " " + r.srcRef[0] AS s, count(*) AS c ORDER BY s', {}, q)).map((r) => [r.s, Number(r.c)])),
    structuralOnGoneSource: await one('MATCH ()-[r:SUBDOMAIN_OF]->() WHERE NOT EXISTS { MATCH (s:Source) WHERE s.key IN r.sources } RETURN count(*) AS n'),
    orphanHosts: await one("MATCH (h:Host) WHERE NOT EXISTS { (h)-[r]-() WHERE type(r) <> 'SUBDOMAIN_OF' } RETURN count(*) AS n"),
  };
}

const b = await startBenchDb('replace-cost', 4096, 4096);
try {
  for (const shape of values.shapes!.split(',') as Shape[]) {
    const files = Array.from({ length: Number(values.files) }, (_, day) => path.join(dir, `${shape}-${events}-day${day}.log`));
    for (const [day, f] of files.entries()) {
      await generate('zeek-tsv', events, shape === 'generator' ? 7 + day : 7, f, shape, day);
      utimesSync(f, new Date('2020-01-01'), new Date('2020-01-01')); // not live logs
    }
    await resetGraph(b.db);
    // Each day's import timed too: days after the first go into a store holding data.
    const importSeconds: number[] = [];
    const timed = async (f: string) => {
      const t = performance.now();
      const s = await importFile(b.db, f, o);
      importSeconds.push(+((performance.now() - t) / 1000).toFixed(2));
      return s;
    };
    const first = await timed(files[0]);
    for (const f of files.slice(1)) await timed(f);
    const maxSlots = Number((await b.db.read('MATCH ()-[r:QUERIED]->() RETURN max(size(r.sources)) AS n', {}, q))[0].n);
    const t0 = performance.now();
    await removeSourceData(b.db, first.sourceKey, o.eventsDir);
    const removeSeconds = +((performance.now() - t0) / 1000).toFixed(2);
    const removed = await shapeOf(b.db);
    await resetGraph(b.db);
    for (const f of files.slice(1)) await importFile(b.db, f, o);
    const fresh = await shapeOf(b.db);
    const same = JSON.stringify(removed) === JSON.stringify(fresh);
    if (!same) process.exitCode = 1;
    const { structuralBySource, ...brief } = removed;
    console.log(JSON.stringify({ shape, events, files: files.length, maxSlots, importSeconds, removeSeconds, sameAsFresh: same, removed: { ...brief, structuralSources: Object.keys(structuralBySource).length }, ...(same ? {} : { fresh }) }));
  }
} finally {
  await b.stop();
}
