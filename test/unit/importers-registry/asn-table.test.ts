import { describe, expect, it } from 'vitest';
import { createAsnTableParser, splitAsDescription } from '../../../server/src/importers/asn/asn-table.ts';
import { collector, keys, props, triples } from './collect.ts';

function run(text: string) {
  const c = collector();
  const p = createAsnTableParser();
  text.split('\n').forEach((l, i) => p.line(l, i + 1, c.sink));
  p.end(c.sink);
  return c;
}

describe('createAsnTableParser (iptoasn TSV)', () => {
  const table = [
    '1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET - Cloudflare, Inc.',
    '1.0.1.0\t1.0.3.255\t0\tNone\tNot routed',
    '1.0.4.0\t1.0.6.255\t38803\tAU\tGTELECOM-AUSTRALIA Gtelecom Pty Ltd',
    '1.0.7.0\t1.0.7.255\t13335\tUS\tCLOUDFLARENET - Cloudflare, Inc.',
    '2001:200::\t2001:200:5ff:ffff:ffff:ffff:ffff:ffff\t2500\tJP\tWIDE-BB - WIDE Project, JP',
    'not-an-ip\t1.2.3.4\t1\tUS\tX',
    '1.2.3.4\t1.2.3.0\t1\tUS\tX',
    '1.2.3.4\t1.2.3.5',
    '16777216\t16777471\t13335\tUS\tCLOUDFLARENET - Cloudflare, Inc.',
  ].join('\n');
  const c = run(table);

  it('emits prefixes per CIDR, ASNs, holder orgs and ANNOUNCED_BY', () => {
    // 2001:200:0000:: – 2001:200:05ff:… is 0x600 × 2^80 addresses: a /38 (0x000–0x3ff) and a /39 (0x400–0x5ff).
    expect(keys(c, 'Prefix')).toEqual(['1.0.0.0/24', '1.0.4.0/23', '1.0.6.0/24', '1.0.7.0/24', '2001:200:400::/39', '2001:200::/38']);
    expect(keys(c, 'ASN')).toEqual(['AS13335', 'AS2500', 'AS38803']);
    expect(keys(c, 'Organization')).toEqual(['cloudflare', 'wide-project']);
    expect(triples(c)).toEqual([
      'ANNOUNCED_BY Prefix:1.0.0.0/24 -> ASN:AS13335',
      'ANNOUNCED_BY Prefix:1.0.4.0/23 -> ASN:AS38803',
      'ANNOUNCED_BY Prefix:1.0.6.0/24 -> ASN:AS38803',
      'ANNOUNCED_BY Prefix:1.0.7.0/24 -> ASN:AS13335',
      'ANNOUNCED_BY Prefix:2001:200:400::/39 -> ASN:AS2500',
      'ANNOUNCED_BY Prefix:2001:200::/38 -> ASN:AS2500',
      'REGISTERED_BY ASN:AS13335 -> Organization:cloudflare',
      'REGISTERED_BY ASN:AS2500 -> Organization:wide-project',
    ]);
    expect(props(c, 'ASN', 'AS13335')).toEqual({ number: 13335, name: 'CLOUDFLARENET', country: 'US' });
    expect(props(c, 'ASN', 'AS38803')).toEqual({ number: 38803, name: 'GTELECOM-AUSTRALIA Gtelecom Pty Ltd', country: 'AU' });
    expect(props(c, 'Organization', 'wide-project')).toEqual({ name: 'WIDE Project', country: 'JP' });
    expect(props(c, 'Prefix', '1.0.6.0/24')).toEqual({ rangeStart: '1.0.4.0', rangeEnd: '1.0.6.255' });
    expect(props(c, 'Prefix', '1.0.0.0/24')).toEqual({});
    expect(props(c, 'Prefix', '2001:200::/38')).toEqual({ rangeStart: '2001:200::', rangeEnd: '2001:200:5ff:ffff:ffff:ffff:ffff:ffff' });
  });

  it('skips AS 0 with a note and rejects bad rows by line', () => {
    expect(c.notes).toEqual(['1 "Not routed" (AS 0) ranges skipped']);
    expect(c.rejects).toEqual([
      { ref: 6, reason: 'range bounds are not IP addresses of one family: not-an-ip - 1.2.3.4' },
      { ref: 7, reason: 'range end 1.2.3.0 is below its start 1.2.3.4' },
      { ref: 8, reason: 'expected 5 tab-separated columns: start, end, AS number, country, description' },
    ]);
  });

  it('splits Cymru-style descriptions', () => {
    expect(splitAsDescription('GOOGLE - Google LLC, US', 'US')).toEqual({ asName: 'GOOGLE', org: 'Google LLC' });
    expect(splitAsDescription('LEVEL3 - Level 3 Parent, LLC', 'US')).toEqual({ asName: 'LEVEL3', org: 'Level 3 Parent, LLC' });
    expect(splitAsDescription('CHINANET-BACKBONE')).toEqual({ asName: 'CHINANET-BACKBONE' });
  });
});
