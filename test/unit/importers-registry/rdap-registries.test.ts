// RDAP from all five RIRs, a ccTLD (NORID) and RFC 9537 redaction, read off the conformance files;
// impossible event dates; mutated answers never throw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRdap } from '../../../server/src/importers/rdap/rdap.ts';
import { conformanceFile, hasConformance } from '../../support/conformance.ts';
import { collector, keys, props, triples } from './collect.ts';

function run(text: string) {
  const c = collector();
  parseRdap(text, c.sink, {});
  return c;
}
const file = (rel: string) => readFileSync(conformanceFile(rel), 'utf8');

describe.skipIf(!hasConformance)('RDAP from every RIR (ipwhois recorded answers)', () => {
  const text = () => file('rdap/ipwhois__tests_rdap.json');
  it('imports every network of the ten answers, RIPE ones without objectClassName included', () => {
    const doc = JSON.parse(text()) as Record<string, { response: { handle: string } }>;
    const c = run(text());
    expect(c.rejects).toEqual([]);
    const handles = new Set(c.entities.filter((e) => e.kind === 'Prefix').map((e) => e.props?.handle));
    expect(handles).toEqual(new Set(Object.values(doc).map((v) => v.response.handle)));
    expect(Object.keys(doc)).toHaveLength(10);
    expect(keys(c, 'Prefix')).toEqual([
      '196.11.239.0/24', '196.11.240.0/22', '196.11.244.0/23', '196.11.246.0/24', // AFRINIC range 196.11.239.0 - 196.11.246.255
      '2001:240::/32', // APNIC, zero-padded handle 2001:0240::/32
      '2001:43f8:7b0::/48', // AFRINIC
      '200.57.141.161/32', // LACNIC answers with the queried address
      '2001:4860::/32', // ARIN, expanded upper-case IPv6
      '210.107.0.0/17', // APNIC (KRNIC)
      '2801:10:c000::/128', // LACNIC IPv6
      '2a00:2381:ffff::/64', // RIPE, addresses written with /128
      '62.239.237.0/24', // RIPE, addresses written with /32
      '74.125.0.0/16', // ARIN, zero-padded octets 074.125.000.000
    ].sort());
    expect(c.notes.filter((n) => n.includes('same address'))).toHaveLength(2);
  });
  it('keeps each RIR\'s parties', () => {
    const c = run(text());
    expect(triples(c)).toEqual(expect.arrayContaining([
      'ALLOCATED_TO Prefix:74.125.0.0/16 -> Organization:google',
      'ALLOCATED_TO Prefix:200.57.141.161/32 -> Organization:triara-com-s-a-de-c-v',
      'TECH_CONTACT Prefix:2001:240::/32 -> Organization:japan-network-information-center',
    ]));
    expect(props(c, 'Prefix', '62.239.237.0/24')).toMatchObject({ abuseEmail: 'zzdnsr@bt.com', country: 'GB', type: 'ASSIGNED PA' });
  });
});

describe.skipIf(!hasConformance)('RDAP from RIPE and NORID (whoisit)', () => {
  it('RIPE 130.59.0.0: pretty-printed with ranges as handles, handle-only parties kept as handles', () => {
    const c = run(file('rdap/whoisit__tests_data_rdap_response_ip_v4_2.json'));
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Prefix')).toEqual(['130.59.0.0/16']);
    expect(props(c, 'Prefix', '130.59.0.0/16')).toMatchObject({ type: 'LEGACY', country: 'CH', registrantHandle: 'ORG-SG2-RIPE', abuseEmail: 'abuse@switch.ch' });
  });
  it('NORID norway.no: sorted keys, nested street arrays, typed tel', () => {
    const c = run(file('rdap/whoisit__tests_data_rdap_response_domain2.json'));
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Domain')).toEqual(['norway.no']);
    expect(keys(c, 'Host')).toHaveLength(4);
    expect(triples(c)).toContain('REGISTRAR Domain:norway.no -> Organization:domeneshop');
    expect(props(c, 'Organization', 'domeneshop')).toMatchObject({ address: 'Christian Krohgs gate 16, Oslo, NO-0186', phone: '+47.22943333' });
  });
});

describe.skipIf(!hasConformance)('RFC 9537 redaction', () => {
  it('ICANN real-world answer: the registrant is kept, its withheld fields marked as redacted by the registry', () => {
    const c = run(file('rdap/rdap-conformance-tool__validators_profile_response_validations_handle_icann_org_domain_id_real_world.json'));
    expect(c.rejects).toEqual([]);
    const org = 'internet-corporation-for-assigned-names-and-numbers';
    expect(keys(c, 'Organization')).toEqual([org]);
    expect(props(c, 'Organization', org)).toEqual({
      name: 'Internet Corporation for Assigned Names and Numbers', state: 'CA', country: 'US',
      redactedFields: ['address', 'city', 'email', 'fax', 'handle', 'name', 'phone', 'postalCode'],
    });
    expect(c.notes).toHaveLength(1);
    expect(c.notes[0]).toContain('redacted by the registry: Registry Domain ID, Administrative Contact, Technical Contact, Registry Registrant ID');
  });
});

describe('RDAP with a name and redactions', () => {
  const doc = {
    objectClassName: 'domain', ldhName: 'Example-Redacted.COM', rdapConformance: ['rdap_level_0', 'redacted'],
    events: [{ eventAction: 'registration', eventDate: '-000001-01-01T00:00:00Z' }, { eventAction: 'expiration', eventDate: '2030-01-01T00:00:00Z' }],
    entities: [{ objectClassName: 'entity', roles: ['registrant'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', ''], ['org', {}, 'text', 'Widget Holdings Ltd']]] }],
    redacted: [{ name: { type: 'Registrant Name' }, method: 'emptyValue' }, { name: { type: 'Registrant Email' }, method: 'removal' }, { name: { description: 'Technical Contact' }, method: 'removal' }],
  };
  it('marks the domain and the party, and rejects an impossible year instead of storing year −1', () => {
    const c = run(JSON.stringify(doc));
    expect(c.rejects).toEqual([{ ref: 1, reason: 'RDAP event "registration" date "-000001-01-01T00:00:00Z": year -1 is out of range (1970–2200); event left out' }]);
    expect(props(c, 'Domain', 'example-redacted.com')).toEqual({
      expiresAt: '2030-01-01T00:00:00.000Z', redactedFields: ['Registrant Name', 'Registrant Email', 'Technical Contact'],
    });
    expect(props(c, 'Organization', 'widget-holdings')).toEqual({ name: 'Widget Holdings Ltd', redactedFields: ['email', 'name'] });
    expect(triples(c)).toEqual(['REGISTERED_BY Domain:example-redacted.com -> Organization:widget-holdings']);
  });
});

describe.skipIf(!hasConformance)('mutated RDAP answers', () => {
  const names = ['ipwhois__tests_rdap.json', 'whoisit__tests_data_rdap_response_ip_v4_2.json', 'whoisit__tests_data_rdap_response_domain2.json',
    'rdap-conformance-tool__validators_profile_response_validations_handle_icann_org_domain_id_real_world.json', 'openrdap-rdap__rdap.nic.cz__domain-example.cz.json'];
  it('never throw; a broken document is rejected, never half-read silently', () => {
    const texts = names.map((n) => file(`rdap/${n}`));
    fc.assert(fc.property(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 6 })), { maxLength: 6 }), (i, edits) => {
      let t = texts[i];
      for (const [at, del, ins] of edits) {
        const p = at % (t.length + 1);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      const c = run(t);
      let valid = true;
      try { JSON.parse(t); } catch { valid = false; }
      if (!valid) expect(c.rejects.length).toBeGreaterThan(0);
      for (const r of c.rejects) expect(r.ref).toBeGreaterThanOrEqual(1);
    }), { numRuns: 300 });
  }, 60_000);
});
