// Bounded memo for nameKey/canonicalIp: DNS logs repeat a small set of names and clients (Zipf),
// and normalizeName (regex per label, possible punycode) dominates the per-line cost otherwise.
import { nameKey, fastKey } from './names.ts';
import { canonicalIp, isCanonicalV4 } from './ip.ts';

export type Normalizer = (raw: string) => string | null;

/**
 * Wrap a normalizer with a Map cache. When the cache is full it is cleared rather than evicted
 * one by one: cheaper than LRU bookkeeping, and the hot names come back within a few lines.
 */
export function cached(fn: Normalizer, max = 50_000): Normalizer {
  let m = new Map<string, string | null>();
  return (raw: string) => {
    let v = m.get(raw);
    if (v !== undefined) return v;
    v = fn(raw);
    if (m.size >= max) m = new Map();
    m.set(raw, v);
    return v;
  };
}

/**
 * Fresh per-parser caches (parsers hold no global state). Plain lower-case names and dotted
 * quads are checked by a single scan that returns the input itself, which is cheaper than
 * hashing the string for a Map lookup; only the rest (IDN, upper case, IPv6) goes to the cache.
 */
export function makeNormalizers(): { name: Normalizer; ip: Normalizer } {
  const slowName = cached(nameKey, 100_000);
  const slowIp = cached(canonicalIp, 100_000);
  return {
    name: (raw) => fastKey(raw) ?? slowName(raw),
    ip: (raw) => (isCanonicalV4(raw) ? raw : slowIp(raw)),
  };
}
