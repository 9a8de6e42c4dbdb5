// The next day's known-pair update in isolation: lookup edges written as the importer writes them
// (one source), then updated by a second source with the importer's statement and with parts of
// it and with candidate edge models (text lists, number lists), each on its own disjoint set of edges; new pairs created
// by the importer's CREATE and the lean model's; the bare CREATE ceiling measured in one block and
// again taking turns with the others, in one run: what in the writes costs the time.
//   npx tsx bench/queried-update.ts [--edges 100000] [--batch 10000] [--writers 2] [--variants current,lean] [--degrees skewed|uniform]
import { parseArgs } from 'node:util';
import { startBenchDb } from './import-support.ts';
import { queriedCreateCypher, queriedUpdateCypher } from '../server/src/importers/pipeline/edge-cypher.ts';
import { internalStatement } from '../server/src/cypher/statement-files.ts';
import { ceilingCypher, measureCreateCeiling } from '../server/src/db/write-ceiling.ts';
import type { Database } from '../server/src/db/database.ts';

const { values } = parseArgs({ options: { edges: { type: 'string', default: '100000' }, batch: { type: 'string', default: '10000' }, writers: { type: 'string', default: '2' }, variants: { type: 'string', default: '' }, degrees: { type: 'string', default: 'skewed' } } });
const N = Number(values.edges), BATCH = Number(values.batch), WRITERS = Number(values.writers);
const IPS = 20_000, HOSTS = 200_000;
if (!['skewed', 'uniform'].includes(values.degrees!)) throw new Error('--degrees is skewed or uniform');
const SKEWED = values.degrees === 'skewed';

function rng(seed: number) { let s = seed >>> 0; return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32); }
const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const host = (i: number) => `h${i}.example${i % 97}.com`;
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** Importer-shaped rows for distinct (IP, Host) pairs, one source, times within the given day. */
function rows(pairs: [number, number][], day: number, src: string, refName: string) {
  return pairs.map(([a, b], i) => {
    const f = T0 + day * 86_400_000 + (i * 37) % 40_000_000, l = f + 3_600_000;
    // k: the bare CREATE's key (ceilingCypher).
    // sid, qn, rn: the source, query type and rcode as numbers (the `inline` model).
    return { a: ip(a), b: host(b), n: 1 + (i % 7), f, l, vf: iso(f), vt: iso(l), qt: ['A'], rc: ['NOERROR'], r: i + 1, k: i + 1, conf: 80, ref: `${refName}:${i + 1}`, src, p: {}, sid: day + 1, qn: [1], rn: [0] };
  });
}

async function inBatches(db: Database, all: Record<string, unknown>[], run: (rows: Record<string, unknown>[]) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, async () => {
    while (next * BATCH < all.length) {
      const slice = all.slice(next * BATCH, ++next * BATCH);
      await run(slice);
    }
  }));
  return (performance.now() - t0) / 1000;
}

// What both candidate models write besides their provenance: the count, first/last seen, code sets.
const LEAN_ITEMS = `r.count = r.count + row.n,
    r.firstSeen = CASE WHEN datetime({epochMillis: row.f}) < r.firstSeen THEN datetime({epochMillis: row.f}) ELSE r.firstSeen END,
    r.lastSeen = CASE WHEN datetime({epochMillis: row.l}) > r.lastSeen THEN datetime({epochMillis: row.l}) ELSE r.lastSeen END,
    r.qtypes = r.qtypes + [t IN row.qt WHERE NOT t IN r.qtypes], r.rcodes = r.rcodes + [t IN row.rc WHERE NOT t IN r.rcodes]`;

// The importer's statement and parts of it alone, each on its own edges of the same store.
const VARIANTS: Record<string, string> = {
  current: queriedUpdateCypher(false),
  // The same without `r += row.p` (lookup rows carry no type-specific props): two Eagers fewer.
  currentNoMap: queriedUpdateCypher(false).replace(',\n    r += row.p', ''),
  // Parts of the update alone, to see what costs: one number; the numbers, times and code sets;
  // the four text arrays (source keys, record pointers, per-source validity).
  countOnly: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.count = r.count + row.n
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  noText: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.updatedAt = datetime(), r.srcConf = r.srcConf + row.conf, r.srcCount = r.srcCount + row.n, r.count = r.count + row.n,
    r.confidence = CASE WHEN row.conf > r.confidence THEN row.conf ELSE r.confidence END,
    r.firstSeen = CASE WHEN datetime({epochMillis: row.f}) < r.firstSeen THEN datetime({epochMillis: row.f}) ELSE r.firstSeen END,
    r.lastSeen = CASE WHEN datetime({epochMillis: row.l}) > r.lastSeen THEN datetime({epochMillis: row.l}) ELSE r.lastSeen END,
    r.validFrom = CASE WHEN datetime(row.vf) < r.validFrom THEN datetime(row.vf) ELSE r.validFrom END,
    r.validTo = CASE WHEN datetime(row.vt) > r.validTo THEN datetime(row.vt) ELSE r.validTo END,
    r.qtypes = r.qtypes + [t IN row.qt WHERE NOT t IN r.qtypes], r.rcodes = r.rcodes + [t IN row.rc WHERE NOT t IN r.rcodes]
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  textOnly: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.sources = r.sources + row.src, r.srcRef = r.srcRef + row.ref, r.srcFrom = r.srcFrom + row.vf, r.srcTo = r.srcTo + row.vt
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  // Ten properties set to the values they hold, and r.count: does the store skip unchanged values
  // (then writing only what changes would gain nothing)?
  sameValues: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.count = r.count + row.n, r.sources = r.sources, r.srcConf = r.srcConf, r.srcRef = r.srcRef, r.srcCount = r.srcCount,
    r.srcFrom = r.srcFrom, r.srcTo = r.srcTo, r.firstSeen = r.firstSeen, r.lastSeen = r.lastSeen, r.qtypes = r.qtypes, r.rcodes = r.rcodes
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  // The same ten properties read, not written.
  readOnly: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
WITH r, row, [r.sources, r.srcConf, r.srcRef, r.srcCount, r.srcFrom, r.srcTo, r.firstSeen, r.lastSeen, r.qtypes, r.rcodes] AS seen
SET r.count = r.count + row.n
WITH row, seen WHERE size(seen) = 10 RETURN collect(row.a + '>' + row.b) AS hit`,
  // Two candidate edge models, to size a model change before making it. `packed`: the per-source
  // slots kept on the edge as one text array (conf|ref|count|from|to), validity read from
  // first/last seen. `lean`: the slots read from the event store; the edge keeps its source keys.
  packed: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.sources = r.sources + row.src,
    r.prov = coalesce(r.prov, []) + (toString(row.conf) + '|' + row.ref + '|' + toString(row.n) + '|' + row.vf + '|' + row.vt),
    ${LEAN_ITEMS}
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  lean: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.sources = r.sources + row.src,
    ${LEAN_ITEMS}
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  // \`inline\`: the lean model with every list numeric (source ids, DNS type and rcode numbers).
  // Neo4j keeps a short number array inside the property record, where a text array always takes
  // records of its own: does that bring the update near the bare CREATE? Its edges are created by
  // INLINE_CREATE, not the importer's.
  inline: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.srcIds = r.srcIds + row.sid, r.count = r.count + row.n,
    r.firstSeen = CASE WHEN datetime({epochMillis: row.f}) < r.firstSeen THEN datetime({epochMillis: row.f}) ELSE r.firstSeen END,
    r.lastSeen = CASE WHEN datetime({epochMillis: row.l}) > r.lastSeen THEN datetime({epochMillis: row.l}) ELSE r.lastSeen END,
    r.qn = r.qn + [t IN row.qn WHERE NOT t IN r.qn], r.rn = r.rn + [t IN row.rn WHERE NOT t IN r.rn]
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  // \`inline\` writing its code lists only when the day brings a new code (rarely, on real logs):
  // the source ids are then the one list every update appends to.
  inlineIfNew: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.srcIds = r.srcIds + row.sid, r.count = r.count + row.n,
    r.firstSeen = CASE WHEN datetime({epochMillis: row.f}) < r.firstSeen THEN datetime({epochMillis: row.f}) ELSE r.firstSeen END,
    r.lastSeen = CASE WHEN datetime({epochMillis: row.l}) > r.lastSeen THEN datetime({epochMillis: row.l}) ELSE r.lastSeen END
FOREACH (_ IN CASE WHEN any(t IN row.qn WHERE NOT t IN r.qn) THEN [1] ELSE [] END | SET r.qn = r.qn + [t IN row.qn WHERE NOT t IN r.qn])
FOREACH (_ IN CASE WHEN any(t IN row.rn WHERE NOT t IN r.rn) THEN [1] ELSE [] END | SET r.rn = r.rn + [t IN row.rn WHERE NOT t IN r.rn])
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
  // The count and the two times alone: an update with no list at all.
  numbers: `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: row.a + '>' + row.b}]->()
SET r.count = r.count + row.n,
    r.firstSeen = CASE WHEN datetime({epochMillis: row.f}) < r.firstSeen THEN datetime({epochMillis: row.f}) ELSE r.firstSeen END,
    r.lastSeen = CASE WHEN datetime({epochMillis: row.l}) > r.lastSeen THEN datetime({epochMillis: row.l}) ELSE r.lastSeen END
WITH row RETURN collect(row.a + '>' + row.b) AS hit`,
};

const INLINE_CREATE = `UNWIND $rows AS row
MATCH (a:IP {key: row.a}) MATCH (b:Host {key: row.b})
CREATE (a)-[r:QUERIED {k: row.a + '>' + row.b}]->(b)
SET r.srcIds = [toInteger(row.sid)], r.count = toInteger(row.n),
    r.firstSeen = datetime({epochMillis: toInteger(row.f)}), r.lastSeen = datetime({epochMillis: toInteger(row.l)}),
    r.qn = toIntegerList(row.qn), r.rn = toIntegerList(row.rn)`;
// The statement that creates a variant's edges of the first day, where not the importer's.
// Rows reach runRows as FLOATs (numbers of a JS object): INLINE_CREATE converts them, so its
// lists are integer lists as the updates' parameters are. \`numbers\` runs on the same lean edges:
// the floor of an update of that model.
const BASE_CREATE: Record<string, string> = { inline: INLINE_CREATE, inlineIfNew: INLINE_CREATE, numbers: INLINE_CREATE };

// New pairs: the importer's CREATE ('' = queriedCreateCypher), the lean model's, the lookup key
// alone (under its range index) and the ceiling's own bare statement.
const CREATES: Record<string, string> = {
  importerCreate: '',
  leanCreate: `UNWIND $rows AS row
MATCH (a:IP {key: row.a}) MATCH (b:Host {key: row.b})
CREATE (a)-[r:QUERIED {k: row.a + '>' + row.b}]->(b)
SET r.sources = [$src], r.count = toInteger(row.n),
    r.firstSeen = datetime({epochMillis: toInteger(row.f)}), r.lastSeen = datetime({epochMillis: toInteger(row.l)}),
    r.qtypes = row.qt, r.rcodes = row.rc`,
  inlineCreate: INLINE_CREATE,
  keyOnlyCreate: `UNWIND $rows AS row
MATCH (a:IP {key: row.a}) MATCH (b:Host {key: row.b})
CREATE (a)-[r:QUERIED {k: row.a + '>' + row.b}]->(b)`,
  bareCreate: ceilingCypher(),
};

async function main() {
  const b = await startBenchDb('qupd', 2048, 2048);
  const db = b.db;
  const o = { caller: 'bench', timeoutMs: 3_600_000 };
  try {
    for (let i = 0; i < IPS; i += 10_000) await db.write('UNWIND range($a, $b) AS i CREATE (:IP {key: "10." + toString((i / 65536) % 256) + "." + toString((i / 256) % 256) + "." + toString(i % 256), name: "x"})', { a: i, b: Math.min(IPS, i + 10_000) - 1 }, o);
    const hostRows = Array.from({ length: HOSTS }, (_, i) => ({ k: host(i) }));
    for (let i = 0; i < HOSTS; i += 20_000) await db.write('UNWIND $rows AS r CREATE (:Host {key: r.k, name: r.k})', { rows: hostRows.slice(i, i + 20_000) }, o);
    const names = Object.keys(VARIANTS).filter((v) => !values.variants || values.variants.split(',').includes(v));
    const rnd = rng(7);
    const seen = new Set<number>();
    const pairsOf = (n: number): [number, number][] => {
      const out: [number, number][] = [];
      while (out.length < n) {
        // skewed: busy clients and popular names hold most edges (as in the heavy-tailed logs);
        // uniform: every node about as many (the uniform worst case).
        const a = Math.floor((SKEWED ? rnd() ** 2 : rnd()) * IPS), bb = Math.floor((SKEWED ? rnd() ** 3 : rnd()) * HOSTS), k = a * HOSTS + bb;
        if (!seen.has(k)) { seen.add(k); out.push([a, bb]); }
      }
      return out;
    };
    const sets = names.map(() => pairsOf(N));
    const create = queriedCreateCypher(false);
    let tb = 0, baseRows = 0;
    for (const [i, name] of names.entries()) {
      const base = rows(sets[i], 0, 'src:day1', 'day1.log');
      const cypher = BASE_CREATE[name] ?? create;
      tb += await inBatches(db, base, (r) => db.writeTx((tx) => tx.runRows(cypher, { rows: r, src: 'src:day1', conf: 80, refName: 'day1.log' }), o));
      baseRows += base.length;
    }
    console.log(`base: ${baseRows} edges created in ${tb.toFixed(1)} s (${Math.round(baseRows / tb)} rows/s)`);
    await db.schema(internalStatement('import', 'await-lookup-key', {}), o);
    const ceiling = await measureCreateCeiling(db, pairsOf(N).map(([a, bb]) => ({ a: ip(a), b: host(bb) })), { batchSize: BATCH, writers: WRITERS });
    console.log(`ceiling: bare CREATE ${ceiling.rels} in ${ceiling.seconds.toFixed(1)} s = ${ceiling.relsPerSec} rows/s`);
    for (const name of names) {
      const plan = await db.explain(VARIANTS[name], { rows: [] }, o);
      console.log(`${name} plan: ${plan.operators.map((x) => x.operator).join(' < ')}`);
    }
    // Warm-up on edges of their own, then the variants take turns batch by batch (each turn one
    // batch per writer): a variant run after another ran faster by up to 1.7x in one block each.
    const warm = rows(pairsOf(2 * BATCH * WRITERS), 1, 'src:day2', 'day2.log');
    await inBatches(db, warm, (r) => db.writeTx((tx) => tx.run(VARIANTS.current, { rows: r }), o));
    // Every statement takes turns with the others batch by batch, the bare CREATE among them: the
    // ceiling measured in one block before them ran 1.0-1.55x as fast as the same statement in turn.
    const turns = [
      ...names.map((name, i) => ({ name, cypher: VARIANTS[name], rows: rows(sets[i], 1, 'src:day2', 'day2.log'), update: true })),
      ...Object.entries(CREATES).map(([name, cypher]) => ({ name, cypher: cypher || create, rows: rows(pairsOf(N), 1, 'src:day2', 'day2.log'), update: false })),
    ];
    const secs = turns.map(() => 0), hits = turns.map(() => 0);
    for (let at = 0; at < N; at += BATCH * WRITERS) {
      for (const [i, t] of turns.entries()) {
        const t0 = performance.now();
        await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
          const r = t.rows.slice(at + w * BATCH, at + (w + 1) * BATCH);
          if (!r.length) return;
          const res = await db.writeTx((tx) => tx.run(t.cypher, { rows: r, src: 'src:day2', conf: 80, refName: 'day2.log' }), o);
          hits[i] += ((res[0]?.hit ?? []) as unknown[]).length;
        }));
        secs[i] += (performance.now() - t0) / 1000;
      }
    }
    const inTurn = N / secs[turns.findIndex((t) => t.name === 'bareCreate')];
    for (const [i, t] of turns.entries()) {
      const rate = N / secs[i];
      console.log(`${t.name}: ${N} ${t.update ? `updates (${hits[i]} found)` : 'new edges'} in ${secs[i].toFixed(1)} s = ${Math.round(rate)} rows/s = ${Math.round((100 * rate) / ceiling.relsPerSec)} % of the ceiling, ${Math.round((100 * rate) / inTurn)} % of the bare CREATE in turn`);
    }
    // What each variant left on its edges (the parts and the candidate models differ by design).
    const shapes = await db.read(`MATCH ()-[r:QUERIED]->() WITH r LIMIT 2000000
      RETURN r.sources AS s, r.srcConf AS c, size(r.prov) AS pv, size(r.srcRef) AS rf, size(r.srcCount) AS n, size(r.srcFrom) AS f, size(r.srcTo) AS t, r.qtypes AS q,
             r.srcIds AS ids, r.qn AS qn, [x IN r.srcIds | valueType(x)][0] AS idType, count(*) AS edges ORDER BY edges DESC`, {}, o);
    console.log('edge shapes:', JSON.stringify(shapes));
  } finally {
    await b.stop();
  }
}

await main();
