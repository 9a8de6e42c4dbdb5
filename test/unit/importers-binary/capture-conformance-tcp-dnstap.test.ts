// The pcap and dnstap files added to the corpus with issue 15, counts read off the files and their
// README entries: DNS over TCP (TCP Fast Open, twenty pipelined queries) and dnstap from BIND and
// an unnamed producer (pktvisor's fixture).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createPcapParser } from '../../../server/src/importers/pcap/index.ts';
import { createDnstapParser } from '../../../server/src/importers/dnstap/index.ts';
import { feedBytes } from '../../support/recording-sink.ts';

describe.skipIf(!hasConformance)('DNS over TCP captures', () => {
  it('tcp_fastopen: the query rides in the SYN payload of each of the four connections', () => {
    const p = createPcapParser({});
    const c = feedBytes(p, readFileSync(conformanceFile('pcap/go-dnscollector__tests_testsdata_pcap_dnsdump_tcp_fastopen.pcap')), 500);
    expect(c.rejects).toEqual([]);
    expect(p.stats()).toMatchObject({ packets: 32, dnsMessages: 8, queries: 4, responses: 4, events: 4 });
    for (const e of c.events) {
      expect(e).toMatchObject({ client: '192.168.1.17', server: '1.1.1.1', qname: 'www.google.com', qtype: 'A', proto: 'tcp', rcode: 'NOERROR' });
      expect(e.answers).toHaveLength(1);
    }
  });

  it('multirequest-buffer: twenty length-prefixed queries in one segment, answered after the client FIN', () => {
    const p = createPcapParser({});
    const c = feedBytes(p, readFileSync(conformanceFile('pcap/suricata-verify__tests_dns_dns-tcp-multirequest-buffer.pcap')));
    expect(c.rejects).toEqual([]);
    // suricata-verify's test.yaml expects 20 requests and 20 responses.
    expect(p.stats()).toMatchObject({ packets: 48, queries: 20, responses: 20, events: 20 });
    expect(c.events.map((e) => e.qname).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `${i}.google.com`).sort());
    expect(c.events.every((e) => e.rcode === 'NXDOMAIN' && e.client === '10.16.1.11')).toBe(true);
  });
});

describe.skipIf(!hasConformance)('dnstap from BIND and pktvisor', () => {
  it('BIND dnstap.saved: every message of the twelve types over UDP and TCP, as BIND\'s own dnstap-read lists them', () => {
    const text = readFileSync(conformanceFile('dnstap/bind9__tests_dns_testdata_dnstap_dnstap.text'), 'utf8').trim().split('\n');
    const p = createDnstapParser({});
    const c = feedBytes(p, readFileSync(conformanceFile('dnstap/bind9__tests_dns_testdata_dnstap_dnstap.saved')), 1000);
    expect(c.rejects).toEqual([]);
    expect(p.stats()).toMatchObject({ frames: text.length, messages: text.length, rejected: 0 });
    expect(text.every((l) => l.endsWith(' www.isc.org/IN/A'))).toBe(true);
    expect(new Set(c.events.map((e) => `${e.qname}/${e.qtype}`))).toEqual(new Set(['www.isc.org/A']));
    expect(new Set(c.events.map((e) => e.proto))).toEqual(new Set(['udp', 'tcp']));
  });

  it('BIND large-answer: one AUTH_RESPONSE over ::1 with 48 answers', () => {
    const c = feedBytes(createDnstapParser({}), readFileSync(conformanceFile('dnstap/bind9__bin_tests_system_dnstap_large-answer.fstrm')));
    expect(c.rejects).toEqual([]);
    expect(c.events).toHaveLength(1);
    expect(c.events[0]).toMatchObject({ client: '::1', qname: 'example', rcode: 'NOERROR' });
    expect(c.events[0].answers).toHaveLength(48);
  });

  it('pktvisor fixture: 79 queries and 74 responses on port 53000, the truncated last frame reported', () => {
    const p = createDnstapParser({});
    const c = feedBytes(p, readFileSync(conformanceFile('dnstap/pktvisor__src_inputs_dnstap_tests_fixtures_fixture.dnstap')), 777);
    expect(p.stats()).toMatchObject({ frames: 153, messages: 153, rejected: 0 });
    expect(c.rejects).toEqual([{ ref: 154, reason: 'Frame Streams file truncated: the last 242 bytes do not form a complete frame' }]);
    expect(c.events.filter((e) => e.rcode === 'SERVFAIL')).toHaveLength(4);
    expect(new Set(c.events.map((e) => e.qtype))).toEqual(new Set(['A', 'HTTPS']));
    expect(new Set(c.events.map((e) => e.client))).toEqual(new Set(['192.168.0.54']));
    expect(c.events.filter((e) => e.rcode !== undefined)).toHaveLength(74);
  });
});
