import { describe, expect, it } from 'vitest';
import { halveByEdge, newBatch, type EdgeBatch, type EdgeRowMap } from '../../../server/src/importers/pipeline/edge-batch.ts';

const row = (a: string, b: string, n = 1): EdgeRowMap => ({ a, b, n });
const batch = (parts: Partial<Record<'lean' | 'create' | 'merge', EdgeRowMap[]>>): EdgeBatch => {
  const x = { ...newBatch(), ...parts };
  x.size = x.lean.length + x.create.length + x.merge.length;
  return x;
};
const edges = (b: EdgeBatch) => [...b.lean, ...b.create, ...b.merge].map((r) => `${r.a}>${r.b}:${r.n}`).sort();

describe('halveByEdge', () => {
  const rows = Array.from({ length: 9 }, (_, i) => row(`10.0.0.${i % 3}`, `h${i}.example.com`));

  it('cuts at the median edge key, whichever rows were new when the batch was built', () => {
    // The same batch as a first run built it (all new) and as a resumed run may (all known).
    const fresh = halveByEdge(batch({ lean: rows }))!;
    const resumed = halveByEdge(batch({ merge: [...rows].reverse() }))!;
    expect(fresh.map(edges)).toEqual(resumed.map(edges));
    expect(fresh.map((h) => h.size)).toEqual([4, 5]);
    expect(fresh[0].lean.length + fresh[1].lean.length).toBe(9);
    expect(resumed[0].merge.length + resumed[1].merge.length).toBe(9);
  });

  it('keeps every row of one edge on one side, in its order', () => {
    const repeated = [row('1.1.1.1', 'a.com', 1), row('2.2.2.2', 'b.com', 1), row('1.1.1.1', 'a.com', 2), row('3.3.3.3', 'c.com', 1), row('1.1.1.1', 'a.com', 3)];
    const [x, y] = halveByEdge(batch({ merge: repeated }))!;
    const side = [x, y].find((h) => h.merge.some((r) => r.a === '1.1.1.1'))!;
    expect(side.merge.filter((r) => r.a === '1.1.1.1').map((r) => r.n)).toEqual([1, 2, 3]);
    expect([x, y].filter((h) => h.merge.some((r) => r.a === '1.1.1.1'))).toHaveLength(1);
    expect(x.size + y.size).toBe(5);
  });

  it('returns null for a batch of one edge: it cannot be cut', () => {
    expect(halveByEdge(batch({ merge: [row('1.1.1.1', 'a.com', 1), row('1.1.1.1', 'a.com', 2)] }))).toBeNull();
  });

  it('halves again until each part is one edge', () => {
    let parts = [batch({ create: rows })];
    while (parts.some((p) => p.size > 1)) parts = parts.flatMap((p) => (p.size > 1 ? halveByEdge(p)! : [p]));
    expect(parts.map(edges).flat().sort()).toEqual(edges(batch({ create: rows })));
  });
});
