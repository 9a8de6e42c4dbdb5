// Time window arithmetic: lookup edges that still carry a 15-minute histogram (written with
// INFRAGRAPH_IMPORT_LEAN_LOOKUPS=0) are counted here; lean ones by the server (docs/model.md, "Lookups").
export interface TimeWindow {
  from: number | null; // epoch ms, inclusive
  to: number | null;
}

export const BUCKET_MS = 900_000;

/** Lookups whose 15-minute bucket starts inside [from, to]; repeated bucket numbers add up. */
export function windowCount(buckets: number[], counts: number[] | undefined, from: number | null, to: number | null): number {
  let sum = 0;
  for (let i = 0; i < buckets.length; i++) {
    const t = buckets[i] * BUCKET_MS;
    if (from !== null && t < from) continue;
    if (to !== null && t > to) continue;
    sum += counts?.[i] ?? 1;
  }
  return sum;
}

/**
 * Edge width on a log scale: each tenfold count adds 3 px (8 → 4 px, 714 → 10 px, 2,820 → 12 px),
 * so widths never saturate; the exact count is the edge's label.
 */
export function lookupWidth(count: number): number {
  return count <= 0 ? 0.5 : 1.5 + 3 * Math.log10(1 + count);
}

/** 2820 → "2,820": counts as an investigator reads them. */
export function countLabel(count: number): string {
  return count > 0 ? count.toLocaleString('en-US') : '';
}
