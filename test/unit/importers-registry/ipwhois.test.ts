import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIpwhoisJson } from '../../../server/src/importers/asn/ipwhois.ts';
import { conformanceFile, hasConformance } from '../../support/conformance.ts';
import { collector, edgesOf, keys, props, triples } from './collect.ts';

function run(text: string) {
  const c = collector();
  parseIpwhoisJson(text, c.sink, {});
  return c;
}
const TESPOK = 'telecommunication-sevice-providers-association-of-kenya-tespok';

describe.skipIf(!hasConformance)('parseIpwhoisJson on ipwhois/tests/whois.json', () => {
  const c = hasConformance ? run(readFileSync(conformanceFile('asn_ip/ipwhois__tests_whois.json'), 'utf8')) : collector();

  it('nodes', () => {
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'IP')).toEqual([
      '196.11.240.215', '200.57.141.161', '2001:240:10c:1::ca20:9d1d', '2001:43f8:7b0::', '2001:4860:4860::8888',
      '210.107.73.73', '2801:10:c000::', '2a00:2381:ffff::1', '62.239.237.1', '74.125.225.229',
    ]);
    // LACNIC's asn "NA" gives no ASN; AS2856 appears in asn_data and as route origin.
    expect(keys(c, 'ASN')).toEqual(['AS12091', 'AS15169', 'AS19373', 'AS2497', 'AS2856', 'AS37578', 'AS3786']);
    expect(keys(c, 'Prefix')).toEqual([
      '196.0.0.0/8', '196.11.239.0/24', '196.11.240.0/22', '196.11.240.0/23', '196.11.244.0/23', '196.11.246.0/24',
      '200.57.128.0/19', '200.57.128.0/20', '2001:240:10c::/48', '2001:240::/32', '2001:4200::/23', '2001:43f8:7b0::/48',
      '2001:4860::/32', '210.106.224.0/19', '210.107.0.0/17', '2801:10:c000::/48', '2a00:2380::/25', '2a00:2381:ffff::/64',
      '62.239.0.0/16', '62.239.237.0/24', '74.125.0.0/16', '74.125.225.0/24',
    ]);
    // RIPE descr "UDC" and "BT World IPv6 Launch" do not read as organization names: no holder.
    expect(keys(c, 'Organization')).toEqual([
      'dacom', 'google', 'internet-initiative-japan', 'japan-network-information-center', 'lg-dacom', 'mtn', TESPOK,
      'triara-com-s-a-de-c-v', 'universidad-catolica-de-oriente',
    ]);
    expect(keys(c, 'Person')).toEqual(['juan-diego-garca-muoz', 'nicolas-calderon-lopez']);
  });

  it('edges', () => {
    expect(triples(c)).toEqual([
      'ALLOCATED_TO Prefix:196.11.239.0/24 -> Organization:mtn',
      'ALLOCATED_TO Prefix:196.11.240.0/22 -> Organization:mtn',
      'ALLOCATED_TO Prefix:196.11.244.0/23 -> Organization:mtn',
      'ALLOCATED_TO Prefix:196.11.246.0/24 -> Organization:mtn',
      'ALLOCATED_TO Prefix:200.57.128.0/19 -> Organization:triara-com-s-a-de-c-v',
      'ALLOCATED_TO Prefix:2001:240:10c::/48 -> Organization:internet-initiative-japan',
      'ALLOCATED_TO Prefix:2001:240::/32 -> Organization:japan-network-information-center',
      `ALLOCATED_TO Prefix:2001:43f8:7b0::/48 -> Organization:${TESPOK}`,
      'ALLOCATED_TO Prefix:2001:4860::/32 -> Organization:google',
      'ALLOCATED_TO Prefix:210.106.224.0/19 -> Organization:lg-dacom',
      'ALLOCATED_TO Prefix:210.107.0.0/17 -> Organization:dacom',
      'ALLOCATED_TO Prefix:210.107.0.0/17 -> Organization:lg-dacom',
      'ALLOCATED_TO Prefix:2801:10:c000::/48 -> Organization:universidad-catolica-de-oriente',
      'ALLOCATED_TO Prefix:74.125.0.0/16 -> Organization:google',
      'ANNOUNCED_BY Prefix:196.11.240.0/23 -> ASN:AS12091',
      'ANNOUNCED_BY Prefix:200.57.128.0/20 -> ASN:AS19373',
      'ANNOUNCED_BY Prefix:2001:240::/32 -> ASN:AS2497',
      'ANNOUNCED_BY Prefix:2001:43f8:7b0::/48 -> ASN:AS37578',
      'ANNOUNCED_BY Prefix:2001:4860::/32 -> ASN:AS15169',
      'ANNOUNCED_BY Prefix:210.107.0.0/17 -> ASN:AS3786',
      'ANNOUNCED_BY Prefix:2a00:2380::/25 -> ASN:AS2856',
      'ANNOUNCED_BY Prefix:62.239.0.0/16 -> ASN:AS2856',
      'ANNOUNCED_BY Prefix:74.125.225.0/24 -> ASN:AS15169',
      'IN_PREFIX IP:196.11.240.215 -> Prefix:196.11.240.0/23',
      'IN_PREFIX IP:200.57.141.161 -> Prefix:200.57.128.0/20',
      'IN_PREFIX IP:2001:240:10c:1::ca20:9d1d -> Prefix:2001:240:10c::/48',
      'IN_PREFIX IP:2001:43f8:7b0:: -> Prefix:2001:43f8:7b0::/48',
      'IN_PREFIX IP:2001:4860:4860::8888 -> Prefix:2001:4860::/32',
      'IN_PREFIX IP:210.107.73.73 -> Prefix:210.107.0.0/17',
      'IN_PREFIX IP:2801:10:c000:: -> Prefix:2801:10:c000::/48',
      'IN_PREFIX IP:2a00:2381:ffff::1 -> Prefix:2a00:2381:ffff::/64',
      'IN_PREFIX IP:62.239.237.1 -> Prefix:62.239.237.0/24',
      'IN_PREFIX IP:74.125.225.229 -> Prefix:74.125.225.0/24',
      'MEMBER_OF Person:juan-diego-garca-muoz -> Organization:universidad-catolica-de-oriente',
      'MEMBER_OF Person:nicolas-calderon-lopez -> Organization:triara-com-s-a-de-c-v',
      'SUBPREFIX_OF Prefix:196.11.239.0/24 -> Prefix:196.0.0.0/8',
      'SUBPREFIX_OF Prefix:196.11.240.0/22 -> Prefix:196.0.0.0/8',
      'SUBPREFIX_OF Prefix:196.11.240.0/23 -> Prefix:196.11.240.0/22',
      'SUBPREFIX_OF Prefix:196.11.244.0/23 -> Prefix:196.0.0.0/8',
      'SUBPREFIX_OF Prefix:196.11.246.0/24 -> Prefix:196.0.0.0/8',
      'SUBPREFIX_OF Prefix:200.57.128.0/20 -> Prefix:200.57.128.0/19',
      'SUBPREFIX_OF Prefix:2001:240:10c::/48 -> Prefix:2001:240::/32',
      'SUBPREFIX_OF Prefix:2001:43f8:7b0::/48 -> Prefix:2001:4200::/23',
      'SUBPREFIX_OF Prefix:2a00:2381:ffff::/64 -> Prefix:2a00:2380::/25',
      'SUBPREFIX_OF Prefix:62.239.237.0/24 -> Prefix:62.239.0.0/16',
      'SUBPREFIX_OF Prefix:74.125.225.0/24 -> Prefix:74.125.0.0/16',
    ]);
    expect(new Set(c.edges.map((e) => e.ref))).toEqual(new Set([1]));
  });

  it('props and validity', () => {
    expect(props(c, 'Organization', 'mtn')).toEqual({
      name: 'MTN SA', handle: 'ORG-VSA1-AFRINIC', address: '216 14th Avenue, Fairland, Johannesburg 2196', country: 'ZA',
    });
    expect(props(c, 'Organization', 'google')).toEqual({
      name: 'Google Inc.', handle: 'GOGL', address: '1600 Amphitheatre Parkway', city: 'Mountain View', country: 'US',
    });
    expect(props(c, 'Organization', 'universidad-catolica-de-oriente')).toEqual({
      name: 'Universidad Catolica de Oriente', handle: 'CO-UCOR-LACNIC', address: 'Carrera 46, 40B50, - - Rionegro - AN', country: 'CO',
    });
    expect(props(c, 'Prefix', '196.11.244.0/23')).toEqual({
      name: 'NET-196-11-239-0', descr: 'MTN Business Solutions (Pty) Ltd', country: 'ZA', status: 'ASSIGNED PI', source: 'AFRINIC',
      rangeStart: '196.11.239.0', rangeEnd: '196.11.246.255',
    });
    // 210.107.0.0/17 is both the APNIC record and part of the KRNIC range: the specific record's props.
    expect(props(c, 'Prefix', '210.107.0.0/17')).toEqual({
      name: 'BORANET-NET-210-107', descr: 'DACOM Corp.', country: 'KR', status: 'ALLOCATED PORTABLE', source: 'APNIC', registry: 'apnic',
    });
    expect(props(c, 'Prefix', '62.239.0.0/16')).toEqual({ registry: 'ripencc', country: 'GB', allocatedAt: '2001-01-02T00:00:00.000Z' });
    expect(props(c, 'Prefix', '2001:4860::/32')).toEqual({
      registry: 'arin', country: 'US', allocatedAt: '2005-03-14T00:00:00.000Z', name: 'GOOGLE-IPV6', handle: 'NET6-2001-4860-1',
      type: 'Direct Allocation', parentHandle: 'NET6-2001-4800-0', createdAt: '2005-03-14T00:00:00.000Z', updatedAt: '2012-02-24T00:00:00.000Z',
    });
    expect(props(c, 'Prefix', '200.57.128.0/19')).toEqual({
      country: 'MX', status: 'allocated', createdAt: '2000-12-04T00:00:00.000Z', updatedAt: '2014-07-16T00:00:00.000Z',
    });
    expect(edgesOf(c, 'ALLOCATED_TO', '74.125.0.0/16')[0]).toMatchObject({ validFrom: '2007-03-13T00:00:00.000Z', props: { via: 'arin' } });
    expect(edgesOf(c, 'ALLOCATED_TO', '2801:10:c000::/48')[0]).toMatchObject({ validFrom: '2013-10-29T00:00:00.000Z', props: { via: 'owner' } });
    expect(edgesOf(c, 'ALLOCATED_TO', '210.107.0.0/17', 'dacom')[0]).toMatchObject({ props: { via: 'descr' } });
    expect(edgesOf(c, 'ALLOCATED_TO', '210.107.0.0/17', 'dacom')[0].validFrom).toBeUndefined();
  });
});

describe('parseIpwhoisJson bad input', () => {
  it.each([
    ['empty file', '', 'empty ipwhois document'],
    ['truncated JSON', '{"8.8.8.8": {"asn_data": {"asn": "15', 'not valid JSON: '],
    ['binary junk', '\u0000\u00ff\u0001junk', 'not valid JSON: '],
    ['an array', '[]', 'ipwhois document is not a JSON object (IP → result map)'],
    ['a non-IP key', '{"not-an-ip": {"asn_data": {}}}', 'key is not an IP address: not-an-ip'],
    ['an entry without data', '{"8.8.8.8": {"x": 1}}', '8.8.8.8: entry has neither asn_data nor response'],
  ])('rejects %s without throwing', (_n, text, reason) => {
    const c = run(text);
    expect(c.rejects).toHaveLength(1);
    expect(c.rejects[0].ref).toBe(1);
    expect(c.rejects[0].reason.startsWith(reason)).toBe(true);
    expect(c.entities).toEqual([]);
  });

  it('uses asn_description when present (newer ipwhois)', () => {
    const c = run(JSON.stringify({ '8.8.8.8': { asn_data: { asn: '15169', asn_cidr: '8.8.8.0/24', asn_country_code: 'US', asn_description: 'GOOGLE - Google LLC, US' } } }));
    expect(triples(c)).toEqual([
      'ANNOUNCED_BY Prefix:8.8.8.0/24 -> ASN:AS15169',
      'IN_PREFIX IP:8.8.8.8 -> Prefix:8.8.8.0/24',
      'REGISTERED_BY ASN:AS15169 -> Organization:google',
    ]);
    expect(props(c, 'ASN', 'AS15169')).toEqual({ number: 15169, name: 'GOOGLE' });
    expect(props(c, 'Organization', 'google')).toEqual({ name: 'Google LLC' });
  });
});
