// One edge-write transaction's rows, and how a batch too big for one transaction is cut in two.

export type EdgeRowMap = Record<string, unknown>;

/**
 * One transaction's rows: `lean` new lookup edges (QUERIED_CREATE_CYPHER), `create` other edges
 * that cannot exist yet, `merge` the rest. Which row goes where is decided when the batch is
 * built; the batch's size and key do not depend on it, so a re-run after a crash skips the same
 * batches even where it merges what the first run created.
 */
export interface EdgeBatch { lean: EdgeRowMap[]; create: EdgeRowMap[]; merge: EdgeRowMap[]; size: number }

export const newBatch = (): EdgeBatch => ({ lean: [], create: [], merge: [], size: 0 });

/** The edge a row writes: its two end keys. Rows of one edge share a transaction and a round. */
export const edgeOf = (r: EdgeRowMap): string => `${r.a}\t${r.b}`;

/**
 * Two halves of a batch, cut at the median edge key: the cut depends only on the batch's edges
 * (not on which rows were new when it was built), and every row of one edge stays on one side.
 * Null when the batch holds one edge only.
 */
export function halveByEdge(b: EdgeBatch): [EdgeBatch, EdgeBatch] | null {
  const keys = [...new Set([...b.lean, ...b.create, ...b.merge].map(edgeOf))].sort();
  if (keys.length < 2) return null;
  const pivot = keys[keys.length >> 1];
  const out: [EdgeBatch, EdgeBatch] = [newBatch(), newBatch()];
  for (const part of ['lean', 'create', 'merge'] as const) {
    for (const r of b[part]) {
      const half = out[edgeOf(r) < pivot ? 0 : 1];
      half[part].push(r);
      half.size++;
    }
  }
  return out;
}
