// Build + lookup timing for PrefixIndex at ASN-table scale: 500k IPv4 ranges (a mix of
// disjoint blocks and ranges nested inside them, like RIR allocations and their assignments)
// and 1M lookups. Run: npx tsx bench/prefix-index.ts [ranges] [lookups]
import { PrefixIndex } from '../server/src/importers/asn/prefix-index.ts';
import { v4ToText } from '../server/src/importers/normalize/ip-range.ts';

const RANGES = Number(process.argv[2] ?? 500_000);
const LOOKUPS = Number(process.argv[3] ?? 1_000_000);

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x1badf00d;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const starts: number[] = [];
const ends: number[] = [];
const outer = Math.floor(RANGES * 0.6);
for (let i = 0; i < outer; i++) {
  // Disjoint-ish blocks of /16../24 at random places (some overlap by chance, as in real tables).
  const bits = 8 + Math.floor(rand() * 9);
  const size = 2 ** bits;
  const start = Math.floor((rand() * 4294967296) / size) * size;
  starts.push(start);
  ends.push(start + size - 1);
}
for (let i = outer; i < RANGES; i++) {
  // Nested: a random sub-range of an existing block, not necessarily CIDR-aligned.
  const p = Math.floor(rand() * outer);
  const span = ends[p] - starts[p] + 1;
  const a = starts[p] + Math.floor(rand() * span);
  const b = a + Math.floor(rand() * (starts[p] + span - a));
  starts.push(a);
  ends.push(b);
}
const ipNums = new Uint32Array(LOOKUPS);
for (let i = 0; i < LOOKUPS; i++) {
  // Half the lookups aimed inside known ranges, half anywhere.
  if (i & 1) ipNums[i] = Math.floor(rand() * 4294967296);
  else {
    const r = Math.floor(rand() * RANGES);
    ipNums[i] = starts[r] + Math.floor(rand() * (ends[r] - starts[r] + 1));
  }
}
const ipTexts = Array.from(ipNums, v4ToText);
const rangeTexts = starts.map((s, i) => [v4ToText(s), v4ToText(ends[i])]);

const idx = new PrefixIndex();
let t0 = performance.now();
for (let i = 0; i < RANGES; i++) idx.add(rangeTexts[i][0], rangeTexts[i][1], `r${i}`);
const tAdd = performance.now() - t0;
t0 = performance.now();
idx.build();
const tBuild = performance.now() - t0;

t0 = performance.now();
let hits = 0;
for (let i = 0; i < LOOKUPS; i++) if (idx.lookup(ipTexts[i]) !== null) hits++;
const tLookText = performance.now() - t0;

t0 = performance.now();
let hits2 = 0;
for (let i = 0; i < LOOKUPS; i++) if (idx.lookupV4(ipNums[i]) !== null) hits2++;
const tLookNum = performance.now() - t0;

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`ranges ${RANGES}, segments ${idx.segmentCount}, lookups ${LOOKUPS} (hits ${hits}/${hits2})`);
console.log(`add (text) ${ms(tAdd)}, build ${ms(tBuild)}`);
console.log(`lookup text ${ms(tLookText)} (${((LOOKUPS / tLookText) * 1000 / 1e6).toFixed(1)} M/s), lookup number ${ms(tLookNum)}`);
console.log(`total in-memory (add + build + 1M text lookups): ${ms(tAdd + tBuild + tLookText)}`);
