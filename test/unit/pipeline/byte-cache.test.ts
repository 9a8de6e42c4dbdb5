// The byte-keyed cache behind the Zeek reader: whatever it grows, clears or remembers, a lookup
// gives the value of exactly those bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteCache, decimalMs } from '../../../server/src/importers/normalize/byte-cache.ts';

describe('ByteCache', () => {
  it('returns the value computed for the same bytes, across growth and clears', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z0-9.-]{0,24}$/), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 2, max: 9000 }), (keys, max) => {
      let computed = 0;
      const c = new ByteCache((b, s, e) => { computed++; return b.toString('latin1', s, e); }, max, 4096);
      const buf = Buffer.from(keys.join('\n') + '\n', 'latin1');
      let s = 0;
      for (const k of keys) {
        const e = s + k.length;
        expect(c.get(buf, s, e)).toBe(k);
        expect(c.get(buf, s, e)).toBe(k); // the remembered last entry
        s = e + 1;
      }
      expect(computed).toBeLessThanOrEqual(keys.length * 2);
    }), { numRuns: 100 });
  });

  it('computes each distinct key once while it fits', () => {
    const c = new ByteCache((b, s, e) => ({ key: b.toString('latin1', s, e) }), 1 << 16);
    const keys = Array.from({ length: 20_000 }, (_, i) => `name${i % 7000}.example.com`);
    const buf = Buffer.from(keys.join(''), 'latin1');
    const seen = new Map<string, object>();
    let s = 0;
    for (const k of keys) {
      const v = c.get(buf, s, s + k.length);
      if (seen.has(k)) expect(v).toBe(seen.get(k)); // the very same object: grown, never recomputed
      else seen.set(k, v);
      s += k.length;
    }
    expect(seen.size).toBe(7000);
  });
});

describe('decimalMs', () => {
  const ms = (t: string) => decimalMs(Buffer.from(t), 0, t.length);
  it('reads Zeek epoch times to the millisecond, rounding the fourth digit half up', () => {
    expect(ms('1704067200.009240')).toBe(1704067200009);
    expect(ms('1704067200.0095')).toBe(1704067200010);
    expect(ms('1704067200')).toBe(1704067200000);
    expect(ms('1704067200.5')).toBe(1704067200500);
    for (const bad of ['', '-', 'XXXXXXXXXX.XXXXXX', '1e9', '-5.0', '12.3.4']) expect(ms(bad)).toBeNaN();
  });
});
