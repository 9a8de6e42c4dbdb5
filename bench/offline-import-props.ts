// Where the offline importer's time goes on the lookup edges of a bulk load (issue 13 item 4).
// The engine reads a Zeek dns.log and the bulk load's CSV writer writes its files; the lean
// QUERIED CSV is cut to its first --rows rows, and `neo4j-admin database import full`
// builds a store from it again and again, its header as the importer writes it and in variants
// that leave property groups out (IGNORE), type them as plain text, set the store's array
// block size, or run the importer with other thread counts. The variants take turns round by
// round, each ratio is taken against the as-written run of the same round, and every store is
// removed after its run.
//   npx tsx bench/offline-import-props.ts bench/out/shape-heavy-10m.log [--rows 1000000] [--rounds 3] [--variants as-written,text-times,...]
import { mkdirSync, openSync, readFileSync, readSync, closeSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Aggregator } from '../server/src/importers/pipeline/aggregate.ts';
import { loadZeekTsv } from '../server/src/importers/zeek/zeek-tsv-duckdb.ts';
import { CsvGraphWriter } from '../server/src/importers/pipeline/csv-graph-writer.ts';
import { runOfflineImport, type EmbeddedOptions } from '../server/src/db/embedded/index.ts';
import { REPO_ROOT } from '../server/src/config.ts';
import { OUT } from './import-support.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rows: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '3' }, variants: { type: 'string' } },
});
const file = positionals[0] ?? 'bench/out/shape-heavy-10m.log';
const dir = path.join(OUT, 'offline-props');

type Field = { name: string; type: string };
const spell = (fs: Field[]) => fs.map((x) => (x.type ? `${x.name}:${x.type}` : x.name)).join(',');
const ignore = (names: string[]) => (fs: Field[]) => {
  const gone = names.filter((n) => !fs.some((x) => x.name === n));
  // Lookup edges have not carried validFrom/validTo since these runs showed their cost.
  if (gone.length) throw new Error(`the QUERIED header has no ${gone.join(', ')} to leave out`);
  return fs.map((x) => (names.includes(x.name) ? { ...x, type: 'IGNORE' } : x));
};

// Each variant: how the header's fields change, and the store's configuration file, if any.
const VARIANTS: Record<string, { fields?: (fs: Field[]) => Field[]; config?: string; threads?: number }> = {
  'as-written': {},
  // The datetime parse itself: the same texts stored as strings.
  'text-times': { fields: (fs) => fs.map((x) => (x.type === 'datetime' ? { ...x, type: '' } : x)) },
  // validFrom/validTo repeated firstSeen/lastSeen on every lookup edge (CSVs written before they were dropped).
  'no-validity': { fields: ignore(['validFrom', 'validTo']) },
  // The provenance slot's times repeat them too on an edge of one source.
  'no-slot-times': { fields: ignore(['srcFrom', 'srcTo']) },
  'no-validity-no-slot-times': { fields: ignore(['validFrom', 'validTo', 'srcFrom', 'srcTo']) },
  // Arrays (dynamic records) against the same values as scalars.
  'scalar-arrays': { fields: (fs) => fs.map((x) => (x.type === 'string[]' ? { ...x, type: '' } : x.type.endsWith('[]') ? { ...x, type: x.type.slice(0, -2) } : x)) },
  // Smaller dynamic array records (default 120 bytes of data): a single-element text array fits in 40.
  'array-block-40': { config: 'internal.dbms.block_size.array_properties=40\n' },
  // The importer's own default, a thread per core (as written: twice as many), and more still.
  'threads-per-core': { threads: availableParallelism() },
  'threads-8': { threads: 8 },
  // The relationships alone: the floor.
  'no-properties': { fields: (fs) => fs.map((x) => ({ ...x, type: 'IGNORE' })) },
};
// The as-written run opens every round: the others' ratios are taken against it.
const names = ['as-written', ...(values.variants ? values.variants.split(',') : Object.keys(VARIANTS)).filter((n) => n !== 'as-written')];
for (const n of names) if (!VARIANTS[n]) throw new Error(`unknown variant ${n}; one of ${Object.keys(VARIANTS).join(', ')}`);

/** Cut a file after its first `rows` lines; the number of lines it keeps. */
function keepFirstLines(f: string, rows: number): number {
  const fd = openSync(f, 'r');
  const buf = Buffer.alloc(1 << 20);
  let lines = 0, pos = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return lines;
      for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) {
        if (++lines === rows) { truncateSync(f, pos + i + 1); return lines; }
      }
      pos += n;
    }
  } finally { closeSync(fd); }
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const t0 = performance.now();
const writer = new CsvGraphWriter(path.join(dir, 'csv'), { sourceKey: 'src:offline-props', refName: path.basename(file), confidence: 90, histogram: false });
const agg = new Aggregator({ flushAt: 100_000, spillDir: path.join(dir, 'engine'), onChunk() {}, onReject() {}, threads: 2, histogram: false });
let files: Awaited<ReturnType<CsvGraphWriter['close']>>;
try {
  await writer.open();
  await agg.open();
  const z = await loadZeekTsv(agg, { file, gz: false, takePartialLast: true });
  if (!z.handled) throw new Error(`not read by DuckDB: ${z.reason}`);
  await agg.finish();
  await writer.writeDnsNodes(agg.takeNewNodes(), agg.tables);
  await writer.writeDnsLayer(agg.lookups(), agg.dnsEdges(), agg.tables, 'dns', agg);
  files = await writer.close();
} finally {
  await agg.cleanup();
}
// The lookup edges the engine wrote: "header file,data file" (the other edge files are left out).
const queried = files.relationships.find(([t, f]) => t === 'QUERIED' && f.includes(','));
if (!queried) throw new Error('no lean QUERIED CSV from the engine');
const [writtenHeader, csv] = queried[1].split(',');
const written = readFileSync(writtenHeader, 'utf8').trim().split(',');
const ends = written.slice(0, 2).join(',');
const FIELDS = written.slice(2).map((x): Field => { const [name, type = ''] = x.split(':'); return { name, type }; });
const rows = keepFirstLines(csv, Number(values.rows));
console.log(`${file}: ${rows} QUERIED rows of the engine's CSV (${((performance.now() - t0) / 1000).toFixed(1)} s to write), ${names.length} variants × ${values.rounds} rounds`);

const quiet = { info() {}, warn() {}, error: (o: unknown, m?: string) => console.error(m ?? o), debug() {} };
const results = new Map<string, { rel: number[]; total: number[]; ratio: number[] }>(names.map((n) => [n, { rel: [], total: [], ratio: [] }]));
for (let round = 1; round <= Number(values.rounds); round++) {
  let base = NaN;
  for (const name of names) {
    const v = VARIANTS[name];
    const home = path.join(dir, `home-${name}`);
    rmSync(home, { recursive: true, force: true });
    const header = path.join(dir, `header-${name}.csv`);
    writeFileSync(header, `${ends},${spell((v.fields ?? ((x) => x))(FIELDS))}\n`);
    let config: string | undefined;
    if (v.config) writeFileSync((config = path.join(dir, `store-${name}.conf`)), v.config);
    const o: EmbeddedOptions = {
      repoRoot: REPO_ROOT, home, boltPort: 7687, heapMb: 2048, pageCacheMb: 512, txTimeoutSec: 60, passwordFile: path.join(dir, 'password'), log: quiet,
    };
    const r = await runOfflineImport(o, {
      nodes: files.nodes, relationships: [['QUERIED', `${header},${csv}`]], trimStrings: !writer.untrimmed, additionalConfig: config, threads: v.threads,
    });
    const rel = r.phases.find(([p]) => p === 'Relationship import')?.[1] ?? NaN;
    if (name === 'as-written') base = rel;
    const s = results.get(name)!;
    s.rel.push(rel); s.total.push(r.seconds); s.ratio.push(rel / base);
    console.log(`round ${round} ${name.padEnd(26)} relationship import ${rel.toFixed(1).padStart(6)} s  whole importer ${r.seconds.toFixed(1).padStart(6)} s  ${(rel / base).toFixed(2)}× as written`);
    rmSync(home, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log(`\n| variant | relationship import, median s (${values.rounds} rounds) | whole importer, median s | relationship import ÷ as written, median of rounds (min–max) |`);
console.log('|---|---|---|---|');
for (const [name, s] of results) {
  console.log(`| ${name} | ${median(s.rel).toFixed(1)} | ${median(s.total).toFixed(1)} | ${median(s.ratio).toFixed(2)} (${Math.min(...s.ratio).toFixed(2)}–${Math.max(...s.ratio).toFixed(2)}) |`);
}
rmSync(dir, { recursive: true, force: true });
