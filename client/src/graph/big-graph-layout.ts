// The first layout of a big graph (thousands of nodes): Pivot MDS (Brandes & Pich, "Eigensolver
// methods for progressive multidimensional scaling of large data", 2006) per connected component,
// the components packed in rows. It is the spectral step fcose runs as its "draft" quality, over
// typed arrays instead of Cytoscape collections: measured in Node on the UI benchmark's graph,
// fcose draft took 5.9–10.6 s for 10k nodes / 20k edges, ~70 % of it in its component search and
// BFS over collections (1,247 components there), and graphology's ForceAtlas2 6.1 s for 100
// iterations; this takes well under a second (BENCHMARKS.md, "Front end").

export interface LayoutInput {
  /** Number of nodes; nodes are 0 … n-1. */
  n: number;
  /** Edge end points, pairs of node indices (self-loops and repeats allowed). */
  edges: Int32Array;
  /** Wanted edge length in model units. */
  edgeLength?: number;
}

export interface LayoutOutput { x: Float64Array; y: Float64Array }

const PIVOTS = 50;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/** Positions for every node: each component by Pivot MDS, components packed largest first. */
export function bigGraphLayout(input: LayoutInput): LayoutOutput {
  const { n, edges } = input;
  const len = input.edgeLength ?? 80;
  const adj = csr(n, edges);
  const comps = components(n, adj);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const boxes: { nodes: Int32Array; w: number; h: number }[] = [];
  // A node's index within its component (components do not overlap, so one array serves all).
  const local = new Int32Array(n);
  for (const nodes of comps) {
    nodes.forEach((v, i) => { local[v] = i; });
    placeComponent(nodes, adj, local, len, x, y);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const v of nodes) { x0 = Math.min(x0, x[v]); y0 = Math.min(y0, y[v]); x1 = Math.max(x1, x[v]); y1 = Math.max(y1, y[v]); }
    for (const v of nodes) { x[v] -= x0; y[v] -= y0; }
    boxes.push({ nodes, w: x1 - x0 + len, h: y1 - y0 + len });
  }
  // Shelf packing: rows about as wide as the whole area is tall.
  const rowWidth = Math.sqrt(boxes.reduce((s, b) => s + b.w * b.h, 0)) * 1.2;
  let cx = 0, cy = 0, rowH = 0;
  for (const b of boxes) {
    if (cx > 0 && cx + b.w > rowWidth) { cx = 0; cy += rowH; rowH = 0; }
    for (const v of b.nodes) { x[v] += cx; y[v] += cy; }
    cx += b.w;
    rowH = Math.max(rowH, b.h);
  }
  return { x, y };
}

interface Csr { start: Int32Array; to: Int32Array }

function csr(n: number, edges: Int32Array): Csr {
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < edges.length; i += 2) if (edges[i] !== edges[i + 1]) { deg[edges[i]]++; deg[edges[i + 1]]++; }
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v] + deg[v];
  const fill = start.slice(0, n);
  const to = new Int32Array(start[n]);
  for (let i = 0; i < edges.length; i += 2) {
    const a = edges[i], b = edges[i + 1];
    if (a === b) continue;
    to[fill[a]++] = b;
    to[fill[b]++] = a;
  }
  return { start, to };
}

/** Connected components, largest first, each as its node indices. */
export function components(n: number, adj: Csr): Int32Array[] {
  const comp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const out: Int32Array[] = [];
  for (let s = 0; s < n; s++) {
    if (comp[s] >= 0) continue;
    let head = 0, tail = 0;
    queue[tail++] = s;
    comp[s] = out.length;
    while (head < tail) {
      const v = queue[head++];
      for (let e = adj.start[v]; e < adj.start[v + 1]; e++) {
        const w = adj.to[e];
        if (comp[w] < 0) { comp[w] = out.length; queue[tail++] = w; }
      }
    }
    out.push(queue.slice(0, tail));
  }
  return out.sort((a, b) => b.length - a.length);
}

function placeComponent(nodes: Int32Array, adj: Csr, local: Int32Array, len: number, x: Float64Array, y: Float64Array): void {
  const m = nodes.length;
  if (m <= 3) {
    for (let i = 0; i < m; i++) { x[nodes[i]] = len * Math.cos((2 * Math.PI * i) / m); y[nodes[i]] = len * Math.sin((2 * Math.PI * i) / m); }
    return;
  }
  const k = Math.min(PIVOTS, m);
  const dist = new Float64Array(m * k); // row i: distances of node i to each pivot
  const minD = new Float64Array(m).fill(Infinity);
  const queue = new Int32Array(m);
  const seen = new Int32Array(m).fill(-1);
  // First pivot: the node of highest degree; then each next one the farthest from those chosen.
  let pivot = 0;
  for (let i = 1; i < m; i++) if (degree(adj, nodes[i]) > degree(adj, nodes[pivot])) pivot = i;
  for (let p = 0; p < k; p++) {
    let head = 0, tail = 0;
    queue[tail++] = pivot;
    seen[pivot] = p;
    dist[pivot * k + p] = 0;
    while (head < tail) {
      const i = queue[head++];
      const v = nodes[i];
      const d = dist[i * k + p];
      for (let e = adj.start[v]; e < adj.start[v + 1]; e++) {
        const j = local[adj.to[e]];
        if (seen[j] !== p) { seen[j] = p; dist[j * k + p] = d + 1; queue[tail++] = j; }
      }
    }
    let far = 0;
    for (let i = 0; i < m; i++) {
      minD[i] = Math.min(minD[i], dist[i * k + p]);
      if (minD[i] > minD[far]) far = i;
    }
    pivot = far;
  }
  // Double-centred squared distances C (m × k).
  const colMean = new Float64Array(k);
  const rowMean = new Float64Array(m);
  let all = 0;
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const d2 = dist[i * k + p] ** 2;
      dist[i * k + p] = d2;
      rowMean[i] += d2 / k;
      colMean[p] += d2 / m;
      all += d2 / (m * k);
    }
  }
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) dist[i * k + p] = -0.5 * (dist[i * k + p] - rowMean[i] - colMean[p] + all);
  // B = CᵀC (k × k); its two leading eigenvectors by power iteration with deflation.
  const B = new Float64Array(k * k);
  for (let i = 0; i < m; i++) {
    const row = i * k;
    for (let a = 0; a < k; a++) {
      const ca = dist[row + a];
      if (ca === 0) continue;
      for (let b = a; b < k; b++) B[a * k + b] += ca * dist[row + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) B[a * k + b] = B[b * k + a];
  const v1 = leadingVector(B, k, null);
  const v2 = leadingVector(B, k, v1);
  for (let i = 0; i < m; i++) {
    let sx = 0, sy = 0;
    for (let p = 0; p < k; p++) { sx += dist[i * k + p] * v1[p]; sy += dist[i * k + p] * v2[p]; }
    x[nodes[i]] = sx;
    y[nodes[i]] = sy;
  }
  scaleToEdgeLength(nodes, adj, len, x, y);
  // Nodes with the same distances to every pivot (leaves of one parent) land on one point: spread
  // each around where it landed, a fraction of an edge away.
  for (let i = 0; i < m; i++) {
    const a = i * GOLDEN, r = len * 0.35 * Math.sqrt((i % 16) / 16);
    x[nodes[i]] += r * Math.cos(a);
    y[nodes[i]] += r * Math.sin(a);
  }
}

function degree(adj: Csr, v: number): number {
  return adj.start[v + 1] - adj.start[v];
}

/** The unit eigenvector of the largest eigenvalue of symmetric B (k × k), orthogonal to `not`. */
function leadingVector(B: Float64Array, k: number, not: Float64Array | null): Float64Array {
  let v = new Float64Array(k);
  for (let a = 0; a < k; a++) v[a] = 1 + ((a * 7919) % 13) / 13; // deterministic, not symmetric
  for (let iter = 0; iter < 100; iter++) {
    if (not) { const d = dot(v, not); for (let a = 0; a < k; a++) v[a] -= d * not[a]; }
    const w = new Float64Array(k);
    for (let a = 0; a < k; a++) { let s = 0; for (let b = 0; b < k; b++) s += B[a * k + b] * v[b]; w[a] = s; }
    const norm = Math.sqrt(dot(w, w)) || 1;
    for (let a = 0; a < k; a++) w[a] /= norm;
    const change = 1 - Math.abs(dot(v, w) / (Math.sqrt(dot(v, v)) || 1));
    v = w;
    if (change < 1e-9) break;
  }
  return v;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Scale a component so that its median edge is `len` long. */
function scaleToEdgeLength(nodes: Int32Array, adj: Csr, len: number, x: Float64Array, y: Float64Array): void {
  const lengths: number[] = [];
  for (const v of nodes) {
    for (let e = adj.start[v]; e < adj.start[v + 1] && lengths.length < 20_000; e++) {
      const w = adj.to[e];
      if (w > v) lengths.push(Math.hypot(x[v] - x[w], y[v] - y[w]));
    }
  }
  lengths.sort((a, b) => a - b);
  const median = lengths[lengths.length >> 1] || 1;
  const f = len / median;
  for (const v of nodes) { x[v] *= f; y[v] *= f; }
}
