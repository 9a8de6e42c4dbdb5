// The real files in ../shared/conformance for the five security-sensor, server and cloud formats:
// counts read off the files (see the corpus README for each file's quirks).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceFile, hasConformance } from '../../support/conformance.ts';
import { createSuricataEveParser } from '../../../server/src/importers/suricata-eve/suricata-eve.ts';
import { createPassiveDnsLogParser } from '../../../server/src/importers/passivedns-log/passivedns-log.ts';
import { createWindowsDnsParser } from '../../../server/src/importers/windows-dns/windows-dns.ts';
import { createSysmonDnsParser } from '../../../server/src/importers/sysmon-dns/sysmon-dns.ts';
import { createRoute53Parser } from '../../../server/src/importers/route53-resolver/route53-resolver.ts';
import { feedFile, lookups } from './collect.ts';

const SKIP = !hasConformance;
const answersOf = (c: ReturnType<typeof feedFile>) => c.events.flatMap((e) => e.answers ?? []);

describe.skipIf(SKIP)('Suricata EVE conformance', () => {
  it('surevego eve.json: 48 dns events of 266 (9 queries, 35 answer rows, 4 empty SRV rows), the rest skipped in a note', () => {
    const p = createSuricataEveParser({});
    const c = feedFile(p, conformanceFile('suricata_eve/surevego__testdata_eve.json'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length, p.skipped]).toEqual([266, 44, 9, 0, 222]);
    expect(c.notes.join('\n')).toMatch(/218 non-DNS EVE event\(s\) skipped \(alert 68, fileinfo 68, http 68, flow 13, stats 1\)/);
    expect(c.notes.join('\n')).toMatch(/4 answer row\(s\) without a name or data/);
    const a = answersOf(c);
    // Zero-padded AAAA folded to canonical text; the authority NS row kept as what it says.
    expect(a).toContainEqual(expect.objectContaining({ type: 'AAAA', value: '2a04:4e42:3::204' }));
    expect(a).toContainEqual(expect.objectContaining({ name: 'fastly.net', type: 'NS', value: 'ns1.fastly.net' }));
    // The +0100 offset is honoured.
    expect(c.events.find((e) => e.ref === 1 || e.client === '172.17.0.2')!.ts).toBeLessThan(Date.UTC(2017, 0, 30, 16));
    const nx = c.events.find((e) => e.rcode === 'NXDOMAIN');
    expect(nx?.answers).toEqual([]);
  });

  it('Elastic 4.1 file: v1 queries, v2 answers with and without grouped, v1 answers with flags — 8 lookups, 16 answer lines', () => {
    const c = feedFile(createSuricataEveParser({}), conformanceFile('suricata_eve/elastic-integrations__suricata_eve_test-eve-dns-4-1-4.log'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length]).toEqual([24, 24, 8, 0]);
    const line7 = c.events.find((e) => e.ref === 7)!;
    // Four identical A records in one v2 answer are one fact.
    expect(line7.answers).toEqual([
      { name: 'www.elastic.co', type: 'CNAME', value: 'dualstack.r2.shared.global.fastly.net', ttl: 270 },
      { name: 'dualstack.r2.shared.global.fastly.net', type: 'A', value: '175.16.199.1', ttl: 29 },
    ]);
    expect(answersOf(c)).toContainEqual(expect.objectContaining({ type: 'AAAA', value: '2a02:cf40:200::729' }));
  });

  it('tenzir rrdata: MX query and a v2 answer with 5 exchanges (host only, no preference)', () => {
    const c = feedFile(createSuricataEveParser({}), conformanceFile('suricata_eve/tenzir__vast_integration_data_suricata_rrdata-eve.json'));
    expect([c.events.length, lookups(c.events), c.rejects.length]).toEqual([2, 1, 0]);
    expect(c.events[0]).toMatchObject({ client: '10.16.1.11', server: '8.8.8.8', qname: 'google.com', qtype: 'MX', ts: Date.parse('2017-05-09T21:07:44.147Z') });
    expect(c.events[1].answers!.map((a) => a.value)).toEqual(['aspmx.l.google.com', 'alt1.aspmx.l.google.com', 'alt2.aspmx.l.google.com', 'alt3.aspmx.l.google.com', 'alt4.aspmx.l.google.com']);
  });
});

describe.skipIf(SKIP)('passivedns conformance', () => {
  it('README extract: header comment skipped, counts carried (5+5+8+8+3+2 = 31 lookups)', () => {
    const p = createPassiveDnsLogParser({});
    const c = feedFile(p, conformanceFile('passivedns_log/gamelinux-passivedns__README-extract__passivedns.log'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length, p.skipped]).toEqual([7, 6, 31, 0, 1]);
    expect(c.events[0]).toMatchObject({ ts: 1322849924409, client: '10.1.1.1', server: '8.8.8.8', qname: 'upload.youtube.com', qtype: 'A', count: 5 });
    expect(c.events[1].answers).toEqual([{ name: 'upload.youtube.com', type: 'A', value: '74.125.43.116', ttl: 420509 }]);
  });

  it('ContainNSM: one response written as 10 RR lines makes 4 lookups (CNAME targets and extra A rows add answers only)', () => {
    const c = feedFile(createPassiveDnsLogParser({}), conformanceFile('passivedns_log/ContainNSM__passivedns_1.2.0_README.md-extract__dns.log'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length]).toEqual([10, 10, 4, 0]);
    expect(c.events.filter((e) => e.client).map((e) => e.qname)).toEqual(['www.google.com', 'ssl.google-analytics.com', 'www.blogger.com', 'f.e.drugstore.com']);
    expect(answersOf(c).filter((a) => a.name === 'www.l.google.com').length).toBe(4);
  });

  it('VoidAI: 8 comment lines and the [*] banner skipped; relative times kept as no time; IPv6 ULA clients', () => {
    const p = createPassiveDnsLogParser({});
    const c = feedFile(p, conformanceFile('passivedns_log/VoidAI__tests_data_real.passivedns.head80'));
    expect([c.lines, c.events.length, c.rejects.length, p.skipped]).toEqual([80, 71, 0, 9]);
    expect(c.events.every((e) => Number.isNaN(e.ts))).toBe(true);
    expect(c.notes.join()).toMatch(/71 record\(s\) have times before 1980/);
    expect(c.events[0]).toMatchObject({ client: 'fd2d:ab8c:225:0:1d3:35e9:7d97:2325', server: 'fd2d:ab8c:225::1' });
    expect(c.events.some((e) => e.count === 2)).toBe(true);
  });
});

describe.skipIf(SKIP)('Windows DNS conformance', () => {
  it('debug log: 12 PACKET lines, 4 client queries counted, header and TAB-indented key skipped', () => {
    const p = createWindowsDnsParser({});
    const c = feedFile(p, conformanceFile('windows_dns_debug/dimwanderings__2015-05-20-windows-dns-server-graphical-troubleshooting-tools.md-extract__dns.log'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length, p.skipped]).toEqual([41, 12, 4, 0, 29]);
    const clients = c.events.filter((e) => e.client);
    expect(clients.map((e) => e.qname)).toEqual(['sitecheck2.opera.com', 'ctldl.windowsupdate.com', 'ctldl.windowsupdate.com', 'duckduckgo.com']);
    expect(clients[0]).toMatchObject({ client: '10.250.2.246', qtype: 'A', proto: 'udp', ts: Date.UTC(2015, 4, 21, 13, 51, 18) });
    // Forwarded to 10.250.128.151: the server is named, no lookup is counted twice.
    expect(c.events.filter((e) => e.server === '10.250.128.151').length).toBe(3);
    expect(c.events.filter((e) => e.rcode === 'NOERROR').length).toBe(5);
  });

  it('analytical events JSON: 4 events (256, 257, 259, 261), 2 client lookups, answers decoded from PacketData', () => {
    const c = feedFile(createWindowsDnsParser({}), conformanceFile('windows_dns_debug/elastic-integrations__microsoft_dnsserver_analytical_test-events.json'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length]).toEqual([260, 4, 2, 0]);
    expect(c.events.filter((e) => e.client).map((e) => [e.client, e.qname, e.qtype])).toEqual([['67.43.156.1', 'google.es', 'A'], ['216.160.83.56', 'example.com', 'A']]);
    expect(answersOf(c)).toContainEqual({ name: 'google.es', type: 'AAAA', value: '2607:f8b0:4004:c17::5e', ttl: 300 });
    // Each event's line is where its object opens inside {"events": [...]}.
    const text = readFileSync(conformanceFile('windows_dns_debug/elastic-integrations__microsoft_dnsserver_analytical_test-events.json'), 'utf8');
    const opens = text.split('\n').flatMap((l, i) => (l === '        {' ? [i + 1] : []));
    expect(c.events.map((e) => e.ref)).toEqual(opens);
  });
});

describe.skipIf(SKIP)('Sysmon 22 conformance', () => {
  it('ligolo: failed lookup (QueryStatus "9003") is NXDOMAIN with no answers; the process and its computer', () => {
    const c = feedFile(createSysmonDnsParser({}), conformanceFile('sysmon_dns/sigma__regression_data_dns_query_win_ligolo_ng_2a4f57b2.json'));
    expect([c.events.length, c.rejects.length]).toEqual([1, 0]);
    expect(c.events[0]).toMatchObject({ qname: 'webui.ligolo.ng', rcode: 'NXDOMAIN' });
    expect(c.events[0].answers).toEqual([]); // QueryResults "-"
    expect(c.entities.map((e) => e.kind).sort()).toEqual(['Host', 'Process']);
    expect(c.edges.map((e) => e.type).sort()).toEqual(['LOOKED_UP', 'RUNS_ON']);
  });

  it('anydesk: integer QueryStatus 0, a CNAME then ten IPv4-mapped addresses owned by the CNAME target', () => {
    const c = feedFile(createSysmonDnsParser({}), conformanceFile('sysmon_dns/sigma__regression_data_dns_query_win_remote_access_software_domains_non_browsers_4d07b1f4.json'));
    const e = c.events[0];
    expect(e).toMatchObject({ qname: 'boot.net.anydesk.com', rcode: 'NOERROR', ts: Date.UTC(2026, 7, 8, 8, 33, 15, 100) });
    expect(e.answers![0]).toEqual({ name: 'boot.net.anydesk.com', type: 'CNAME', value: 'boot-relays.net.anydesk.com' });
    expect(e.answers!.slice(1).map((a) => [a.name, a.type])).toEqual(Array(10).fill(['boot-relays.net.anydesk.com', 'A']));
    const proc = c.entities.find((x) => x.kind === 'Process')!;
    expect(proc).toEqual({ kind: 'Process', key: 'sigmacatchvm:570e49aa-de48-6a7a-9e15-000000001400', props: {
      name: 'AnyDesk.exe', image: 'C:\\Users\\frack113\\Desktop\\AnyDesk.exe', pid: 12152, processGuid: '570e49aa-de48-6a7a-9e15-000000001400',
      computer: 'SigmaCatchVm', user: 'SigmaCatchVm\\frack113' } });
    const look = c.edges.find((x) => x.type === 'LOOKED_UP')!;
    expect(look).toMatchObject({ from: { kind: 'Process', key: proc.key }, to: { kind: 'Host', key: 'boot.net.anydesk.com' }, ref: 1, props: { count: 1, statuses: ['NOERROR'] } });
    expect(c.edges.find((x) => x.type === 'RUNS_ON')!.to).toEqual({ kind: 'Host', key: 'sigmacatchvm' });
  });

  it('nip.io: a bare IPv4-mapped result with a trailing ";" and no type entry', () => {
    const c = feedFile(createSysmonDnsParser({}), conformanceFile('sysmon_dns/sigma__regression_data_dns_query_win_wildcard_dns_service_4f8a1c2e.json'));
    expect(c.events[0].answers).toEqual([{ name: '192-168-1-1.nip.io', type: 'A', value: '192.168.1.1' }]);
  });
});

describe.skipIf(SKIP)('Route 53 conformance', () => {
  it('Elastic resolver log: 34 records, 34 lookups, one instance and one firewall BLOCK (with a NOERROR answer)', () => {
    const c = feedFile(createRoute53Parser({}), conformanceFile('route53_resolver/elastic-integrations__aws_route53_resolver_logs_test-route53.log'));
    expect([c.lines, c.events.length, lookups(c.events), c.rejects.length]).toEqual([34, 34, 34, 0]);
    expect(c.entities.filter((e) => e.kind === 'Vpc').map((e) => e.key).sort()).toEqual(['vpc-01e31a7c', 'vpc-7example']);
    expect(c.entities.filter((e) => e.kind === 'CloudInstance').map((e) => e.key).sort()).toEqual(['i-079c44232510ca8ff', 'i-0d15cd0d3example']);
    expect(c.edges.filter((e) => e.type === 'ASSIGNED_TO').map((e) => [e.from.key, e.to.key, e.props?.count])).toEqual([
      ['172.31.86.159', 'i-079c44232510ca8ff', 4], ['81.2.69.143', 'i-0d15cd0d3example', 1]]);
    const fw = c.edges.filter((e) => e.type === 'FIREWALL_MATCHED');
    expect(fw).toEqual([expect.objectContaining({ from: { kind: 'Vpc', key: 'vpc-7example' }, to: { kind: 'Host', key: '15.199.16.175.in-addr.arpa' }, ref: 33,
      props: { count: 1, actions: ['BLOCK'], ruleGroupIds: ['rslvr-frg-01234567890abcdef'], domainListIds: ['rslvr-fdl-01234567890abcdef'] } })]);
    expect(c.events.filter((e) => e.rcode === 'NXDOMAIN').every((e) => e.answers!.length === 0)).toBe(true);
    // The ip6.arpa PTR on the last line has no trailing dot.
    expect(c.events[33].qname).toMatch(/ip6\.arpa$/);
  });

  it('AWS docs pretty-printed example (irregular indentation): one record at the line its object opens', () => {
    const c = feedFile(createRoute53Parser({}), conformanceFile('route53_resolver/amazon-route53-docs__doc_source_resolver-query-logs-example-json.md-extract__query-log.json'));
    expect([c.events.length, c.rejects.length]).toEqual([1, 0]);
    expect(c.events[0]).toMatchObject({ ref: 1, client: '4.5.64.102', qname: '15.3.4.32.in-addr.arpa', qtype: 'PTR', ts: Date.UTC(2021, 1, 4, 17, 51, 55) });
  });

  it('public hosted-zone query log: 5 lines, the resolver as the asking party', () => {
    const c = feedFile(createRoute53Parser({}), conformanceFile('route53_resolver/amazon-route53-docs__doc_source_query-logs.md-extract__public-query-log.txt'));
    expect([c.events.length, c.rejects.length]).toEqual([5, 0]);
    expect(c.events.map((e) => [e.client, e.qname, e.qtype, e.rcode, e.proto])).toEqual([
      ['192.168.1.1', 'example.com', 'A', 'NOERROR', 'udp'], ['192.168.3.1', 'example.com', 'AAAA', 'NOERROR', 'tcp'],
      ['2001:db8::1234', 'example.com', 'ANY', 'NOERROR', 'udp'], ['192.168.3.1', 'bad.example.com', 'A', 'NXDOMAIN', 'udp'],
      ['192.168.1.2', 'txt.example.com', 'TXT', 'NOERROR', 'udp']]);
  });
});
