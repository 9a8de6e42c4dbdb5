import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRdap } from '../../../server/src/importers/rdap/rdap.ts';
import { conformanceFile, hasConformance } from '../../support/conformance.ts';
import { collector, edgesOf, keys, props, triples } from './collect.ts';

function run(text: string) {
  const c = collector();
  parseRdap(text, c.sink, {});
  return c;
}
const file = (rel: string) => readFileSync(conformanceFile(rel), 'utf8');
const MCI = 'mci-communications-services-inc-d-b-a-verizon-business';

describe.skipIf(!hasConformance)('parseRdap on the conformance corpus', () => {
  it('nic.cz domain: nameservers (fred_nsset duplicates folded), events, handle-only entities', () => {
    const c = run(file('rdap/openrdap-rdap__rdap.nic.cz__domain-example.cz.json'));
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Domain')).toEqual(['example.cz']);
    expect(keys(c, 'Host')).toEqual(['ns.pipni.cz', 'ns2.pipni.cz', 'ns3.pipni.cz']);
    expect(keys(c, 'Organization')).toEqual([]);
    expect(keys(c, 'Person')).toEqual([]);
    expect(triples(c)).toEqual([
      'NAME_SERVER Domain:example.cz -> Host:ns.pipni.cz',
      'NAME_SERVER Domain:example.cz -> Host:ns2.pipni.cz',
      'NAME_SERVER Domain:example.cz -> Host:ns3.pipni.cz',
    ]);
    expect(c.edges).toHaveLength(3);
    expect(props(c, 'Domain', 'example.cz')).toEqual({
      createdAt: '2004-08-30T22:55:00.000Z',
      expiresAt: '2019-08-30T12:00:00.000Z',
      transferredAt: '2007-01-25T02:05:00.000Z',
      registrantHandle: 'SB:EXAMPLE',
      registrarHandle: 'REG-INTERNET-CZ',
      adminHandle: 'EXAMPLE',
      status: ['active'],
      whoisServer: 'whois.nic.cz',
    });
  });

  it('nic.cz nameserver', () => {
    const c = run(file('rdap/openrdap-rdap__rdap.nic.cz__nameserver-ns2.pipni.cz.json'));
    expect(c.rejects).toEqual([]);
    expect(c.entities).toEqual([{ kind: 'Host', key: 'ns2.pipni.cz' }]);
    expect(c.edges).toEqual([]);
  });

  it('ARIN autnum AS701-705 as a raw HTTP response: five ASNs, registrant org, offsets to UTC', () => {
    const c = run(file('asn_ip/nicinfo__recorded_responses_autnum_703.txt'));
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'ASN')).toEqual(['AS701', 'AS702', 'AS703', 'AS704', 'AS705']);
    expect(keys(c, 'Organization')).toEqual([MCI]);
    // Nested POCs are role accounts (kind group) or a NOC: none is a party of its own.
    expect(keys(c, 'Person')).toEqual([]);
    expect(triples(c)).toEqual([701, 702, 703, 704, 705].map((n) => `REGISTERED_BY ASN:AS${n} -> Organization:${MCI}`));
    expect(props(c, 'ASN', 'AS703')).toEqual({
      number: 703,
      name: 'UUNET',
      handle: 'AS701',
      range: 'AS701-AS705',
      createdAt: '1990-08-03T03:00:00.000Z', // 1990-08-02T23:00:00-04:00
      updatedAt: '2012-03-20T13:38:58.000Z', // 2012-03-20T09:38:58-04:00
    });
    expect(props(c, 'Organization', MCI)).toEqual({
      name: 'MCI Communications Services, Inc. d/b/a Verizon Business',
      handle: 'MCICS',
      address: '22001 Loudoun County Pkwy, Ashburn, VA, 20147, United States',
    });
    // The link cannot predate the org object (registered 2006-05-30T13:02:27-04:00).
    expect(new Set(edgesOf(c, 'REGISTERED_BY').map((e) => `${e.ref} ${e.validFrom} ${e.validTo}`))).toEqual(new Set(['1 2006-05-30T17:02:27.000Z undefined']));
  });

  it('ARIN ip network 108.0.0.0-108.57.255.255: four CIDRs allocated to MCI, abuse e-mail kept', () => {
    const c = run(file('asn_ip/nicinfo__recorded_responses_ip_108_45_128_208.txt'));
    expect(c.rejects).toEqual([]);
    const cidrs = ['108.0.0.0/11', '108.32.0.0/12', '108.48.0.0/13', '108.56.0.0/15'];
    expect(keys(c, 'Prefix')).toEqual(cidrs);
    expect(keys(c, 'Organization')).toEqual([MCI]);
    expect(keys(c, 'ASN')).toEqual([]);
    expect(triples(c)).toEqual(cidrs.map((p) => `ALLOCATED_TO Prefix:${p} -> Organization:${MCI}`));
    expect(props(c, 'Prefix', '108.32.0.0/12')).toEqual({
      name: 'VIS-BLOCK',
      handle: 'NET-108-0-0-0-1',
      parentHandle: 'NET-108-0-0-0-0',
      rangeStart: '108.0.0.0',
      rangeEnd: '108.57.255.255',
      createdAt: '2009-06-05T17:53:22.000Z',
      updatedAt: '2016-08-18T16:59:19.000Z',
      abuseEmail: 'abuse@verizon.net',
    });
    expect(new Set(edgesOf(c, 'ALLOCATED_TO').map((e) => e.validFrom))).toEqual(new Set(['2009-06-05T17:53:22.000Z']));
  });
});

describe('parseRdap on other inputs', () => {
  it('jCard individual with org, glue addresses, registrar, origin AS extension', () => {
    const vcard = (items: unknown[]) => ['vcard', [['version', {}, 'text', '4.0'], ...items]];
    const domain = {
      objectClassName: 'domain',
      ldhName: 'WWW.Example.ORG',
      events: [{ eventAction: 'registration', eventDate: '2010-01-02T03:04:05-05:00' }, { eventAction: 'expiration', eventDate: '2030-01-02T08:04:05Z' }],
      nameservers: [{ objectClassName: 'nameserver', ldhName: 'ns1.example.org', ipAddresses: { v4: ['192.0.2.1'], v6: ['2001:DB8::0001'] } }],
      entities: [
        { objectClassName: 'entity', handle: 'C1', roles: ['registrant', 'administrative'], vcardArray: vcard([['fn', {}, 'text', 'Ana Silva'], ['kind', {}, 'text', 'individual'], ['org', {}, 'text', 'Silva Trading Ltd'], ['email', {}, 'text', 'ana@silva.example'], ['adr', {}, 'text', ['', '', 'Rua 1', 'Lisboa', '', '1000-001', 'Portugal']]]) },
        { objectClassName: 'entity', handle: '292', roles: ['registrar'], vcardArray: vcard([['fn', {}, 'text', 'Example Registrar Inc.']]) },
        { objectClassName: 'entity', roles: ['technical'], vcardArray: vcard([['fn', {}, 'text', 'REDACTED FOR PRIVACY']]) },
        { objectClassName: 'entity', roles: ['abuse'], vcardArray: vcard([['fn', {}, 'text', 'Abuse'], ['email', {}, 'text', 'abuse@registrar.example']]) },
      ],
    };
    const c = run(JSON.stringify(domain));
    expect(c.rejects).toEqual([]);
    expect(triples(c)).toEqual([
      'ADMINISTERED_BY Domain:example.org -> Organization:silva-trading',
      'MEMBER_OF Person:ana-silva -> Organization:silva-trading',
      'NAME_SERVER Domain:example.org -> Host:ns1.example.org',
      'REGISTERED_BY Domain:example.org -> Organization:silva-trading',
      'REGISTRAR Domain:example.org -> Organization:example-registrar',
      'RESOLVES_TO Host:ns1.example.org -> IP:192.0.2.1',
      'RESOLVES_TO Host:ns1.example.org -> IP:2001:db8::1',
    ]);
    expect(props(c, 'Domain', 'example.org')).toEqual({
      createdAt: '2010-01-02T08:04:05.000Z', expiresAt: '2030-01-02T08:04:05.000Z', abuseEmail: 'abuse@registrar.example', registrarName: 'Example Registrar Inc.',
    });
    const reg = edgesOf(c, 'REGISTERED_BY')[0];
    expect([reg.validFrom, reg.validTo]).toEqual(['2010-01-02T08:04:05.000Z', '2030-01-02T08:04:05.000Z']);
    expect(edgesOf(c, 'ADMINISTERED_BY')[0].validFrom).toBeUndefined();
    expect(props(c, 'Organization', 'silva-trading')).toMatchObject({ name: 'Silva Trading Ltd', address: 'Rua 1, Lisboa, 1000-001', city: 'Lisboa', country: 'Portugal' });
  });

  it('ip network with cidr0 and ARIN origin AS; IPv6', () => {
    const c = run(JSON.stringify({
      objectClassName: 'ip network', startAddress: '2001:db8::', endAddress: '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      cidr0_cidrs: [{ v6prefix: '2001:db8::', length: 32 }], arin_originas0_originautnums: [64500, 64501], name: 'DOC-NET', country: 'US',
    }));
    expect(triples(c)).toEqual(['ANNOUNCED_BY Prefix:2001:db8::/32 -> ASN:AS64500', 'ANNOUNCED_BY Prefix:2001:db8::/32 -> ASN:AS64501']);
    expect(props(c, 'Prefix', '2001:db8::/32')).toEqual({ name: 'DOC-NET', country: 'US' });
  });

  it('caps huge autnum ranges', () => {
    const c = run(JSON.stringify({ objectClassName: 'autnum', startAutnum: 64512, endAutnum: 65534, name: 'IANA-RSVD' }));
    expect(keys(c, 'ASN')).toEqual(['AS64512']);
    expect(c.notes).toEqual(['autnum range AS64512-AS65534 has 1023 numbers; only AS64512 was created']);
  });

  it.each([
    ['empty file', '', 1, 'empty RDAP document'],
    ['HTTP 404', 'HTTP/1.1 404 Not Found\r\nContent-Type: application/rdap+json\r\n\r\n{"errorCode":404,"title":"Not Found"}', 1, 'HTTP 404 response, not an RDAP object'],
    ['truncated JSON', '{"objectClassName":"domain","ldhName":"exa', 1, 'not valid JSON: '],
    ['truncated body after headers', 'HTTP/1.1 200 OK\nContent-Type: application/rdap+json\n\n{"objectClassName":', 4, 'not valid JSON: '],
    ['binary junk', '\u0000\u0001\u00ff\u00fe\u0002garbage', 1, 'not valid JSON: '],
    ['a JSON array', '[1,2]', 1, 'RDAP document is not a JSON object'],
    ['an RDAP error body', '{"errorCode":400,"title":"Bad Request"}', 1, 'RDAP error response 400: Bad Request'],
    ['an unknown class', '{"objectClassName":"fred_keyset"}', 1, 'unsupported RDAP objectClassName: fred_keyset'],
    ['a domain with no name', '{"objectClassName":"domain"}', 1, 'RDAP domain without a usable ldhName'],
  ])('rejects %s without throwing', (_n, text, ref, reason) => {
    const c = run(text);
    expect(c.rejects).toHaveLength(1);
    expect(c.rejects[0].ref).toBe(ref);
    expect(c.rejects[0].reason.startsWith(reason)).toBe(true);
    expect(c.entities).toEqual([]);
  });
});
