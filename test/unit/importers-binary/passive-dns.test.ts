import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createPassiveDnsParser } from '../../../server/src/importers/passive-dns/index.ts';
import { feedLines } from '../../support/recording-sink.ts';

const file = (n: string) => readFileSync(conformanceFile(`passive_dns/${n}`), 'utf8');
const iso = Date.parse;

describe.skipIf(!hasConformance)('passive-DNS conformance files', () => {
  it('CIRCL COF NDJSON: rdata arrays, epoch times', () => {
    const c = feedLines(createPassiveDnsParser({}), file('pdns-qof__example_code_testdata_data.json'));
    expect(c.rejects).toEqual([]);
    expect(c.passive).toEqual([
      { rrname: 'www.circl.lu', rrtype: 'CNAME', rdata: ['cpa.circl.lu'], firstSeen: 1315586409000, lastSeen: 1449566799000, count: 1909, ref: 1 },
      { rrname: 'www.circl.lu', rrtype: 'CNAME', rdata: ['cpab.circl.lu'], firstSeen: 1449584660000, lastSeen: 1617676151000, count: 2560, ref: 2 },
    ]);
  });

  it('Cisco DNSDB fixture (domain): records from "input"; the CTIM sightings in "output*" are skipped', () => {
    const c = feedLines(createPassiveDnsParser({}), file('tr-05-serverless-farsight-dnsdb__code_tests_unit_data_domain.json'));
    expect(c.rejects).toEqual([]);
    expect(c.passive).toEqual([
      { rrname: 'google.com', rrtype: 'A', rdata: ['74.125.224.64', '74.125.224.65'], firstSeen: iso('2013-01-14T19:23:53Z'), lastSeen: iso('2013-01-14T19:23:53Z'), count: 5, bailiwick: '.', ref: 1 },
      { rrname: 'google.com', rrtype: 'A', rdata: ['173.194.220.100', '173.194.220.101'], firstSeen: iso('2010-04-24T16:12:21Z'), lastSeen: iso('2010-12-31T17:09:16Z'), count: 1979, bailiwick: 'google.com', ref: 1 },
      { rrname: 'google.com', rrtype: 'NS', rdata: ['ns1.google.com', 'ns2.google.com'], firstSeen: iso('2013-01-01T17:15:58Z'), lastSeen: iso('2013-12-31T17:12:26Z'), count: 252, bailiwick: 'com', ref: 1 },
      { rrname: 'google.com', rrtype: 'AAAA', rdata: ['2001:4860:4001:802::1008'], firstSeen: iso('2013-01-09T07:43:50Z'), lastSeen: iso('2013-01-09T07:43:50Z'), count: 2, bailiwick: '.', ref: 1 },
    ]);
    expect(c.notes).toContain('arrays without passive-DNS records skipped: output, output-aggregated');
  });

  it('Cisco DNSDB fixture (ipv6): rdata as a string, zone times', () => {
    const c = feedLines(createPassiveDnsParser({}), file('tr-05-serverless-farsight-dnsdb__code_tests_unit_data_ipv6.json'));
    expect(c.rejects).toEqual([]);
    const t = iso('2019-12-01T23:47:00Z');
    expect(c.passive).toEqual(['dns2.tacnet.org', 'dns3.tacnet.org'].map((rrname) => (
      { rrname, rrtype: 'AAAA', rdata: ['2001:db8:85a3::8a2e:370:7334'], firstSeen: t, lastSeen: t, count: 1, ref: 1 })));
  });
});

describe('passive-DNS formats (inline samples)', () => {
  it('DNSDB NDJSON: trailing dots, MX/SRV reduced to the host, DS/RRSIG/TXT kept as text, raw_rdata ignored, time_* and zone_time_* merged', () => {
    const text = [
      '{"rrname":"example.com.","rrtype":"MX","rdata":["10 Mail.Example.com.","20 mx2.example.net."],"time_first":1500000000,"time_last":1600000000,"count":3,"bailiwick":"example.com."}',
      '{"rrname":"example.com.","rrtype":"DS","rdata":"31589 8 2 CDE0D742D6998AA554A92D890F8184C698CFAC8A26FA59875A990C03E576343C","raw_rdata":"7B65080A"}',
      '{"rrname":"example.com.","rrtype":"RRSIG","rdata":["A 8 2 3600 20240101000000 20231201000000 12345 example.com. c2lnbmF0dXJl"]}',
      '{"rrname":"_sip._udp.example.com.","rrtype":"SRV","rdata":"0 5 5060 SIP.example.com."}',
      '{"rrname":"example.com.","rrtype":"TXT","rdata":"\\"v=spf1 -all\\""}',
      '{"rrname":"www.example.com.","rrtype":"A","rdata":["192.0.2.1"],"time_first":1500000500,"time_last":1500000900,"zone_time_first":1400000000,"zone_time_last":1450000000}',
    ].join('\n');
    const c = feedLines(createPassiveDnsParser({}), text);
    expect(c.rejects).toEqual([]);
    expect(c.passive).toEqual([
      { rrname: 'example.com', rrtype: 'MX', rdata: ['mail.example.com', 'mx2.example.net'], firstSeen: 1500000000000, lastSeen: 1600000000000, count: 3, bailiwick: 'example.com', ref: 1 },
      { rrname: 'example.com', rrtype: 'DS', rdata: ['31589 8 2 CDE0D742D6998AA554A92D890F8184C698CFAC8A26FA59875A990C03E576343C'], ref: 2 },
      { rrname: 'example.com', rrtype: 'RRSIG', rdata: ['A 8 2 3600 20240101000000 20231201000000 12345 example.com. c2lnbmF0dXJl'], ref: 3 },
      { rrname: '_sip._udp.example.com', rrtype: 'SRV', rdata: ['sip.example.com'], ref: 4 },
      { rrname: 'example.com', rrtype: 'TXT', rdata: ['"v=spf1 -all"'], ref: 5 },
      { rrname: 'www.example.com', rrtype: 'A', rdata: ['192.0.2.1'], firstSeen: 1400000000000, lastSeen: 1500000900000, ref: 6 },
    ]);
  });

  it('SAF stream: objects unwrapped, summarize skipped, stops at the terminal cond and notes a limited stream', () => {
    const text = [
      '{"cond":"begin"}',
      '{"obj":{"rrname":"a.example.","rrtype":"A","rdata":["192.0.2.10"],"time_first":1,"time_last":2}}',
      '{"obj":{"count":12,"num_results":3}}',
      'not json',
      '{"cond":"limited","msg":"Result limit reached"}',
      '{"obj":{"rrname":"ignored.example.","rrtype":"A","rdata":["192.0.2.11"]}}',
    ].join('\n');
    const p = createPassiveDnsParser({ fileName: 'saf.json' });
    const c = feedLines(p, text);
    expect(c.passive).toEqual([{ rrname: 'a.example', rrtype: 'A', rdata: ['192.0.2.10'], firstSeen: 1000, lastSeen: 2000, ref: 2 }]);
    expect(c.rejects).toEqual([{ ref: 4, reason: expect.stringMatching(/^invalid JSON: /) }]);
    expect(c.notes).toEqual([
      'line 5: DNSDB stream ended "limited": Result limit reached; the export is incomplete',
      'saf.json: 1 line(s) after the stream\'s terminal "cond" ignored',
      'saf.json: 1 summarize object(s) (count / num_results, no rrname) skipped',
      'saf.json: 1 passive-DNS records, 1 rejected',
    ]);
  });

  it('a SAF stream without a terminal cond is noted as cut; bad records are rejected with their line', () => {
    const text = [
      '{"cond":"begin"}',
      '{"obj":{"rrname":"b.example.","rrtype":"A","rdata":["not-an-ip"]}}',
      '{"obj":{"rrtype":"A","rdata":["192.0.2.1"]}}',
      '{"obj":{"rrname":"c.example.","rrtype":"CNAME","rdata":"d.example."}}',
    ].join('\n');
    const c = feedLines(createPassiveDnsParser({}), text);
    expect(c.passive).toEqual([{ rrname: 'c.example', rrtype: 'CNAME', rdata: ['d.example'], ref: 4 }]);
    expect(c.rejects).toEqual([
      { ref: 2, reason: 'b.example A: no usable rdata ("not-an-ip")' },
      { ref: 3, reason: 'passive-DNS object without rrname' },
    ]);
    expect(c.notes).toContain('DNSDB stream has no terminal "cond" line: the export was cut short');
  });

  it('pretty-printed array spanning lines, with braces inside strings; an unclosed document is rejected', () => {
    const text = '[\n  {\n    "rrname": "x.example.",\n    "rrtype": "TXT",\n    "rdata": ["a } ] { [ \\" b"]\n  }\n]\n{\n  "rrname": "y.example"';
    const c = feedLines(createPassiveDnsParser({}), text);
    expect(c.passive).toEqual([{ rrname: 'x.example', rrtype: 'TXT', rdata: ['a } ] { [ " b'], ref: 1 }]);
    expect(c.rejects).toEqual([{ ref: 8, reason: 'JSON document not closed before the end of the file' }]);
  });
});
