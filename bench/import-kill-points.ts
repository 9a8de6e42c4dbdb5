// "An import killed at 10 random points, each re-run compared to a clean import" (issue 16).
// A clean import gives the reference graph and its duration; then, 10 times: empty the graph,
// start the real CLI import, kill -9 it at a random instant of that duration, run it again, and
// compare the graph with the reference (node counts and every DNS edge with counts, times,
// provenance and histogram sums).
//   npx tsx bench/import-kill-points.ts [--events 100000] [--shape heavy] [--points 10] [--seed 1]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, SHAPES, type Shape } from './gen/dns-log-gen.ts';
import { mulberry32 } from '../server/src/importers/case/prng.ts';
import { OUT, cliEnv, fingerprint, resetGraph, runImport, startBenchDb, startImport } from './import-support.ts';

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

const b = await startBenchDb('kill-points', 2048, 2048);
const rows: Record<string, unknown>[] = [];
try {
  const env = cliEnv(b, { INFRAGRAPH_IMPORT_BATCH: values.batch!, INFRAGRAPH_IMPORT_FLUSH: '20000' });
  const clean = runImport([file], env);
  if (clean.status !== 0) throw new Error('clean import failed');
  const want = await fingerprint(b.db);
  const rnd = mulberry32(Number(values.seed));
  for (let i = 0; i < Number(values.points); i++) {
    await resetGraph(b.db);
    const at = rnd() * clean.seconds;
    const child = startImport([file], env);
    await new Promise((r) => setTimeout(r, at * 1000));
    const exited = child.exitCode !== null;
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    const state = await b.db.read('MATCH (l:ImportLedger) RETURN l.status AS s', {}, { caller: 'bench' });
    const again = runImport([file], env);
    const status = /\b(imported|resumed|unchanged|replaced)\b/.exec(again.stdout)?.[1] ?? '?';
    const same = again.status === 0 && (await fingerprint(b.db)) === want;
    rows.push({ point: i + 1, killAtSeconds: +at.toFixed(1), finishedBeforeKill: exited, ledgerAtKill: state.map((s) => s.s).join(',') || 'none', rerun: status, rerunSeconds: +again.seconds.toFixed(1), identical: same });
    console.error(JSON.stringify(rows[rows.length - 1]));
  }
  console.log(JSON.stringify({ file: path.basename(file), events: n, cleanSeconds: +clean.seconds.toFixed(1), points: rows.length, identical: rows.filter((r) => r.identical).length }));
} finally {
  await b.stop();
}
