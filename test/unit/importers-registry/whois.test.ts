import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWhoisBytes, parseWhois } from '../../../server/src/importers/whois/whois.ts';
import { parseRegistryDate } from '../../../server/src/importers/normalize/registry-dates.ts';
import { conformanceFile, hasConformance } from '../../support/conformance.ts';
import { collector, edgesOf, keys, props, triples } from './collect.ts';

function run(text: string) {
  const c = collector();
  parseWhois(text, c.sink, {});
  return c;
}

describe.skipIf(!hasConformance)('parseWhois on the conformance corpus', () => {
  it('google.com: Verisign thin record (spam "Server Name" records skipped) plus the MarkMonitor part', () => {
    const c = run(readFileSync(conformanceFile('whois/python-whois__test_samples_whois_google.com.txt'), 'utf8'));
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Domain')).toEqual(['google.com']);
    expect(keys(c, 'Host')).toEqual(['ns1.google.com', 'ns2.google.com', 'ns3.google.com', 'ns4.google.com']);
    // Registrar from the registry record (first wins), registrant org from the "Registrant:" block.
    expect(keys(c, 'Organization')).toEqual(['google', 'markmonitor']);
    expect(keys(c, 'Person')).toEqual(['dns-admin']);
    expect(keys(c, 'IP')).toEqual([]);
    expect(triples(c)).toEqual([
      'ADMINISTERED_BY Domain:google.com -> Organization:google',
      'MEMBER_OF Person:dns-admin -> Organization:google',
      'NAME_SERVER Domain:google.com -> Host:ns1.google.com',
      'NAME_SERVER Domain:google.com -> Host:ns2.google.com',
      'NAME_SERVER Domain:google.com -> Host:ns3.google.com',
      'NAME_SERVER Domain:google.com -> Host:ns4.google.com',
      'REGISTERED_BY Domain:google.com -> Organization:google',
      'REGISTRAR Domain:google.com -> Organization:markmonitor',
      'TECH_CONTACT Domain:google.com -> Organization:google',
    ]);
    // Registry dates (15-sep-1997 …) win over the registrar's (1997-09-15 / 2011-09-13 / 2008-06-08).
    expect(props(c, 'Domain', 'google.com')).toEqual({
      createdAt: '1997-09-15T00:00:00.000Z',
      updatedAt: '2006-04-10T00:00:00.000Z',
      expiresAt: '2011-09-14T00:00:00.000Z',
      createdAtPrecision: 'day', updatedAtPrecision: 'day', expiresAtPrecision: 'day',
      status: ['clientDeleteProhibited', 'clientTransferProhibited', 'clientUpdateProhibited'],
      registrarName: 'MARKMONITOR INC.',
      whoisServer: 'whois.markmonitor.com',
    });
    const reg = edgesOf(c, 'REGISTRAR')[0];
    expect([reg.ref, reg.validFrom, reg.validTo]).toEqual([155, '1997-09-15T00:00:00.000Z', '2011-09-14T00:00:00.000Z']);
    const registrant = edgesOf(c, 'REGISTERED_BY')[0];
    expect([registrant.ref, registrant.validFrom, registrant.validTo]).toEqual([222, '1997-09-15T00:00:00.000Z', '2011-09-14T00:00:00.000Z']);
    expect(edgesOf(c, 'NAME_SERVER').map((e) => e.ref)).toEqual([158, 159, 160, 161]);
    expect(edgesOf(c, 'TECH_CONTACT')[0].validFrom).toBeUndefined();
    // The registrant block's address belongs to the registrant organization.
    expect(c.entities.find((e) => e.kind === 'Organization' && e.key === 'google')!.props).toEqual({
      name: 'Google Inc.',
      email: 'dns-admin@google.com',
      phone: '+1.6502530000',
      address: 'Please contact contact-admin@google.com 1600 Amphitheatre Parkway, Mountain View CA 94043',
      country: 'US',
    });
    // None of the 26 spam records' registrars (INNERWISE, ONLINENIC, GODADDY…) leaked in.
    expect(c.entities.some((e) => /godaddy|onlinenic|innerwise/i.test(e.key))).toBe(false);
  });

  it('yahoo.co.jp: JPRS bracket layout, JST dates converted to UTC', () => {
    const c = run(readFileSync(conformanceFile('whois/python-whois__test_samples_whois_yahoo.co.jp.txt'), 'utf8'));
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Domain')).toEqual(['yahoo.co.jp']);
    expect(keys(c, 'Host')).toEqual(['ns01.yahoo.co.jp', 'ns02.yahoo.co.jp', 'ns11.yahoo.co.jp', 'ns12.yahoo.co.jp']);
    expect(keys(c, 'Organization')).toEqual(['ly']);
    expect(keys(c, 'Person')).toEqual([]);
    expect(triples(c)).toEqual([
      'NAME_SERVER Domain:yahoo.co.jp -> Host:ns01.yahoo.co.jp',
      'NAME_SERVER Domain:yahoo.co.jp -> Host:ns02.yahoo.co.jp',
      'NAME_SERVER Domain:yahoo.co.jp -> Host:ns11.yahoo.co.jp',
      'NAME_SERVER Domain:yahoo.co.jp -> Host:ns12.yahoo.co.jp',
      'REGISTERED_BY Domain:yahoo.co.jp -> Organization:ly',
    ]);
    expect(props(c, 'Domain', 'yahoo.co.jp')).toEqual({
      createdAt: '2019-09-26T15:00:00.000Z', // 2019/09/27 JST midnight
      updatedAt: '2024-09-30T16:00:44.000Z', // 2024/10/01 01:00:44 (JST)
      expiresAt: '2025-09-29T15:00:00.000Z', // [State] Connected (2025/09/30)
      createdAtPrecision: 'day', updatedAtPrecision: 'second', expiresAtPrecision: 'day',
      status: ['Connected', 'AgentChangeLocked'],
    });
    expect(props(c, 'Organization', 'ly')).toEqual({ name: 'LY Corporation', orgType: 'Corporation' });
    const e = edgesOf(c, 'REGISTERED_BY')[0];
    expect([e.ref, e.validFrom, e.validTo]).toEqual([7, '2019-09-26T15:00:00.000Z', '2025-09-29T15:00:00.000Z']);
  });
});

describe('parseWhois on other layouts', () => {
  it('thick registrar Key: value output with redacted fields', () => {
    const c = run(
      [
        'Domain Name: EXAMPLE-SHOP.COM',
        'Registrar WHOIS Server: whois.example-registrar.net',
        'Updated Date: 2023-02-01T10:00:00Z',
        'Creation Date: 2001-05-04T08:30:00-04:00',
        'Registry Expiry Date: 2026-05-04T12:30:00Z',
        'Registrar: Example Registrar, LLC',
        'Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited',
        'Registrant Name: REDACTED FOR PRIVACY',
        'Registrant Organization: Acme Widgets GmbH',
        'Registrant Country: DE',
        'Admin Name: Jae Cho',
        'Admin Organization: Acme Widgets GmbH',
        'Admin Email: jae@acme.example',
        'Tech Name: Data Protected',
        'Tech Organization: Data Protected',
        'Name Server: NS1.ACME.EXAMPLE 192.0.2.53',
        'Name Server: ns2.acme.example.',
      ].join('\r\n'),
    );
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Organization')).toEqual(['acme-widgets', 'example-registrar']);
    expect(keys(c, 'Person')).toEqual(['jae-cho']);
    expect(triples(c)).toEqual([
      'ADMINISTERED_BY Domain:example-shop.com -> Organization:acme-widgets',
      'MEMBER_OF Person:jae-cho -> Organization:acme-widgets',
      'NAME_SERVER Domain:example-shop.com -> Host:ns1.acme.example',
      'NAME_SERVER Domain:example-shop.com -> Host:ns2.acme.example',
      'REGISTERED_BY Domain:example-shop.com -> Organization:acme-widgets',
      'REGISTRAR Domain:example-shop.com -> Organization:example-registrar',
      'RESOLVES_TO Host:ns1.acme.example -> IP:192.0.2.53',
    ]);
    expect(props(c, 'Person', 'jae-cho')).toEqual({ name: 'Jae Cho', email: 'jae@acme.example' });
    expect(props(c, 'Domain', 'example-shop.com')).toMatchObject({
      createdAt: '2001-05-04T12:30:00.000Z',
      expiresAt: '2026-05-04T12:30:00.000Z',
      status: ['clientTransferProhibited'],
      whoisServer: 'whois.example-registrar.net',
    });
    expect(c.notes).toEqual(['example-shop.com: redacted contact fields (privacy placeholders) were skipped']);
  });

  it('tab-indented section blocks', () => {
    const c = run(
      'Domain Name: tabbed.org\nRegistrant:\n\tMaria Lopez\n\tLopez Imports Ltd\n\t12 Harbour St\n\tBristol\n\tGB\n\tmaria@lopez.example +44.1179000000\n\nAdministrative Contact:\n\tName: Tom Wu\n\tEmail: tom@lopez.example\n',
    );
    expect(triples(c)).toEqual([
      'ADMINISTERED_BY Domain:tabbed.org -> Person:tom-wu',
      'MEMBER_OF Person:maria-lopez -> Organization:lopez-imports',
      'REGISTERED_BY Domain:tabbed.org -> Organization:lopez-imports',
    ]);
    expect(props(c, 'Organization', 'lopez-imports')).toEqual({
      name: 'Lopez Imports Ltd', email: 'maria@lopez.example', phone: '+44.1179000000', address: '12 Harbour St, Bristol', country: 'GB',
    });
    expect(props(c, 'Person', 'tom-wu')).toEqual({ name: 'Tom Wu', email: 'tom@lopez.example' });
  });

  it('Japanese JPRS labels', () => {
    const c = run('[ドメイン名]                    EXAMPLE.JP\n[登録者名]                      株式会社サンプル\n[ネームサーバ]                  ns1.example.jp\n[登録年月日]                    2001/02/03\n[有効期限]                      2026/02/28\n[状態]                          Active\n[最終更新]                      2025/03/01 01:05:03 (JST)\n');
    expect(triples(c)).toEqual(['NAME_SERVER Domain:example.jp -> Host:ns1.example.jp', 'REGISTERED_BY Domain:example.jp -> Organization:株式会社サンプル']);
    expect(props(c, 'Domain', 'example.jp')).toEqual({
      createdAt: '2001-02-02T15:00:00.000Z', updatedAt: '2025-02-28T16:05:03.000Z', expiresAt: '2026-02-27T15:00:00.000Z', status: ['Active'],
      createdAtPrecision: 'day', updatedAtPrecision: 'second', expiresAtPrecision: 'day',
    });
  });

  it('survives U+FFFD in names', () => {
    const c = run('Domain Name: caf\uFFFD-test.com\nDomain Name: ok.com\nRegistrant Organization: Soci\uFFFDt\uFFFD G\uFFFDn\uFFFDrale SA\n');
    expect(c.rejects).toEqual([]);
    expect(keys(c, 'Domain')).toEqual(['ok.com']);
    expect(keys(c, 'Organization')).toEqual(['soci-t-g-n-rale']);
    expect(c.notes[0]).toMatch(/U\+FFFD/);
  });

  it.each([
    ['empty', '', 'empty WHOIS document'],
    ['whitespace', ' \n\n', 'empty WHOIS document'],
    ['binary junk', '\u0000\u0001\u0002\u0003\u00ff\u0007\u0008garbage\u0000\u0000\u0010\u0011', 'not WHOIS text (binary or undecodable content)'],
    ['no domain record', 'No match for "NOPE.COM".\n>>> Last update of whois database: 2024-01-01T00:00:00Z <<<\n', 'no "Domain Name" record for a domain in this WHOIS answer'],
  ])('rejects %s without throwing', (_n, text, reason) => {
    const c = run(text);
    expect(c.rejects).toEqual([{ ref: 1, reason }]);
    expect(c.entities).toEqual([]);
  });
});

describe('decodeWhoisBytes', () => {
  it('keeps valid UTF-8', () => {
    expect(decodeWhoisBytes(Buffer.from('Registrant: Société Générale', 'utf8'))).toBe('Registrant: Société Générale');
  });
  it('falls back to Latin-1 when UTF-8 fails and Latin-1 is clean', () => {
    expect(decodeWhoisBytes(Buffer.from('Registrant: Société Générale', 'latin1'))).toBe('Registrant: Société Générale');
  });
  it('keeps UTF-8 with replacement characters when the bytes hold C1 controls (not Latin-1)', () => {
    expect(decodeWhoisBytes(Uint8Array.from([0x41, 0x81, 0x42]))).toBe('A\uFFFDB');
  });
  it('keeps a genuine encoded U+FFFD', () => {
    expect(decodeWhoisBytes(Buffer.from('x\uFFFDy', 'utf8'))).toBe('x\uFFFDy');
  });
});

describe('parseRegistryDate', () => {
  it.each([
    ['15-sep-1997', 0, '1997-09-15T00:00:00.000Z'],
    ['1997-09-15.', 0, '1997-09-15T00:00:00.000Z'],
    ['2024/10/01 01:00:44 (JST)', 0, '2024-09-30T16:00:44.000Z'],
    ['2019/09/27', 540, '2019-09-26T15:00:00.000Z'],
    ['20131029', 0, '2013-10-29T00:00:00.000Z'],
    ['2012-03-20T09:38:58-04:00', 0, '2012-03-20T13:38:58.000Z'],
    ['2008-08-14T14:54:30Z', 0, '2008-08-14T14:54:30.000Z'],
  ])('%s', (text, off, iso) => expect(parseRegistryDate(text, off)).toBe(iso));
  it('rejects non-dates', () => {
    expect(parseRegistryDate('hm-changed@apnic.net 20021025')).toBeNull();
    expect(parseRegistryDate('')).toBeNull();
  });
});
