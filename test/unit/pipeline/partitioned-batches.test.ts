// Edge batches partitioned by node id: every row written exactly once, batches cut the same way
// whatever the timing, never two batches at once that share an end node (by kind and residue).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PartitionedBatches, type CellBatch } from '../../../server/src/importers/pipeline/partitioned-batches.ts';

type Row = { a: number; b: number; i: number };

async function runAll(rows: Row[], k: number, size: number, writers: number, kinds: { from: string; to: string }, delays: number[]) {
  const running = new Set<CellBatch<Row>>();
  const seen: string[] = [];
  let clash = false;
  let maxConcurrent = 0;
  let n = 0;
  const p = new PartitionedBatches<Row>(k, size, writers, kinds, async (b) => {
    for (const r of running) {
      const ends = (x: CellBatch<Row>) => x.rows.flatMap((r2) => [`${kinds.from}:${r2.a}`, `${kinds.to}:${r2.b}`]);
      const mine = new Set(ends(b));
      if (ends(r).some((e) => mine.has(e))) clash = true;
    }
    running.add(b);
    maxConcurrent = Math.max(maxConcurrent, running.size);
    await new Promise((r) => setTimeout(r, delays[n++ % delays.length]));
    running.delete(b);
    seen.push(`${b.cell}.${b.seq}:${b.rows.map((r) => r.i).join(',')}`);
  });
  for (const r of rows) await p.add(r.a, r.b, r);
  await p.finish();
  return { seen: seen.sort(), clash, maxConcurrent };
}

describe('PartitionedBatches', () => {
  it('writes each row once, in the same batches whatever the timing, and never lets batches sharing a node overlap', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { maxLength: 120 }),
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 7 }), fc.boolean(),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
      async (pairs, k, size, sameKind, delays) => {
        const rows = pairs.map(([a, b], i) => ({ a, b, i }));
        const kinds = sameKind ? { from: 'Host', to: 'Host' } : { from: 'IP', to: 'Host' };
        const x = await runAll(rows, k, size, k, kinds, delays);
        const y = await runAll(rows, k, size, k, kinds, [0]);
        expect(x.clash).toBe(false);
        expect(x.seen).toEqual(y.seen);
        const written = x.seen.flatMap((s) => s.split(':')[1].split(',').filter(Boolean).map(Number)).sort((p, q) => p - q);
        expect(written).toEqual(rows.map((r) => r.i));
      },
    ), { numRuns: 60 });
  });

  it('runs disjoint cells at once (k writers busy), so partitioning does not serialise the writes', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ a: i, b: i, i }));
    const r = await runAll(rows, 2, 50, 2, { from: 'IP', to: 'Host' }, [5]);
    expect(r.maxConcurrent).toBe(2);
    expect(r.clash).toBe(false);
  });
});
