import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrefixIndex } from '../../../server/src/importers/asn/prefix-index.ts';
import { v4ToText, v4RangeToCidrs, rangeToCidrs, normalizeCidr } from '../../../server/src/importers/normalize/ip-range.ts';

describe('PrefixIndex', () => {
  const idx = new PrefixIndex();
  idx.add('10.0.0.0', '10.255.255.255', '10.0.0.0/8');
  idx.add('10.1.0.0', '10.1.255.255', '10.1.0.0/16');
  idx.add('10.1.2.0', '10.1.2.255', '10.1.2.0/24');
  idx.add('192.168.0.0', '192.168.0.127', '192.168.0.0/25');
  idx.add('192.168.0.128', '192.168.0.255', '192.168.0.128/25');
  idx.add('0.0.0.0', '0.0.0.0', '0.0.0.0/32');
  idx.add('255.255.255.255', '255.255.255.255', '255.255.255.255/32');
  idx.add('2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32');
  idx.add('2001:db8:1::', '2001:db8:1:ffff:ffff:ffff:ffff:ffff', '2001:db8:1::/48');
  idx.add('::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::/0');
  idx.build();

  it.each([
    ['10.0.0.1', '10.0.0.0/8'],
    ['10.1.0.0', '10.1.0.0/16'],
    ['10.1.1.255', '10.1.0.0/16'],
    ['10.1.2.0', '10.1.2.0/24'],
    ['10.1.2.255', '10.1.2.0/24'],
    ['10.1.3.0', '10.1.0.0/16'],
    ['10.2.0.0', '10.0.0.0/8'],
    ['10.255.255.255', '10.0.0.0/8'],
    ['11.0.0.0', null],
    ['9.255.255.255', null],
    ['192.168.0.127', '192.168.0.0/25'],
    ['192.168.0.128', '192.168.0.128/25'],
    ['0.0.0.0', '0.0.0.0/32'],
    ['255.255.255.255', '255.255.255.255/32'],
    ['2001:db8::1', '2001:db8::/32'],
    ['2001:db8:1:abcd::1', '2001:db8:1::/48'],
    ['2001:db8:2::', '2001:db8::/32'],
    ['2001:db9::', '::/0'],
    ['::1', '::/0'],
    ['not an ip', null],
  ])('%s → %s', (ip, key) => expect(idx.lookup(ip)).toBe(key));

  it('later duplicates of the same range win; bad bounds are refused', () => {
    const i = new PrefixIndex();
    expect(i.add('1.1.1.0', '1.1.1.255', 'first')).toBe(true);
    expect(i.add('1.1.1.0', '1.1.1.255', 'second')).toBe(true);
    expect(i.add('1.1.1.9', '1.1.1.0', 'reversed')).toBe(false);
    expect(i.add('1.1.1.0', '::1', 'mixed')).toBe(false);
    i.build();
    expect(i.lookup('1.1.1.1')).toBe('second');
  });

  it('an empty index finds nothing', () => {
    const i = new PrefixIndex();
    i.build();
    expect(i.lookup('1.2.3.4')).toBeNull();
    expect(i.lookup('::1')).toBeNull();
  });

  it('matches a brute-force scan for random overlapping IPv4 ranges (smallest range, later on ties)', () => {
    // A narrow address window makes nesting, touching and partial overlap common.
    const range = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 80 })).map(([s, l]) => [0x0a000000 + s, 0x0a000000 + s + l] as const);
    fc.assert(
      fc.property(fc.array(range, { minLength: 0, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }), (ranges, probes) => {
        const i = new PrefixIndex();
        ranges.forEach(([s, e], k) => i.add(v4ToText(s), v4ToText(e), `r${k}`));
        i.build();
        for (const p of probes) {
          const ip = 0x0a000000 + p;
          let best = -1;
          ranges.forEach(([s, e], k) => {
            if (s <= ip && ip <= e && (best < 0 || e - s <= ranges[best][1] - ranges[best][0])) best = k;
          });
          expect(i.lookup(v4ToText(ip))).toBe(best < 0 ? null : `r${best}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches a brute-force scan for random IPv6 ranges', () => {
    const base = 0x20010db8n << 96n;
    const range = fc.tuple(fc.bigInt({ min: 0n, max: 1n << 70n }), fc.bigInt({ min: 0n, max: 1n << 68n })).map(([s, l]) => [base + s, base + s + l] as const);
    const text = (v: bigint) => v.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
    fc.assert(
      fc.property(fc.array(range, { maxLength: 25 }), fc.array(fc.bigInt({ min: 0n, max: 1n << 71n }), { minLength: 1, maxLength: 20 }), (ranges, probes) => {
        const i = new PrefixIndex();
        ranges.forEach(([s, e], k) => i.add(text(s), text(e), `r${k}`));
        i.build();
        for (const p of probes) {
          const ip = base + p;
          let best = -1;
          ranges.forEach(([s, e], k) => {
            if (s <= ip && ip <= e && (best < 0 || e - s <= ranges[best][1] - ranges[best][0])) best = k;
          });
          expect(i.lookup(text(ip))).toBe(best < 0 ? null : `r${best}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('range → CIDR', () => {
  it('exact cases', () => {
    expect(rangeToCidrs('108.000.000.000', '108.057.255.255')).toEqual(['108.0.0.0/11', '108.32.0.0/12', '108.48.0.0/13', '108.56.0.0/15']);
    expect(rangeToCidrs('196.11.239.0', '196.11.246.255')).toEqual(['196.11.239.0/24', '196.11.240.0/22', '196.11.244.0/23', '196.11.246.0/24']);
    expect(rangeToCidrs('0.0.0.0', '255.255.255.255')).toEqual(['0.0.0.0/0']);
    expect(rangeToCidrs('::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(['::/0']);
    expect(rangeToCidrs('1.2.3.4', '1.2.3.3')).toBeNull();
    expect(normalizeCidr('200.57.128/19')).toBe('200.57.128.0/19');
    expect(normalizeCidr('2001:0240:010c::/48')).toBe('2001:240:10c::/48');
    expect(normalizeCidr('62.239.237.5/24')).toBe('62.239.237.0/24');
    expect(normalizeCidr('1.2.3.4/33')).toBeNull();
  });

  it('CIDRs tile the range exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4294967295 }), fc.integer({ min: 0, max: 5_000_000 }), (s, l) => {
        const e = Math.min(4294967295, s + l);
        let next = s;
        for (const c of v4RangeToCidrs(s, e)) {
          const [a, len] = c.split('/');
          const [o1, o2, o3, o4] = a.split('.').map(Number);
          const start = o1 * 16777216 + o2 * 65536 + o3 * 256 + o4;
          const size = 2 ** (32 - Number(len));
          expect(start).toBe(next);
          expect(start % size).toBe(0);
          next = start + size;
        }
        expect(next).toBe(e + 1);
      }),
    );
  });
});
