import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createBindParser } from '../../../server/src/importers/bind/bind-querylog.ts';
import { createDnsmasqParser } from '../../../server/src/importers/dnsmasq/dnsmasq-log.ts';
import { createUnboundParser } from '../../../server/src/importers/unbound/unbound-log.ts';
import { byRef, feedFile, summary } from './collect.ts';

describe.skipIf(!hasConformance)('BIND / Infoblox conformance', () => {
  const file = () => conformanceFile('bind_querylog/elastic-integrations__infoblox_nios__test-dns.log');

  it('12 query records, 16 non-query lines skipped, nothing rejected', () => {
    const p = createBindParser({ year: 2022 });
    const c = feedFile(p, file());
    // Records on lines 1-5, 7, 22, 23, 25-28; the rest are rpz/CEF/notify/AXFR/DNSSEC/query-failed.
    expect(summary(c)).toEqual({ events: 12, clients: 4, qnames: 10, answers: 6, rejects: 0 });
    expect(c.events.map((e) => e.ref)).toEqual([1, 2, 3, 4, 5, 7, 22, 23, 25, 26, 27, 28]);
    expect(p.skipped).toBe(16);
    expect(c.notes).toEqual([
      'syslog timestamps have no year: using 2022 from the year option',
      '1 answer record(s) could not be read (rdata not valid for the type) and were dropped',
    ]);
  });

  it('reads Infoblox responses, BIND timestamps, views, TXT with ; in quotes, CH class', () => {
    const c = feedFile(createBindParser({ year: 2022 }), file());
    // `a1.foo.com 28800 IN A foo.com` is not an address: only 0.0.0.0 survives.
    expect(byRef(c, 1)).toEqual({
      ts: Date.UTC(2022, 3, 7, 8, 8, 10, 43), client: '192.168.0.1', qname: 'a1.foo.com', qtype: 'A', ref: 1, proto: 'udp', rcode: 'NOERROR',
      answers: [{ name: 'a1.foo.com', type: 'A', value: '0.0.0.0', ttl: 28800 }],
    });
    expect(byRef(c, 2)).toMatchObject({ qname: 'test.com', rcode: 'REFUSED' });
    expect(byRef(c, 4)).toMatchObject({ qname: 'non-exist.foo.com', rcode: 'NXDOMAIN' });
    expect(byRef(c, 5).answers!.map((a) => a.value)).toEqual(['192.168.0.2', '192.168.0.3']);
    // Syslog time (no BIND time on the line): year from the option, double-space day.
    expect(byRef(c, 7)).toEqual({
      ts: Date.UTC(2022, 2, 9, 23, 59, 59), client: '192.168.0.1', qname: 'config.nos-avg.cz', qtype: 'TXT', ref: 7, proto: 'udp', server: '192.168.0.1',
    });
    expect(byRef(c, 23)).toMatchObject({ ts: Date.UTC(2022, 3, 14, 16, 16, 5), client: '192.168.1.90', qname: 'ocsp.digicert.com', server: '192.168.1.10' });
    expect(byRef(c, 25).answers).toEqual([{ name: '89.160.20.128.a1.foo.com', type: 'PTR', value: '089.160.20.112.a1.foo.com', ttl: 21801 }]);
    expect(byRef(c, 25).ts).toBe(Date.UTC(2022, 9, 4, 10, 18, 7, 834));
    expect(byRef(c, 26)).toMatchObject({
      ts: Date.UTC(2023, 4, 9, 11, 54, 36, 185), client: '89.160.20.128', qname: 'settings-win.data.microsoft.com', qtype: 'TXT',
      answers: [{ name: 'settings-win.data.microsoft.com', type: 'TXT', value: 'k=rsa; p=abcdefghijklAB', ttl: 3600 }],
    });
    expect(byRef(c, 27)).toMatchObject({ qname: 'abugtera.tun.p2.42', server: '81.2.69.144', ts: Date.UTC(2022, 10, 27, 13, 3, 52) });
    expect(byRef(c, 28)).toMatchObject({ qname: 'version.bind', qtype: 'TXT', proto: 'tcp', client: '10.4.71.204' });
  });

  it('takes the year from the file time when no year is given, and says so', () => {
    const c = feedFile(createBindParser({ fileTime: Date.UTC(2019, 5, 1) }), file());
    expect(byRef(c, 7).ts).toBe(Date.UTC(2019, 2, 9, 23, 59, 59));
    expect(byRef(c, 1).ts).toBe(Date.UTC(2022, 3, 7, 8, 8, 10, 43)); // BIND's own time wins
    expect(c.notes[0]).toBe('syslog timestamps have no year: using 2019 from the file modification time');
  });
});

describe.skipIf(!hasConformance)('dnsmasq / Pi-hole conformance', () => {
  it('orphan reply and gravity lines become client-less events; months out of order', () => {
    const p = createDnsmasqParser({ year: 2021 });
    const c = feedFile(p, conformanceFile('dnsmasq_querylog/pihole-logfile-reader__pihole.log'));
    // 16 `reply ... is 1.2.3.4` lines and 7 `gravity blocked ... is NODATA` lines, no query[] lines.
    expect(summary(c)).toEqual({ events: 23, clients: 0, qnames: 3, answers: 16, rejects: 0 });
    expect(p.skipped + p.merged).toBe(0);
    expect(byRef(c, 1)).toEqual({
      ts: Date.UTC(2021, 8, 21, 0, 0, 12), qname: 'clients.l.google.com', ref: 1, rcode: 'NOERROR',
      answers: [{ name: 'clients.l.google.com', type: 'A', value: '1.2.3.4' }],
    });
    expect(byRef(c, 3).ts).toBe(Date.UTC(2021, 0, 21, 0, 0, 12));
    expect(byRef(c, 7)).toEqual({ ts: Date.UTC(2021, 1, 21, 0, 1, 5), qname: 'metrics.icloud.com', ref: 7, rcode: 'NOERROR' });
    expect(byRef(c, 16)).toMatchObject({ qname: 'metrics.icloud.com', ts: Date.UTC(2021, 8, 21, 2, 0, 12) });
    expect(c.notes).toEqual(['syslog timestamps have no year: using 2021 from the year option']);
  });
});

describe.skipIf(!hasConformance)('Unbound conformance', () => {
  it('log-replies extract: 27 replies from one client', () => {
    const c = feedFile(createUnboundParser({ year: 2018 }), conformanceFile('unbound_querylog/unbound-scripts__README-extract__daemon.log'));
    expect(summary(c)).toEqual({ events: 27, clients: 1, qnames: 16, answers: 0, rejects: 0 });
    expect(byRef(c, 3)).toEqual({
      ts: Date.UTC(2018, 4, 20, 16, 29, 19), client: '192.168.10.8', qname: 's.marketwatch.com', qtype: 'A', rcode: 'NXDOMAIN', ref: 3,
    });
    expect(byRef(c, 16)).toMatchObject({ qname: 'black.jumpnow', qtype: 'A', rcode: 'NOERROR', ts: Date.UTC(2018, 4, 23, 8, 5, 52) });
    expect(c.events.filter((e) => e.rcode === 'NXDOMAIN').map((e) => e.ref)).toEqual([3, 4]);
    expect(c.events.filter((e) => e.qtype === 'AAAA')).toHaveLength(13);
  });

  it('real syslog without query lines: nothing, no rejects, no crash (no final newline)', () => {
    const p = createUnboundParser({ year: 2024 });
    const c = feedFile(p, conformanceFile('unbound_querylog/debug_unbound__unbound.log'));
    expect(summary(c)).toEqual({ events: 0, clients: 0, qnames: 0, answers: 0, rejects: 0 });
    expect(c.lines).toBe(44);
    expect(p.skipped).toBe(44);
  });
});
