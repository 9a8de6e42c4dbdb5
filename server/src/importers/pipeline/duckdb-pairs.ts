// Lookup pairs (client, name): count, first/last, ref, query-type and rcode sets, 15-minute
// histogram. One GROUP BY of (client, name, bucket) whose aggregate states are all fixed-size —
// sums, min/max, and the code sets as bit masks — so DuckDB can spill it past its memory limit.
// The first form grouped by (client, name) with list() states for the histogram and code sets:
// those do not spill, and a 10M-line heavy-tailed log failed with "Out of Memory" at 1 GB
// (2026-12-03). The pair totals are folded here, while reading the (pair, bucket) rows out in
// (client, name, bucket) order: the histogram is those rows themselves.
// Without a histogram (lean lookup edges, the default) the same GROUP BY is by (client, name)
// alone (table pl, one row per pair): a tenth of the groups on 100M uniform lines, whose
// (pair, bucket) GROUP BY failed at 512 MB ("failed to pin block", 2026-12-03).
import { lit, type DuckEngine } from './duckdb-engine.ts';
import { BUCKET_MS, refKey, refLine, refMicros } from './duckdb-aggregate-sql.ts';
import type { LookupAgg, NodeTables } from './aggregate-rows.ts';
import { f64 } from './duckdb-read-out.ts';

/** Bits per mask word: masks are read out as DOUBLE, exact up to 2^53. */
export const WORD = 52;

/**
 * The (pair, bucket) rows (pb), or the pair rows (pl), with code-set masks of `words` words each;
 * pass `pass` of `passes` (each takes the pairs whose hash falls in it).
 */
function pairBucketsSql(words: number, histogram: boolean, pass: number, passes: number): string {
  const masks = (col: string, p: string) => Array.from({ length: words }, (_, w) =>
    `coalesce(bit_or(CASE WHEN ${col} // ${WORD} = ${w} THEN 1::BIGINT << (${col} % ${WORD}) END), 0)::DOUBLE AS ${p}${w}`);
  const table = histogram ? 'pb' : 'pl';
  return `
${pass === 0 ? `CREATE TABLE ${table} AS` : `INSERT INTO ${table}`}
SELECT client, qname, ${histogram ? `floor(ts / ${BUCKET_MS}.0)::DOUBLE` : 'NULL::DOUBLE'} AS b, sum(cnt)::DOUBLE AS n, min(ts)::DOUBLE AS f, max(ts)::DOUBLE AS l,
  min(${refKey('ts', 'line')}) AS mk, ${[...masks('qb', 'q'), ...masks('rb', 'r')].join(', ')}
FROM (SELECT ev.*, enum_code(qtype::${CODE_ENUM}) AS qb, enum_code(rcode::${CODE_ENUM}) AS rb FROM ev)
WHERE client IS NOT NULL${passes > 1 ? ` AND hash(client, qname) % ${passes} = ${pass}` : ''} GROUP BY client, qname${histogram ? ', b' : ''}`;
}

/**
 * Lookups per pass of the pair aggregation, per 512 MB of the engine's memory limit. DuckDB's
 * GROUP BY spills, but not without bound: the 100M-line uniform log (about 10M pairs) runs out
 * ("failed to pin block") when a pass holds much more than this share. Larger inputs are
 * aggregated in passes, each over the pairs whose hash falls in it: a pass rescans the lookups,
 * but its hash table fits. Twice this share (the value until 2026-12-06) was too close: the pass
 * SQL of that evening tipped the 100M log over at 320 MB. A 10M-line bulk load pays 0.3–8 %
 * for the extra rescans (BENCHMARKS.md, "The night of 2026-12-06").
 */
export const LOOKUPS_PER_PASS = 5_000_000;

/** Every query type and rcode of `codes` (a SELECT of qtype, rcode), numbered in string order: a mask's bits come out sorted. */
const codeBitsSql = (codes: string) => `
CREATE TABLE cbits AS
WITH d AS (SELECT DISTINCT qtype, rcode FROM (${codes}))
SELECT s, (row_number() OVER (ORDER BY s) - 1)::INTEGER AS bit FROM (SELECT qtype AS s FROM d WHERE qtype IS NOT NULL UNION SELECT rcode FROM d WHERE rcode IS NOT NULL)`;

/**
 * The codes as an ENUM in bit order: a lookup's bit is then a cast (enum_code) instead of two hash
 * joins with cbits per lookup (pair aggregation of the 1M-line heavy-tailed log 331 ms against
 * 393 ms, 2026-12-06).
 */
const CODE_ENUM = 'code_bit';

/**
 * Build the (pair, bucket) table, or without histograms the pair table; read out by readLookups().
 * `codes`: a SELECT of (qtype, rcode) holding at least every pair of codes in ev (a loader's own
 * distinct codes spare a scan of the lookups); `lookups`: at least the lookups in ev (it sets the passes).
 */
export async function aggregatePairs(db: DuckEngine, histogram: boolean, codes: string, lookups: number, perPass = LOOKUPS_PER_PASS): Promise<void> {
  await db.run(codeBitsSql(codes));
  const { codes: names, words } = await codeBits(db);
  await db.run(`CREATE TYPE ${CODE_ENUM} AS ENUM (${names.map(lit).join(', ')})`);
  // Only the loaders' first tables keep file order (rowid = line); GROUP BY and sorts need none.
  await db.run('SET preserve_insertion_order = false');
  const passes = pairPasses(lookups, db.memoryMb, perPass);
  for (let pass = 0; pass < passes; pass++) await db.run(pairBucketsSql(words, histogram, pass, passes));
}

/** How many passes the pair aggregation takes for `lookups` lookups under `memoryMb` MB. */
export function pairPasses(lookups: number, memoryMb: number, perPass = LOOKUPS_PER_PASS): number {
  return Math.max(1, Math.ceil(lookups / (perPass * Math.max(memoryMb, 64) / 512)));
}

/** The codes of cbits in bit order, and the mask words they take: one read of the table. */
export async function codeBits(db: DuckEngine): Promise<{ codes: string[]; words: number }> {
  const codes = (await db.rows('SELECT s FROM cbits ORDER BY bit')).map((r) => r[0] as string);
  return { codes, words: wordsFor(codes.length) };
}

/** Mask words for `codes` codes (one at least). */
function wordsFor(codes: number): number {
  return Math.max(1, Math.ceil(codes / WORD));
}

/**
 * The rows as the reader takes them: node ids instead of strings, the ref split into the record's
 * time (µs) and line (NaN without a time), ordered by (client, name) and then bucket (untimed last).
 */
function pairRowsSql(words: number, table: string): string {
  const m = Array.from({ length: words }, (_, w) => `q${w}`).concat(Array.from({ length: words }, (_, w) => `r${w}`));
  return `
SELECT ips.id AS cid, hosts.id AS hid, coalesce(b, 'NaN') AS b, n, coalesce(f, 'Infinity') AS f, coalesce(l, '-Infinity') AS l,
  coalesce(${refMicros('mk')}, 'NaN') AS rt, ${refLine('mk')} AS rl, ${m.join(', ')}
FROM ${table} p JOIN ips ON ips.ip = p.client JOIN hosts ON hosts.h = p.qname
ORDER BY cid, hid, b NULLS LAST`;
}

/** Decodes code-set masks into sorted code lists, once per distinct mask. */
export class CodeSets {
  private readonly one = new Map<number, string[]>();
  private readonly many = new Map<string, string[]>();
  constructor(private readonly codes: string[]) {}

  of(words: Float64Array): string[] {
    const key = words.length === 1 ? words[0] : words.join(',');
    const seen = typeof key === 'number' ? this.one.get(key) : this.many.get(key);
    if (seen) return seen;
    const list: string[] = [];
    for (let w = 0; w < words.length; w++) {
      let v = words[w];
      for (let b = 0; v > 0; b++, v = Math.floor(v / 2)) if (v % 2 === 1) list.push(this.codes[w * WORD + b]);
    }
    if (typeof key === 'number') this.one.set(key, list); else this.many.set(key, list);
    return list;
  }
}

/** Every lookup pair once, fully aggregated, ordered by (client, name). */
export async function* readLookups(db: DuckEngine, tables: NodeTables): AsyncGenerator<LookupAgg> {
  const ip = tables.IP.keys, host = tables.Host.keys;
  const { codes, words } = await codeBits(db);
  const sets = new CodeSets(codes);
  // The pair being folded from its bucket rows (pc < 0: none yet).
  let pc = -1, ph = -1, pn = 0, pf = 0, pl = 0, prt = NaN, prl = NaN, pml = 0, buckets: number[] = [];
  const pq = new Float64Array(words), pr = new Float64Array(words);
  const done = (): LookupAgg => ({
    client: ip[pc], host: host[ph], cid: pc, hid: ph, count: pn, first: pf, last: pl,
    ref: prt === prt ? prl : pml, qtypes: sets.of(pq), rcodes: sets.of(pr), buckets,
  });
  const [[lean]] = await db.rows("SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'pl'");
  for await (const c of db.chunks(pairRowsSql(words, lean ? 'pl' : 'pb'))) {
    const [cid, hid, b, n, f, l, rt, rl] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => f64(c, i));
    const q = Array.from({ length: words }, (_, w) => f64(c, 8 + w));
    const r = Array.from({ length: words }, (_, w) => f64(c, 8 + words + w));
    for (let i = 0; i < c.rowCount; i++) {
      if (pc !== cid[i] || ph !== hid[i]) {
        if (pc >= 0) yield done();
        pc = cid[i]; ph = hid[i]; pn = 0; pf = Infinity; pl = -Infinity; prt = NaN; prl = NaN; pml = Infinity; buckets = [];
        pq.fill(0); pr.fill(0);
      }
      pn += n[i];
      if (f[i] < pf) pf = f[i];
      if (l[i] > pl) pl = l[i];
      // Used only when no record has a time: then every key is untimed and holds its lowest line.
      if (rl[i] < pml) pml = rl[i];
      // The earliest timed record: smallest (time, line). Rows come in time order, but records
      // of two buckets may round to the same µs, so both are compared.
      if (rt[i] === rt[i] && (prt !== prt || rt[i] < prt || (rt[i] === prt && rl[i] < prl))) { prt = rt[i]; prl = rl[i]; }
      for (let w = 0; w < words; w++) { pq[w] = orMask(pq[w], q[w][i]); pr[w] = orMask(pr[w], r[w][i]); }
      if (b[i] === b[i]) buckets.push(b[i], n[i]);
    }
  }
  if (pc >= 0) yield done();
}

/** Bitwise OR of two masks of up to 52 bits (JS bit operators take 32). */
function orMask(a: number, b: number): number {
  if (a === b || b === 0) return a;
  if (a === 0) return b;
  const hi = 2 ** 26;
  const ah = Math.floor(a / hi), al = a % hi, bh = Math.floor(b / hi), bl = b % hi;
  return (ah | bh) * hi + (al | bl);
}
