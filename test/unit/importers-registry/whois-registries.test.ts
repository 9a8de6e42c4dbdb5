// Registry layouts and date rules beyond the peer comparison: graph facts read off the corpus files,
// NIC.tr's `** ` blocks (no .tr answer is in the corpus: the shape is written here from the
// registry's published layout), out-of-range dates, and mutated answers that must never throw.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeWhoisBytes, parseWhois } from '../../../server/src/importers/whois/whois.ts';
import { readRegistryDate } from '../../../server/src/importers/normalize/registry-dates.ts';
import { CONFORMANCE_DIR, conformanceFile, hasConformance } from '../../support/conformance.ts';
import { collector, edgesOf, keys, props, triples } from './collect.ts';

function run(text: string) {
  const c = collector();
  parseWhois(text, c.sink, {});
  return c;
}
const file = (name: string) => run(decodeWhoisBytes(readFileSync(conformanceFile(`whois/${name}`))));

describe.skipIf(!hasConformance)('WHOIS registries in the corpus', () => {
  it('Nominet (.co.uk): values under their labels, a "before" month, glue after the host', () => {
    const c = file('python-whois__test_samples_whois_amazon.co.uk.txt');
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Domain')).toEqual(['amazon.co.uk']);
    expect(keys(c, 'Host')).toHaveLength(10);
    expect(props(c, 'Domain', 'amazon.co.uk')).toMatchObject({
      createdAt: '1996-08-01T00:00:00.000Z', createdAtPrecision: 'month', createdAtBound: 'before',
      expiresAt: '2020-12-05T00:00:00.000Z', updatedAt: '2013-10-23T00:00:00.000Z', status: ['Registered until expiry date.'],
    });
    expect(triples(c)).toContain('RESOLVES_TO Host:pdns6.ultradns.co.uk -> IP:2610:a1:1017::1');
    expect(edgesOf(c, 'REGISTRAR')[0].ref).toBe(9); // the line under `Registrar:`
  });

  it('SIDN (.nl): registrar and reseller blocks become organizations with their addresses', () => {
    const c = file('python-whois__test_samples_whois_app.nl.txt');
    expect(triples(c)).toEqual(expect.arrayContaining(['REGISTRAR Domain:app.nl -> Organization:hosting-secure', 'RESELLER Domain:app.nl -> Organization:hoasted']));
    expect(props(c, 'Organization', 'hosting-secure')).toMatchObject({ postalCode: '1018VN', city: 'Amsterdam', country: 'Netherlands', abuseEmail: 'abuse@hostingsecure.com' });
  });

  it('AFNIC (.fr): contacts resolved through their nic-hdl objects, typed by the registry', () => {
    const c = file('python-whois__test_samples_whois_univ-paris8.fr.txt');
    expect(triples(c)).toEqual(expect.arrayContaining(['REGISTERED_BY Domain:univ-paris8.fr -> Organization:universite-paris-8', 'TECH_CONTACT Domain:univ-paris8.fr -> Person:jerome-tisset']));
    expect(props(c, 'Domain', 'univ-paris8.fr').updatedAt).toBe('2026-01-31T23:05:07.728Z');
  });

  it('KazNIC (.kz): multi-line status explanations, glue from "ip address" lines, `-` as no value', () => {
    const c = file('python-whois__test_samples_whois_yandex.kz.txt');
    expect(props(c, 'Domain', 'yandex.kz').status).toEqual(['clientTransferProhibited', 'clientDeleteProhibited', 'clientRenewProhibited']);
    expect(triples(c)).toContain('RESOLVES_TO Host:ns2.yandex.net -> IP:213.180.199.34');
    expect(props(c, 'Organization', 'yandex-kazakhstan').state).toBeUndefined();
  });

  it('Gandi (.io): redacted names are recorded as redacted, the proxy details stay on the domain', () => {
    const c = file('whois-parser__testdata_noterror_io_golang.io.txt');
    const d = props(c, 'Domain', 'golang.io');
    expect(d.redactedFields).toEqual(expect.arrayContaining(['registrant.name', 'registrant.handle', 'admin.name', 'tech.name']));
    expect(d.registrantEmail).toBe('142a53b16ff7a76e037e6e7c2971f325-943225@contact.gandi.net');
    expect(keys(c, 'Person')).toEqual([]);
  });

  it('every registry answer in the corpus yields its domain and no rejects', () => {
    const txt = readdirSync(`${CONFORMANCE_DIR}/whois`).filter((f) => f.endsWith('.txt'));
    expect(txt).toHaveLength(17);
    for (const f of txt) {
      const c = file(f);
      expect([f, c.rejects]).toEqual([f, []]);
      expect([f, keys(c, 'Domain').length]).toEqual([f, 1]);
    }
  });
});

describe('NIC.tr `** ` blocks', () => {
  const TR = [
    '** Domain Name: ornek.com.tr', '** Domain Status: Active', '** Frozen Status: -', '** Transfer Status: The domain is LOCKED to transfer.',
    '', '** Registrant:', '   Ornek Bilisim Ltd.', '   Hidden upon user request', '', '** Registrar:',
    'NIC Handle\t\t: tyh14-metu', 'Organization Name\t: Tesla Yazilim Ltd.', '', '** Domain Servers:', 'ns1.ornek.com.tr 192.0.2.10', 'ns2.ornek.com.tr',
    '', '** Additional Info:', 'Created on..............: 2001-Aug-23.', 'Expires on..............: 2026-Aug-22.',
  ].join('\n');
  it('imports the domain, its registrar, name servers and dates', () => {
    const c = run(TR);
    expect(c.rejects).toEqual([]);
    expect(triples(c)).toEqual([
      'NAME_SERVER Domain:ornek.com.tr -> Host:ns1.ornek.com.tr',
      'NAME_SERVER Domain:ornek.com.tr -> Host:ns2.ornek.com.tr',
      'REGISTERED_BY Domain:ornek.com.tr -> Organization:ornek-bilisim',
      'REGISTRAR Domain:ornek.com.tr -> Organization:tesla-yazilim',
      'RESOLVES_TO Host:ns1.ornek.com.tr -> IP:192.0.2.10',
    ]);
    expect(props(c, 'Domain', 'ornek.com.tr')).toMatchObject({ createdAt: '2001-08-23T00:00:00.000Z', expiresAt: '2026-08-22T00:00:00.000Z', status: ['Active'] });
  });
});

describe('registry dates', () => {
  it.each([
    ['18.7.2012 04:04:23', '2012-07-18T04:04:23.000Z', 'second'],
    ['07-03-2020', '2020-03-07T00:00:00.000Z', 'day'],
    ['2007. 03. 02.', '2007-03-02T00:00:00.000Z', 'day'],
    ['19990518 #162310', '1999-05-18T00:00:00.000Z', 'day'],
    ['2009-07-01 12:44:02 (GMT+0:00)', '2009-07-01T12:44:02.000Z', 'second'],
    ['2001-Aug-23.', '2001-08-23T00:00:00.000Z', 'day'],
    ['before Aug-1996', '1996-08-01T00:00:00.000Z', 'month'],
  ])('%s', (text, iso, precision) => {
    expect(readRegistryDate(text)).toMatchObject({ iso, precision });
  });

  it('an out-of-range date is rejected with its line, not dropped silently', () => {
    const c = run('Domain Name: odd.example\nCreation Date: 31.02.2019\nRegistry Expiry Date: 0001-01-01T00:00:00Z\nUpdated Date: someday\n');
    expect(c.rejects).toEqual([
      { ref: 2, reason: 'Creation Date "31.02.2019": day 31 is out of range for 2019-02; field left out' },
      { ref: 3, reason: 'Registry Expiry Date "0001-01-01T00:00:00Z": year 1 is out of range (1970–2200); field left out' },
    ]);
    expect(c.notes).toContain('line 4: "Updated Date" value "someday" is not a date this importer reads; field left out');
    expect(keys(c, 'Domain')).toEqual(['odd.example']);
    expect(props(c, 'Domain', 'odd.example').createdAt).toBeUndefined();
  });
});

describe.skipIf(!hasConformance)('mutated WHOIS answers', () => {
  const names = readdirSync(`${CONFORMANCE_DIR}/whois`).filter((f) => f.endsWith('.txt'));
  it('never throw, and every fact names its domain', () => {
    const texts = names.map((n) => readFileSync(conformanceFile(`whois/${n}`), 'utf8'));
    fc.assert(fc.property(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 12 })), { maxLength: 8 }), (i, edits) => {
      let t = texts[i];
      for (const [at, del, ins] of edits) {
        const p = at % (t.length + 1);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      const c = run(t);
      const domains = keys(c, 'Domain');
      expect(domains.length).toBeLessThanOrEqual(1);
      for (const e of c.edges) if (e.from.kind === 'Domain') expect(e.from.key).toBe(domains[0]);
      if (domains.length === 0) expect(c.rejects.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  }, 60_000);
});
