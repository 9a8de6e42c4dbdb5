// Hand-made inputs for behaviour the conformance corpus does not cover (README "coverage gaps").
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createDnsmasqParser } from '../../../server/src/importers/dnsmasq/dnsmasq-log.ts';
import { createQueryTableParser, splitRecord } from '../../../server/src/importers/csv/query-table.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import { createZeekJsonParser } from '../../../server/src/importers/zeek/zeek-json.ts';
import { detectFormat } from '../../../server/src/importers/detect-format.ts';
import { hasConformance, conformanceFile, CONFORMANCE_DIR } from '../../support/conformance.ts';
import { feed, summary } from './collect.ts';

describe('dnsmasq joining', () => {
  it('joins query/forwarded/reply lines, CNAME chain owners, A and AAAA interleaved', () => {
    const log = [
      'Jan  3 10:00:00 dnsmasq[830]: query[A] www.example.com from 192.168.1.5',
      'Jan  3 10:00:00 dnsmasq[830]: forwarded www.example.com to 2001:4860:4860::8888',
      'Jan  3 10:00:00 dnsmasq[830]: query[AAAA] www.example.com from 192.168.1.5',
      'Jan  3 10:00:00 dnsmasq[830]: reply www.example.com is <CNAME>',
      'Jan  3 10:00:00 dnsmasq[830]: reply cdn.example.net is 1.2.3.4',
      'Jan  3 10:00:00 dnsmasq[830]: reply cdn.example.net is 1.2.3.5',
      'Jan  3 10:00:00 dnsmasq[830]: reply www.example.com is NODATA-IPv6',
      'Jan  3 10:00:01 dnsmasq[830]: started, version 2.85 cachesize 10000',
      'Jan  3 10:00:02 dnsmasq[830]: query[A] nope.example from 192.168.1.6',
      'Jan  3 10:00:02 dnsmasq[830]: reply nope.example is NXDOMAIN',
    ].join('\n');
    const p = createDnsmasqParser({ year: 2023 });
    const c = feed(p, log);
    expect(summary(c)).toEqual({ events: 3, clients: 2, qnames: 2, answers: 3, rejects: 0 });
    expect(p.skipped).toBe(1);
    expect(p.merged).toBe(6); // lines 2, 4, 5, 6, 7 and 10
    const a = c.events.find((e) => e.ref === 1)!;
    expect(a).toEqual({
      ts: Date.UTC(2023, 0, 3, 10, 0, 0), client: '192.168.1.5', qname: 'www.example.com', qtype: 'A', ref: 1,
      server: '2001:4860:4860::8888', rcode: 'NOERROR',
      answers: [
        { name: 'www.example.com', type: 'CNAME', value: 'cdn.example.net' },
        { name: 'cdn.example.net', type: 'A', value: '1.2.3.4' },
        { name: 'cdn.example.net', type: 'A', value: '1.2.3.5' },
      ],
    });
    expect(c.events.find((e) => e.ref === 3)).toMatchObject({ qtype: 'AAAA', rcode: 'NOERROR' });
    expect(c.events.find((e) => e.ref === 9)).toMatchObject({ qname: 'nope.example', rcode: 'NXDOMAIN', client: '192.168.1.6' });
  });

  it('keys on the serial with log-queries=extra', () => {
    const log = [
      'Jan  3 10:00:00 dnsmasq[9]: 7 10.0.0.2/5300 query[A] a.example from 10.0.0.2',
      'Jan  3 10:00:00 dnsmasq[9]: 8 10.0.0.3/5301 query[A] a.example from 10.0.0.3',
      'Jan  3 10:00:00 dnsmasq[9]: 7 10.0.0.2/5300 reply a.example is 9.9.9.9',
      'Jan  3 10:00:00 dnsmasq[9]: 8 10.0.0.3/5301 cached a.example is 9.9.9.9',
    ].join('\n');
    const c = feed(createDnsmasqParser({ year: 2023 }), log);
    expect(c.events.map((e) => [e.client, e.answers?.length])).toEqual([['10.0.0.2', 1], ['10.0.0.3', 1]]);
  });
});

describe('query tables', () => {
  it('reads the published three-column pipe form', () => {
    const c = feed(createQueryTableParser({}), 'timestamp | host name | query originator IP\n2016-03-01 12:00:05 | WWW.Example.COM. | 10.1.2.3\n1456833605 | x.test | ::ffff:10.1.2.4\r\n | y.test | 10.0.0.1\nbad | z.test | 10.0.0.1\n');
    expect(c.events).toEqual([
      { ts: Date.UTC(2016, 2, 1, 12, 0, 5), qname: 'www.example.com', client: '10.1.2.3', ref: 2 },
      { ts: 1456833605000, qname: 'x.test', client: '10.1.2.4', ref: 3 },
    ]);
    expect(c.rejects).toEqual([
      { ref: 4, reason: 'bad or missing timestamp: ' },
      { ref: 5, reason: 'bad or missing timestamp: bad' },
    ]);
  });

  it('uses a column map, case-insensitively, and RFC 4180 quotes', () => {
    const c = feed(createQueryTableParser({ map: { ts: 'WHEN', qname: 'NAME', client: 'WHO' } }), 'when;who;name\n"2020-01-01T00:00:00+01:00";10.0.0.9;"a.example"\n');
    expect(c.events).toEqual([{ ts: Date.UTC(2019, 11, 31, 23), qname: 'a.example', client: '10.0.0.9', ref: 2 }]);
    expect(splitRecord('"a ""q"" b",c, d ', ',')).toEqual(['a "q" b', 'c', 'd']);
  });
});

describe('Zeek edge cases not in the corpus', () => {
  it('decodes \\xNN escapes and (empty), TSV', () => {
    const log = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-',
      '#fields\tts\tid.orig_h\tquery\tqtype_name\tanswers\tTTLs',
      '1700000000.5\t10.0.0.1\ta\\x2eexample\tTXT\tTXT 3 a\\x2cb\t10.0',
      '1700000000.5\t10.0.0.1\tb.example\tA\t(empty)\t(empty)',
      'not\tenough'].join('\n');
    const c = feed(createZeekTsvParser({}), log);
    expect(c.events[0]).toMatchObject({ ts: 1700000000500, qname: 'a.example', answers: [{ name: 'a.example', type: 'TXT', value: 'a,b', ttl: 10 }] });
    expect(c.events[1].answers).toBeUndefined();
    expect(c.rejects).toEqual([{ ref: 8, reason: 'expected 6 columns, found 2' }]);
  });

  it('accepts ISO-8601 ts in JSON', () => {
    const c = feed(createZeekJsonParser({}), '{"ts":"2019-01-11T06:33:35.857497Z","query":"a.example","id.orig_h":"::ffff:1.2.3.4"}\nnot json\n');
    expect(c.events).toEqual([{ ts: Date.UTC(2019, 0, 11, 6, 33, 35, 857), qname: 'a.example', client: '1.2.3.4', ref: 1 }]);
    expect(c.rejects).toEqual([{ ref: 2, reason: 'not valid JSON' }]);
  });
});

describe('format detection', () => {
  it('recognises synthetic heads', () => {
    expect(detectFormat(Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0, 0]), 'x.pcapng')).toBe('pcap');
    expect(detectFormat(Buffer.from([0x4d, 0x3c, 0xb2, 0xa1]), 'x.pcap')).toBe('pcap');
    expect(detectFormat(Buffer.from([0x1f, 0x8b, 8, 0]), 'x.gz')).toBeNull();
    expect(detectFormat(Buffer.from('timestamp|host name|query originator IP\n'), 'q.txt')).toBe('csv');
    expect(detectFormat(Buffer.from('1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET\n'), 'ip2asn.tsv')).toBe('asn-table');
    expect(detectFormat(Buffer.from('case: Example\nfacts: []\n'), 'c.yaml')).toBe('case');
    expect(detectFormat(Buffer.from('{"cond":"begin"}\n{"obj":{"rrname":"a."}}\n'), 'x.json')).toBe('passive-dns');
    expect(detectFormat(Buffer.from('[1650000000] unbound[1:0] info: 10.0.0.1 a.example. A IN NOERROR 0 0 1\n'), 'u.log')).toBe('unbound');
  });

  const EXPECTED: Record<string, string | null> = {
    'asn_ip/ipwhois__tests_whois.json': 'ipwhois',
    'asn_ip/nicinfo__recorded_responses_autnum_703.txt': 'rdap',
    'asn_ip/nicinfo__recorded_responses_ip_108_45_128_208.txt': 'rdap',
    'bind_querylog/elastic-integrations__infoblox_nios__test-dns.log': 'bind',
    'dnsmasq_querylog/pihole-logfile-reader__pihole.log': 'dnsmasq',
    // dnstap tool outputs (text/YAML/JSON renderings) are not importable formats: only the binary is.
    'dnstap/coredns.io__content_blog_dnstap.md-extract__golang-dnstap-y.yaml': null,
    'dnstap/go-dnscollector__dnstap.fstrm': 'dnstap',
    'dnstap/go-dnscollector__dnstap.fstrm__dnstap-read-y.yaml': null,
    'dnstap/go-dnscollector__dnstap.fstrm__dnstap-read.txt': null,
    'dnstap/go-dnscollector__dnstap.fstrm__golang-dnstap-j.json': null,
    'dnstap/go-dnscollector__dnstap.fstrm__golang-dnstap-q.txt': null,
    'dnstap/go-dnscollector__dnstap.fstrm__golang-dnstap-y.yaml': null,
    'passive_dns/pdns-qof__example_code_testdata_data.json': 'passive-dns',
    'passive_dns/tr-05-serverless-farsight-dnsdb__code_tests_unit_data_domain.json': 'passive-dns',
    'passive_dns/tr-05-serverless-farsight-dnsdb__code_tests_unit_data_ipv6.json': 'passive-dns',
    'pcap/zeek__Traces_dns-invalid-names.pcap': 'pcap',
    'pcap/zeek__Traces_dns-txt-multiple.pcap': 'pcap',
    'pcap/zeek__Traces_ipv6-fragmented-dns.pcap': 'pcap',
    'pcap/zeek__Traces_wikipedia.pcap': 'pcap',
    'rdap/openrdap-rdap__rdap.nic.cz__domain-example.cz.json': 'rdap',
    'rdap/openrdap-rdap__rdap.nic.cz__nameserver-ns2.pipni.cz.json': 'rdap',
    'unbound_querylog/debug_unbound__unbound.log': 'unbound',
    'unbound_querylog/unbound-scripts__README-extract__daemon.log': 'unbound',
    'whois/python-whois__test_samples_whois_google.com.txt': 'whois',
    'whois/python-whois__test_samples_whois_yahoo.co.jp.txt': 'whois',
    // registries, pcap and dnstap files added to the corpus for issue 15 (peer expectations *.json are not importable)
    'whois/python-whois__test_samples_expected_amazon.co.uk.json': null,
    'whois/python-whois__test_samples_expected_app.nl.json': null,
    'whois/python-whois__test_samples_expected_druid.fi.json': null,
    'whois/python-whois__test_samples_expected_eurid.eu.json': null,
    'whois/python-whois__test_samples_expected_google.com.br.json': null,
    'whois/python-whois__test_samples_expected_google.de.json': null,
    'whois/python-whois__test_samples_expected_google.it.json': null,
    'whois/python-whois__test_samples_expected_sbc.org.hk.json': null,
    'whois/python-whois__test_samples_expected_titech.ac.jp.json': null,
    'whois/python-whois__test_samples_expected_univ-paris8.fr.json': null,
    'whois/python-whois__test_samples_expected_yandex.kz.json': null,
    'whois/python-whois__test_samples_expected_yandex.ru.json': null,
    'whois/python-whois__test_samples_whois_amazon.co.uk.txt': 'whois',
    'whois/python-whois__test_samples_whois_app.nl.txt': 'whois',
    'whois/python-whois__test_samples_whois_druid.fi.txt': 'whois',
    'whois/python-whois__test_samples_whois_eurid.eu.txt': 'whois',
    'whois/python-whois__test_samples_whois_google.com.br.txt': 'whois',
    'whois/python-whois__test_samples_whois_google.de.txt': 'whois',
    'whois/python-whois__test_samples_whois_google.it.txt': 'whois',
    'whois/python-whois__test_samples_whois_sbc.org.hk.txt': 'whois',
    'whois/python-whois__test_samples_whois_titech.ac.jp.txt': 'whois',
    'whois/python-whois__test_samples_whois_univ-paris8.fr.txt': 'whois',
    'whois/python-whois__test_samples_whois_yandex.kz.txt': 'whois',
    'whois/python-whois__test_samples_whois_yandex.ru.txt': 'whois',
    'whois/whois-parser__testdata_noterror_cn_google.cn.json': null,
    'whois/whois-parser__testdata_noterror_cn_google.cn.txt': 'whois',
    'whois/whois-parser__testdata_noterror_io_golang.io.json': null,
    'whois/whois-parser__testdata_noterror_io_golang.io.txt': 'whois',
    'whois/whois-parser__testdata_noterror_kr_google.kr.json': null,
    'whois/whois-parser__testdata_noterror_kr_google.kr.txt': 'whois',
    'rdap/ipwhois__tests_rdap.json': 'rdap',
    'rdap/rdap-conformance-tool__validators_profile_response_validations_handle_icann_org_domain_id_real_world.json': 'rdap',
    'rdap/whoisit__tests_data_rdap_response_domain2.json': 'rdap',
    'rdap/whoisit__tests_data_rdap_response_ip_v4_2.json': 'rdap',
    'pcap/go-dnscollector__tests_testsdata_pcap_dnsdump_tcp_fastopen.pcap': 'pcap',
    'pcap/suricata-verify__tests_dns_dns-tcp-multirequest-buffer.pcap': 'pcap',
    'dnstap/bind9__bin_tests_system_dnstap_large-answer.fstrm': 'dnstap',
    'dnstap/bind9__tests_dns_testdata_dnstap_dnstap.saved': 'dnstap',
    'dnstap/bind9__tests_dns_testdata_dnstap_dnstap.text': null,
    'dnstap/pktvisor__src_inputs_dnstap_tests_fixtures_fixture.dnstap': 'dnstap',
    'zeek_json/elastic-beats__filebeat-zeek__dns-json.log': 'zeek-json',
    'zeek_tsv/zeek__core.ipv6-frag__dns.log': 'zeek-tsv',
    'zeek_tsv/zeek__opt.basic__dns.log': 'zeek-tsv',
    'zeek_tsv/zeek__scripts.base.protocols.dns.multiple-txt-strings__dns.log': 'zeek-tsv',
    // Issue 15 items 1–5: security-sensor, server and cloud DNS logs.
    'passivedns_log/ContainNSM__passivedns_1.2.0_README.md-extract__dns.log': 'passivedns-log',
    'passivedns_log/VoidAI__tests_data_real.passivedns.head80': 'passivedns-log',
    'passivedns_log/gamelinux-passivedns__README-extract__passivedns.log': 'passivedns-log',
    'route53_resolver/amazon-route53-docs__doc_source_query-logs.md-extract__public-query-log.txt': 'route53-resolver',
    'route53_resolver/amazon-route53-docs__doc_source_resolver-query-logs-example-json.md-extract__query-log.json': 'route53-resolver',
    'route53_resolver/elastic-integrations__aws_route53_resolver_logs_test-route53.log': 'route53-resolver',
    'suricata_eve/elastic-integrations__suricata_eve_test-eve-dns-4-1-4.log': 'suricata-eve',
    'suricata_eve/surevego__testdata_eve.json': 'suricata-eve',
    'suricata_eve/tenzir__vast_integration_data_suricata_rrdata-eve.json': 'suricata-eve',
    'sysmon_dns/sigma__regression_data_dns_query_win_ligolo_ng_2a4f57b2.json': 'sysmon-dns',
    'sysmon_dns/sigma__regression_data_dns_query_win_remote_access_software_domains_non_browsers_4d07b1f4.json': 'sysmon-dns',
    'sysmon_dns/sigma__regression_data_dns_query_win_wildcard_dns_service_4f8a1c2e.json': 'sysmon-dns',
    'windows_dns_debug/dimwanderings__2015-05-20-windows-dns-server-graphical-troubleshooting-tools.md-extract__dns.log': 'windows-dns',
    'windows_dns_debug/elastic-integrations__microsoft_dnsserver_analytical_test-events.json': 'windows-dns',
  };
  it.skipIf(!hasConformance)('detects every conformance file', () => {
    const files = readdirSync(CONFORMANCE_DIR, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.endsWith('.md'))
      .map((d) => `${d.parentPath.slice(CONFORMANCE_DIR.length + 1)}/${d.name}`).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    for (const f of files) {
      expect([f, detectFormat(readFileSync(conformanceFile(f)).subarray(0, 65536), f.split('/')[1])]).toEqual([f, EXPECTED[f]]);
    }
  });
});
