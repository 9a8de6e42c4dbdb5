// `?bench=5000&edges=10000`: a synthetic graph built in the page, added in one batch, laid out and
// drawn; the timings land in window.__bench (bench/ui/run-bench.ts reads them).
import type { Canvas } from './graph/canvas.ts';
import type { GEdge, GNode } from './api/model.ts';
import { KINDS } from './api/model.ts';

export interface BenchResult { nodes: number; edges: number; buildMs: number; addMs: number; layoutMs: number; drawMs: number; totalMs: number; layout: string }

export function syntheticGraph(n: number, m: number, seed = 7): { nodes: GNode[]; edges: GEdge[] } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const nodes: GNode[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % 7];
    nodes.push({ id: `${kind}:n${i}`, kind, key: `n${i}`, name: `n${i}` });
  }
  const types = ['QUERIED', 'RESOLVES_TO', 'CONTROLS', 'SUBDOMAIN_OF', 'IN_PREFIX'];
  const edges: GEdge[] = [];
  // Clustered: most edges stay within a community of ~50 nodes, like real neighbourhoods.
  for (let j = 0; j < m; j++) {
    const a = Math.floor(rnd() * n);
    const near = rnd() < 0.9;
    const b = near ? Math.min(n - 1, Math.floor(a / 50) * 50 + Math.floor(rnd() * 50)) : Math.floor(rnd() * n);
    if (a === b) { j--; continue; }
    edges.push({ id: `e${j}`, type: types[j % types.length], source: nodes[a].id, target: nodes[b].id, confidence: rnd() < 0.2 ? 40 : 90, count: j % 5 === 0 ? Math.floor(rnd() * 300) : null });
  }
  return { nodes, edges };
}

export async function runBench(canvas: Canvas, n = 5000, m = n * 2): Promise<BenchResult> {
  const t0 = performance.now();
  const g = syntheticGraph(n, m);
  const t1 = performance.now();
  canvas.addSubgraph(g, { record: false, layout: false });
  const t2 = performance.now();
  canvas.runLayout();
  const t3 = performance.now();
  await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const t4 = performance.now();
  const res: BenchResult = { nodes: canvas.cy.nodes().length, edges: canvas.cy.edges().length, buildMs: t1 - t0, addMs: t2 - t1, layoutMs: t3 - t2, drawMs: t4 - t3, totalMs: t4 - t0, layout: canvas.layoutName };
  (window as unknown as { __bench: BenchResult }).__bench = res;
  document.body.dataset.bench = 'done';
  return res;
}
