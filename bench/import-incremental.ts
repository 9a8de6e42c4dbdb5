// Incremental import at the database's limit (issue 13, item 5): a store holding a base import,
// then a further file of the next day; the next-day import's edge write rate is set against the
// bare-CREATE ceiling measured in the same run, on the same store, with the same batch size and
// writers (server/src/db/write-ceiling.ts).
//   npx tsx bench/import-incremental.ts --shape heavy --base 10000000 --events 1000000
//   npx tsx bench/import-incremental.ts --shape uniform --base 1000000 --events 200000 --lean
// Files are generated once into bench/out/ (bench/gen/dns-log-gen.ts, day 0 and day 1).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, SHAPES, type Shape } from './gen/dns-log-gen.ts';
import { mulberry32 } from '../server/src/importers/case/prng.ts';
import { measureCreateCeiling, samplePairs } from '../server/src/db/write-ceiling.ts';
import { OUT, cliEnv, runImport, startBenchDb } from './import-support.ts';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'heavy' },
    base: { type: 'string', default: '10000000' },
    events: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '10000' },
    writers: { type: 'string', default: '2' },
    lean: { type: 'boolean', default: false },
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

const b = await startBenchDb('incremental', Number(values.heap), Number(values.pagecache));
try {
  const env = cliEnv(b, {
    INFRAGRAPH_IMPORT_BATCH: values.batch!, INFRAGRAPH_IMPORT_WRITERS: values.writers!,
    ...(values.lean ? { INFRAGRAPH_IMPORT_LEAN_LOOKUPS: '1' } : {}),
  });
  const first = runImport([day0], env);
  if (first.status !== 0) throw new Error('base import failed');
  const next = runImport([day1], env);
  if (next.status !== 0) throw new Error('next-day import failed');
  const edgeRate = Math.round(next.edgeRows / next.edgeSeconds);
  // The same number of relationships as the next-day import wrote, between existing nodes.
  const pairs = await samplePairs(b.db, next.edgeRows, mulberry32(7));
  const ceiling = await measureCreateCeiling(b.db, pairs, { batchSize: Number(values.batch), writers: Number(values.writers) });
  console.log(JSON.stringify({
    shape, base, events, lean: values.lean, batch: Number(values.batch), writers: Number(values.writers),
    baseSeconds: +first.seconds.toFixed(1), nextSeconds: +next.seconds.toFixed(1), nextPeakRssMb: next.peakRssMb,
    nextEdgeRows: next.edgeRows, nextEdgeSeconds: +next.edgeSeconds.toFixed(1), nextEdgeRowsPerSec: edgeRate,
    ceilingRels: ceiling.rels, ceilingSeconds: +ceiling.seconds.toFixed(1), ceilingRelsPerSec: ceiling.relsPerSec,
    ratioToCeiling: +(edgeRate / ceiling.relsPerSec).toFixed(2),
  }));
  console.error(next.profile.join('\n'));
} finally {
  await b.stop();
}
