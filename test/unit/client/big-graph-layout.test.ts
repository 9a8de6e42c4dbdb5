// The big-graph layout: finite positions for every node, components kept apart, linked nodes
// closer than unlinked ones, and the same picture for the same graph.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigGraphLayout } from '../../../client/src/graph/big-graph-layout.ts';

const dist = (r: { x: Float64Array; y: Float64Array }, a: number, b: number) => Math.hypot(r.x[a] - r.x[b], r.y[a] - r.y[b]);

describe('bigGraphLayout', () => {
  it('places every node of any graph at a finite position, deterministically', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 120 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 300 }))),
      ([n, pairs]) => {
        const edges = Int32Array.from(pairs.flat());
        const a = bigGraphLayout({ n, edges });
        const b = bigGraphLayout({ n, edges });
        for (let i = 0; i < n; i++) {
          expect(Number.isFinite(a.x[i]) && Number.isFinite(a.y[i])).toBe(true);
        }
        expect([...a.x, ...a.y]).toEqual([...b.x, ...b.y]);
      }), { numRuns: 200 });
  });

  it('keeps two rings apart and their members near each other', () => {
    // Two rings of 40 nodes, no edge between them.
    const pairs: number[] = [];
    for (const base of [0, 40]) for (let i = 0; i < 40; i++) pairs.push(base + i, base + ((i + 1) % 40));
    const r = bigGraphLayout({ n: 80, edges: Int32Array.from(pairs), edgeLength: 80 });
    let within = 0, across = Infinity;
    for (let i = 0; i < 40; i++) within = Math.max(within, dist(r, i, (i + 1) % 40));
    for (let i = 0; i < 40; i++) for (let j = 40; j < 80; j++) across = Math.min(across, dist(r, i, j));
    expect(across).toBeGreaterThan(40); // packed side by side, with a gap
    expect(within).toBeLessThan(4 * 80); // a ring, not a scatter
  });

  it('draws a path as a line: the ends are the farthest pair', () => {
    const n = 30;
    const pairs: number[] = [];
    for (let i = 0; i + 1 < n; i++) pairs.push(i, i + 1);
    const r = bigGraphLayout({ n, edges: Int32Array.from(pairs) });
    const ends = dist(r, 0, n - 1);
    for (let i = 1; i + 1 < n; i++) expect(dist(r, 0, i)).toBeLessThan(ends);
  });
});
