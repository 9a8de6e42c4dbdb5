// A tiny seeded PRNG for synthetic demo data. Written here because the generator needs
// byte-identical output for a seed across platforms and versions, which a dependency's
// internals would not promise, and mulberry32 is ten lines.

export type Rng = () => number;

/** mulberry32: 32-bit state, uniform floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [lo, hi] inclusive. */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** Standard normal (Box–Muller). */
export function gauss(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Index drawn with probability proportional to weights. */
export function weighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Split `total` into integers proportional to `weights`, each at least `min[i]`, summing exactly
 * to `total` (largest remainder). Throws when the minimums alone exceed the total.
 */
export function apportion(total: number, weights: readonly number[], min: readonly number[]): number[] {
  const floor = min.reduce((a, b) => a + b, 0);
  if (floor > total) throw new Error(`minimums ${floor} exceed total ${total}`);
  const extra = total - floor;
  const wsum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (extra * w) / wsum);
  const out = exact.map((x, i) => min[i] + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}
