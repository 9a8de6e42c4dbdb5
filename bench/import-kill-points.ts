// "An import killed at 10 random points, each re-run compared to a clean import" (issue 16).
// A clean import gives the reference graph, the reference event store and the import's duration;
// then, for each point: empty the graph and the event store, start the real CLI import, kill -9
// it at a random instant of that duration (seeded), run the same command again, and compare the
// graph (node counts and every DNS edge with counts, times, provenance and histogram sums) and
// the event store (per source: events, lookups and a digest of every row) with the reference.
// Prints one table row per point; exits 1 when any re-run differs or fails.
//   npx tsx bench/import-kill-points.ts [--events 100000] [--shape heavy] [--points 10] [--seed 1] [--batch 2000]
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, SHAPES, type Shape } from './gen/dns-log-gen.ts';
import { mulberry32 } from '../server/src/importers/case/prng.ts';
import { formatTable } from '../server/src/cli/format-table.ts';
import { OUT, cliEnv, eventsFingerprint, fingerprint, killGroup, resetGraph, runImport, startBenchDb, startImport } from './import-support.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    shape: { type: 'string', default: 'heavy' },
    points: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '2000' },
  },
});
const shape = values.shape as Shape;
if (!SHAPES.includes(shape)) throw new Error(`--shape must be one of ${SHAPES.join(', ')}`);
const n = Number(values.events);
const file = path.join(OUT, `dns-zeek-tsv-${shape}-${n}.log`);
if (!existsSync(file)) await generate('zeek-tsv', n, 1, file, shape);
const dataRoot = path.join(OUT, 'kill-points');

const b = await startBenchDb('kill-points', 2048, 2048);
const rows: unknown[][] = [];
let failures = 0;
try {
  // Each run gets its own data dir: the event store of one run must not stand in for another's.
  const envFor = (name: string) => {
    const dir = path.join(dataRoot, name);
    rmSync(dir, { recursive: true, force: true });
    return { env: cliEnv(b, { INFRAGRAPH_DATA_DIR: dir, INFRAGRAPH_IMPORT_BATCH: values.batch!, INFRAGRAPH_IMPORT_FLUSH: '20000' }), events: path.join(dir, 'events') };
  };
  const c = envFor('clean');
  const clean = runImport([file], c.env);
  if (clean.status !== 0) throw new Error('clean import failed');
  const wantGraph = await fingerprint(b.db);
  const wantEvents = await eventsFingerprint(b.db, c.events);
  console.error(`clean import: ${clean.seconds.toFixed(1)} s; event store ${wantEvents}`);
  // The kill instants are drawn over a warm import's duration: the first import into a fresh store
  // is slower (cold page cache, first DuckDB start), and instants drawn over it fell after the end
  // of most re-runs (6 of 10 in the first quiet run).
  await resetGraph(b.db);
  const warm = runImport([file], envFor('warm').env);
  if (warm.status !== 0) throw new Error('warm import failed');
  const span = Math.min(clean.seconds, warm.seconds);
  console.error(`warm import: ${warm.seconds.toFixed(1)} s: kill instants drawn in [0, ${(0.95 * span).toFixed(1)} s]`);
  const rnd = mulberry32(Number(values.seed));
  for (let i = 0; i < Number(values.points); i++) {
    await resetGraph(b.db);
    const p = envFor(`point-${i + 1}`);
    // Uniform over the clean run's duration, its last 5 % left out (the process is exiting then).
    const at = rnd() * span * 0.95;
    const child = startImport([file], p.env);
    const exit = new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, at * 1000));
    const finishedBeforeKill = child.exitCode !== null;
    killGroup(child);
    await exit;
    const state = await b.db.read(
      'OPTIONAL MATCH (l:ImportLedger) WITH collect(l.status) AS s OPTIONAL MATCH (m:ImportBatch) RETURN s, count(m) AS batches',
      {}, { caller: 'bench' },
    );
    const again = runImport([file], p.env);
    // The status column of the file's row in the summary table.
    const row = again.stdout.split('\n').find((l) => l.includes(path.basename(file).slice(0, 20))) ?? '';
    const status = /\b(imported|resumed|unchanged|replaced|appended)\b/.exec(row)?.[1] ?? `rc ${again.status}`;
    if (!finishedBeforeKill && status === 'unchanged') console.error(`point ${i + 1}: re-run said unchanged after a kill before the end:\n${again.stdout}`);
    const graphSame = again.status === 0 && (await fingerprint(b.db)) === wantGraph;
    const eventsSame = again.status === 0 && (await eventsFingerprint(b.db, p.events)) === wantEvents;
    if (!graphSame || !eventsSame) failures++;
    rows.push([i + 1, +at.toFixed(1), finishedBeforeKill ? 'yes' : 'no', (state[0].s as string[]).join(',') || 'none', Number(state[0].batches),
      status, +again.seconds.toFixed(1), graphSame ? 'yes' : 'NO', eventsSame ? 'yes' : 'NO']);
    console.error(`point ${i + 1}: ${JSON.stringify(rows[rows.length - 1])}`);
  }
  console.log(`${path.basename(file)}: ${n} events (${shape}), clean import ${clean.seconds.toFixed(1)} s, warm ${warm.seconds.toFixed(1)} s, seed ${values.seed}`);
  console.log(formatTable(
    ['point', 'kill at s', 'finished before kill', 'ledger at kill', 'batch markers at kill', 're-run', 're-run s', 'graph identical', 'events identical'],
    rows, 200,
  ));
  console.log(`${rows.length - failures} of ${rows.length} re-runs identical to the clean import`);
} finally {
  await b.stop();
}
process.exitCode = failures ? 1 : 0;
