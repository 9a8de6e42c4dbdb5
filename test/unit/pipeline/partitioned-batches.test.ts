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

  it('keeps both writers busy when rows come ordered by from-node, as the engine hands them over', async () => {
    // Clients in id order, a few names each: the next batch to fill mostly shares the running
    // batch's from-residue. A writer takes any queued batch it may run (0.25 of starts overlapped
    // another when only the oldest could start; 0.85 with the queue).
    let seed = 3;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const rows: Row[] = [];
    for (let a = 0; a < 60; a++) for (let j = 1 + Math.floor(rnd() * 12); j > 0; j--) rows.push({ a, b: Math.floor(rnd() * 1000), i: rows.length });
    let running = 0, overlapped = 0, starts = 0;
    const p = new PartitionedBatches<Row>(2, 5, 2, { from: 'IP', to: 'Host' }, async () => {
      starts++;
      if (running) overlapped++;
      running++;
      await new Promise((r) => setTimeout(r, 2));
      running--;
    });
    for (const r of rows) await p.add(r.a, r.b, r);
    await p.finish();
    expect(overlapped / starts).toBeGreaterThan(0.6);
  });

  it('stops starting batches after one fails and rejects with that failure', async () => {
    let started = 0;
    const p = new PartitionedBatches<Row>(2, 2, 2, { from: 'IP', to: 'Host' }, async (b) => {
      started++;
      await new Promise((r) => setTimeout(r, 1));
      if (b.cell === 0 && b.seq === 0) throw new Error('write failed');
    });
    const add = async () => { for (let i = 0; i < 200; i++) await p.add(i % 4, i % 3, { a: i % 4, b: i % 3, i }); await p.finish(); };
    await expect(add()).rejects.toThrow('write failed');
    await p.settle();
    expect(started).toBeLessThan(100);
  });
});
