// The writer's ISO formatter (date part cached per day) must write exactly what
// Date#toISOString writes: provenance arrays compare these strings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoMillis } from '../../../server/src/importers/normalize/time.ts';

describe('isoMillis', () => {
  it('equals Date#toISOString for any millisecond in and around years 0000–9999', () => {
    fc.assert(fc.property(fc.integer({ min: -70_000_000_000_000, max: 260_000_000_000_000 }), (ms) => {
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 20_000 });
  });

  it('stays right when consecutive times fall on the same day (the cached date part)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.array(fc.integer({ min: 0, max: 90_000_000 }), { minLength: 1, maxLength: 20 }), (base, steps) => {
      let ms = base;
      for (const d of steps) { ms += d; expect(isoMillis(ms)).toBe(new Date(ms).toISOString()); }
    }), { numRuns: 2000 });
  });

  it('handles day boundaries, sub-second digits and missing times', () => {
    for (const ms of [0, 1, 999, 1000, 86_399_999, 86_400_000, 1_475_000_000_123, 1_475_000_000_123.6, -1, 253_402_300_799_999, 253_402_300_800_000]) {
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoMillis(NaN)).toBe('');
    expect(isoMillis(Infinity)).toBe('');
  });
});
