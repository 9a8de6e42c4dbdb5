import { describe, expect, it } from 'vitest';
import { CREATED, KeyTable } from '../../../server/src/importers/pipeline/key-table.ts';

describe('KeyTable', () => {
  it('takes loaded keys as ids in order, finds them by key later, and interns new ones after them', () => {
    const t = new KeyTable();
    const keys = Array.from({ length: 3000 }, (_, i) => `host${String(i).padStart(4, '0')}.example`);
    t.load(keys);
    expect(t.size).toBe(3000);
    expect(t.keys[1234]).toBe('host1234.example');
    expect(t.takeNew()).toEqual([]);
    expect(t.id('host2999.example')).toBe(2999);
    expect(t.id('absent.example')).toBeUndefined();
    t.flag(2999, CREATED);
    expect(t.is(2999, CREATED)).toBe(true);
    expect(t.is(0, CREATED)).toBe(false);
    expect(t.intern('host0007.example')).toBe(7);
    expect(t.intern('new.example')).toBe(3000);
    t.flag(3000, CREATED);
    expect([t.id('new.example'), t.is(3000, CREATED), t.takeNew()]).toEqual([3000, true, [3000]]);
  });

  it('refuses to load into a table that holds keys', () => {
    const t = new KeyTable();
    t.intern('a.example');
    expect(() => t.load(['b.example'])).toThrow(/empty/);
  });
});
