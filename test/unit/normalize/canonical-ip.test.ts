// canonicalIp's IPv6 fast path (Node's URL serializer) must agree with ipaddr.js, which decides
// every address the fast path does not take.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { canonicalIp } from '../../../server/src/importers/normalize/ip.ts';

/** canonicalIp as it was with ipaddr.js alone, for text without brackets or zone. */
function byIpaddr(s: string): string | null {
  if (!ipaddr.IPv6.isValid(s)) return null;
  const v6 = ipaddr.IPv6.parse(s);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toString();
}

// Groups drawn so that zero runs (what `::` compresses) are common.
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 1, max: 15 }));
const spellings = (g: number[]) => {
  const full = g.map((x) => x.toString(16)).join(':');
  const padded = g.map((x) => x.toString(16).padStart(4, '0')).join(':');
  const a = ipaddr.IPv6.parse(full);
  return [full, padded, padded.toUpperCase(), a.toString(), a.toNormalizedString()];
};

describe('canonicalIp (IPv6)', () => {
  it('gives what ipaddr.js gives for every spelling of random addresses', () => {
    fc.assert(fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (g) => {
      for (const s of spellings(g)) expect(canonicalIp(s)).toBe(byIpaddr(s));
    }), { numRuns: 3000 });
  });

  it('folds IPv4-mapped addresses, drops zones and brackets, and refuses what is not an address', () => {
    expect(canonicalIp('::ffff:c000:209')).toBe('192.0.2.9');
    expect(canonicalIp('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(canonicalIp('::')).toBe('::');
    expect(canonicalIp('::1')).toBe('::1');
    expect(canonicalIp('2001:db8::1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:db8:0:1:0:0:0:1')).toBe('2001:db8:0:1::1');
    expect(canonicalIp('2001:db8::1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp('[2001:db8::1]')).toBe('2001:db8::1');
    expect(canonicalIp('::1.2.3.4')).toBe(byIpaddr('::1.2.3.4'));
    for (const bad of ['2001:db8::1::2', 'not:an:ip', ':', '2001:db8:::1', '12345::1', 'g::1']) expect(canonicalIp(bad)).toBeNull();
  });
});
