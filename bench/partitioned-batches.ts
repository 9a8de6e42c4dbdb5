// How busy the edge writers are under PartitionedBatches with rows in the engine's order: lookups
// come ordered by client (cid, hid), DNS edges by from-node. Each batch "writes" for a time
// proportional to its rows (a timer, no database), so the figure is the scheduler's alone: the
// average number of writers busy over the run, against the `--writers` it may use.
//   npx tsx bench/partitioned-batches.ts [--pairs 700000] [--clients 20000] [--batch 10000] [--writers 2] [--us-per-row 20] [--impl path/to/partitioned-batches.ts]
import { parseArgs } from 'node:util';
import path from 'node:path';

const { values } = parseArgs({ options: {
  pairs: { type: 'string', default: '700000' }, clients: { type: 'string', default: '20000' }, hosts: { type: 'string', default: '200000' },
  batch: { type: 'string', default: '10000' }, writers: { type: 'string', default: '2' }, 'us-per-row': { type: 'string', default: '20' },
  impl: { type: 'string', default: '../server/src/importers/pipeline/partitioned-batches.ts' },
} });
const { PartitionedBatches } = await import(path.isAbsolute(values.impl!) ? values.impl! : new URL(values.impl!, import.meta.url).href);
const PAIRS = Number(values.pairs), CLIENTS = Number(values.clients), HOSTS = Number(values.hosts);
const BATCH = Number(values.batch), WRITERS = Number(values.writers), US = Number(values['us-per-row']);

// Pairs per client drawn Zipf-like (s ≈ 0.8, as the heavy-tailed shape's clients), names uniform.
let seed = 7;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const w = Array.from({ length: CLIENTS }, (_, i) => 1 / (i + 1) ** 0.8);
const total = w.reduce((a, b) => a + b, 0);
const perm = Array.from({ length: CLIENTS }, (_, i) => i);
for (let i = CLIENTS - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [perm[i], perm[j]] = [perm[j], perm[i]]; }
const rows: { cid: number; hid: number }[] = [];
for (let c = 0; c < CLIENTS; c++) {
  const n = Math.max(1, Math.round((w[perm[c]] / total) * PAIRS));
  const hs = new Set<number>();
  while (hs.size < Math.min(n, HOSTS)) hs.add(Math.floor(rnd() * HOSTS));
  for (const h of [...hs].sort((a, b) => a - b)) rows.push({ cid: c, hid: h });
}

let busy = 0, busyMs = 0, last = performance.now();
const tick = () => { const now = performance.now(); busyMs += busy * (now - last); last = now; };
const t0 = performance.now();
const p = new PartitionedBatches(Math.max(1, WRITERS), BATCH, WRITERS, { from: 'IP', to: 'Host' }, async (b: { rows: unknown[] }) => {
  tick(); busy++;
  await new Promise((r) => setTimeout(r, (b.rows.length * US) / 1000));
  tick(); busy--;
});
for (const r of rows) await p.add(r.cid, r.hid, r);
await p.finish();
tick();
const wall = performance.now() - t0;
console.log(JSON.stringify({ impl: values.impl, rows: rows.length, batch: BATCH, writers: WRITERS, wallMs: Math.round(wall), writerMs: Math.round(busyMs), busyWriters: +(busyMs / wall).toFixed(2) }));
