// Incremental import at the database's limit (issue 13, item 5): a store holding a base import,
// then a further file of the next day; the next-day import's edge write rate is set against the
// bare-CREATE ceiling measured in the same run, on the same store, with the same batch size and
// writers (server/src/db/write-ceiling.ts).
//   npx tsx bench/import-incremental.ts --shape heavy --base 10000000 --events 1000000
//   npx tsx bench/import-incremental.ts --shape uniform --base 1000000 --events 200000 --lean
//   npx tsx bench/import-incremental.ts --shape heavy --base 10000000 --events 1000000 --bulk-base
// Files are generated once into bench/out/ (bench/gen/dns-log-gen.ts, day 0 and day 1).
import { existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, SHAPES, type Shape } from './gen/dns-log-gen.ts';
import { mulberry32 } from '../server/src/importers/case/prng.ts';
import { measureCreateCeiling, samplePairs } from '../server/src/db/write-ceiling.ts';
import { CLI, OUT, cliEnv, cliStoreDb, runImport, startBenchDb } from './import-support.ts';
import type { Database } from '../server/src/db/database.ts';
import { internalStatement } from '../server/src/cypher/statement-files.ts';
import { freePort } from '../server/src/db/embedded/index.ts';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'heavy' },
    base: { type: 'string', default: '10000000' },
    events: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '10000' },
    writers: { type: 'string', default: '2' },
    lean: { type: 'boolean', default: false },
    // Base and next day through the CLI's own embedded store (its data dir under bench/out/): the
    // base into the empty store goes through the offline bulk load, as `infragraph import` does it.
    'bulk-base': { type: 'boolean', default: false },
    heap: { type: 'string', default: '4096' },
    pagecache: { type: 'string', default: '4096' },
  },
});
const shape = values.shape as Shape;
if (!SHAPES.includes(shape)) throw new Error(`--shape must be one of ${SHAPES.join(', ')}`);
const base = Number(values.base), events = Number(values.events);
const file = async (n: number, day: number) => {
  const f = path.join(OUT, `dns-zeek-tsv-${shape}-${n}${day ? `-day${day}` : ''}.log`);
  if (!existsSync(f)) { console.error(`generating ${f} …`); await generate('zeek-tsv', n, 1, f, shape, day); }
  return f;
};
const day0 = await file(base, 0);
const day1 = await file(events, 1);

if (values['bulk-base']) {
  await runEmbedded();
  process.exit(0);
}

const b = await startBenchDb('incremental', Number(values.heap), Number(values.pagecache));
try {
  await baseThenNextDay('bench store, transactional base', cliEnv(b, importSettings()), [], async () => b.db);
} finally {
  await b.stop();
}

function importSettings(): Record<string, string> {
  return {
    INFRAGRAPH_IMPORT_BATCH: values.batch!, INFRAGRAPH_IMPORT_WRITERS: values.writers!,
    INFRAGRAPH_IMPORT_LEAN_LOOKUPS: values.lean ? '1' : '0',
  };
}

/**
 * The base file, then the next day's, through the real CLI; then the bare-CREATE ceiling on the
 * same store with as many relationships as the next-day import wrote, between existing nodes.
 */
async function baseThenNextDay(mode: string, env: NodeJS.ProcessEnv, baseArgs: string[], store: () => Promise<Database>): Promise<void> {
  const first = runImport([day0], env, baseArgs);
  if (first.status !== 0) throw new Error('base import failed');
  // "A store already holding that import": its indexes online (after a bulk load the lookup key
  // index populates after the store is queryable; the next import would wait for it).
  const db = await store();
  const t0 = performance.now();
  await db.schema(internalStatement('migrations', 'await-indexes', {}), { caller: 'bench', timeoutMs: 600_000 });
  const indexWaitSeconds = (performance.now() - t0) / 1000;
  const next = runImport([day1], env);
  if (next.status !== 0) throw new Error('next-day import failed');
  const edgeRate = Math.round(next.edgeRows / next.edgeSeconds);
  const pairs = await samplePairs(db, next.edgeRows, mulberry32(7));
  const ceiling = await measureCreateCeiling(db, pairs, { batchSize: Number(values.batch), writers: Number(values.writers) });
  console.log(JSON.stringify({
    mode, shape, base, events, lean: values.lean, batch: Number(values.batch), writers: Number(values.writers),
    baseSeconds: +first.seconds.toFixed(1), basePeakRssMb: first.peakRssMb, baseIndexWaitSeconds: +indexWaitSeconds.toFixed(1), nextSeconds: +next.seconds.toFixed(1), nextPeakRssMb: next.peakRssMb,
    nextEdgeRows: next.edgeRows, nextEdgeSeconds: +next.edgeSeconds.toFixed(1), nextEdgeRowsPerSec: edgeRate,
    ceilingRels: ceiling.rels, ceilingSeconds: +ceiling.seconds.toFixed(1), ceilingRelsPerSec: ceiling.relsPerSec,
    ratioToCeiling: +(edgeRate / ceiling.relsPerSec).toFixed(2),
  }));
  console.error(first.stdout);
  console.error(next.stdout);
  console.error(next.profile.join('\n'));
}

/** The same figures with the CLI managing its own embedded store: bulk base, then the next day. */
async function runEmbedded(): Promise<void> {
  const dataDir = path.join(OUT, 'incremental-embedded');
  rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env, INFRAGRAPH_DATA_DIR: dataDir, INFRAGRAPH_NEO4J_PORT: String(await freePort()), LOG_LEVEL: 'warn',
    INFRAGRAPH_NEO4J_HEAP_MB: values.heap!, INFRAGRAPH_NEO4J_PAGECACHE_MB: values.pagecache!, INFRAGRAPH_NEO4J_START_TIMEOUT_S: '600',
    INFRAGRAPH_PROFILE_IMPORT: '1', ...importSettings(),
  };
  delete env.NEO4J_URI;
  let db: Database | undefined;
  try {
    await baseThenNextDay('bulk base, CLI embedded store', env, ['--bulk'], async () => {
      db = cliStoreDb(dataDir, env.INFRAGRAPH_NEO4J_PORT!);
      return db;
    });
  } finally {
    await db?.close();
    spawnSync('node', [CLI, 'db', 'stop'], { env, stdio: 'inherit' });
  }
}
