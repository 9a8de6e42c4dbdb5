// The four Zeek traces, with expectations read off `tcpdump -nr -vv` of each file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createPcapParser } from '../../../server/src/importers/pcap/index.ts';
import { feedBytes } from '../../support/recording-sink.ts';

const pcap = (name: string) => readFileSync(conformanceFile(`pcap/${name}`));

describe.skipIf(!hasConformance)('pcap conformance traces', () => {
  it('dns-invalid-names: three malformed queries (one a compression-pointer loop) are rejected, nothing crashes', () => {
    const p = createPcapParser({});
    const started = Date.now();
    const c = feedBytes(p, pcap('zeek__Traces_dns-invalid-names.pcap'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(c.events).toEqual([]);
    expect(c.rejects).toEqual([
      { ref: 1, reason: 'malformed DNS message: Cannot decode name (buffer overflow)' },
      // packet 2: question name is the pointer c00c, pointing at itself
      { ref: 2, reason: 'malformed DNS message: Cannot decode name (bad pointer)' },
      { ref: 3, reason: 'malformed DNS message: Cannot decode name (buffer overflow)' },
    ]);
    expect(p.stats()).toMatchObject({ packets: 3, rejectedPackets: 3, dnsMessages: 0, events: 0 });
  });

  it('dns-txt-multiple: one query folded with its response (CNAME chain + a two-string TXT)', () => {
    const p = createPcapParser({});
    const c = feedBytes(p, pcap('zeek__Traces_dns-txt-multiple.pcap'), 7);
    expect(c.rejects).toEqual([]);
    expect(c.events).toEqual([{
      ts: Date.parse('2014-04-24T23:27:47.281Z'),
      client: '192.150.187.50', server: '68.142.255.16', proto: 'udp', ref: 1,
      qname: 'flkr._domainkey.flickr.com', qtype: 'TXT', rcode: 'NOERROR',
      answers: [
        { name: 'flkr._domainkey.flickr.com', type: 'CNAME', value: 'fa14._domainkey.flickr.com', ttl: 900 },
        { name: 'fa14._domainkey.flickr.com', type: 'CNAME', value: 'fa14._domainkey.yahoo.com', ttl: 900 },
        {
          name: 'fa14._domainkey.yahoo.com', type: 'TXT', ttl: 7200,
          value: 'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDPdPfyJM2R2GqMyZM1flTzFeDIU+e7KmiKRw5yz3Xht+cgEIiHmm5lIGBuWCc5rtiy0CcxePpqccPKjn'
            + 'HSrDI23PU+HOuqJ6ergE1IOsL6LOEgG6YT53vMb8Z6UiBSsYPlrDEC+8CUIkTLMLXJauRK5bNRKV1ATGzGFpf3TjZtWwIDAQAB',
        },
      ],
    }]);
    expect(p.stats()).toMatchObject({ packets: 2, dnsMessages: 2, queries: 1, responses: 1, events: 1 });
  });

  it('ipv6-fragmented-dns: reassembles the 3-fragment response, reports the orphan fragment', () => {
    const p = createPcapParser({});
    const c = feedBytes(p, pcap('zeek__Traces_ipv6-fragmented-dns.pcap'), 100);
    const client = '2001:470:1f11:81f:d138:5f55:6d4:1fe2';
    const server = '2607:f740:b::f93';
    // Packet 4 is the last fragment (offset 2896) of a datagram whose other fragments were never captured.
    expect(c.rejects).toEqual([{ ref: 4, reason: 'IP datagram dropped: capture ended before the datagram was complete (1 fragment, 342 bytes held)' }]);
    expect(c.events.map((e) => [e.ref, e.qname, e.qtype, e.rcode, e.answers?.length])).toEqual([
      [1, 'txtpadding_323.n1.netalyzr.icsi.berkeley.edu', 'TXT', 'NOERROR', 1],
      // Query sent twice with the same id and port: the first copy stays unanswered, the
      // retransmission (packet 5) gets the response reassembled from packets 6-8.
      [3, 'txtpadding_3230.n1.netalyzr.icsi.berkeley.edu', 'TXT', undefined, undefined],
      [5, 'txtpadding_3230.n1.netalyzr.icsi.berkeley.edu', 'TXT', 'NOERROR', 1],
    ]);
    for (const e of c.events) expect([e.client, e.server, e.proto]).toEqual([client, server, 'udp']);
    expect(c.events[0].ts).toBe(Date.parse('2012-03-07T01:37:58.438Z'));
    expect(c.events[0].answers![0]).toEqual({
      name: 'txtpadding_323.n1.netalyzr.icsi.berkeley.edu', type: 'TXT', ttl: 1,
      value: ['This TXT record should be ignored', 'As it is just padding', 'X'.repeat(136)].join(''),
    });
    expect(c.events[2].answers![0].value).toBe(
      ['This TXT record should be ignored', 'As it is just padding', ...Array(15).fill('X'.repeat(189)), 'X'.repeat(192)].join(''));
    expect(p.stats()).toEqual({
      packets: 8, dnsPackets: 5, rejectedPackets: 0, buffered: 3, skipped: {},
      dnsMessages: 5, queries: 3, responses: 2, events: 3, updates: 0, notifies: 0, announcements: 0,
    });
  });

  it('wikipedia: DNS, mDNS, LLMNR and NetBIOS-NS among web traffic', () => {
    const p = createPcapParser({ fileName: 'wikipedia.pcap' });
    const c = feedBytes(p, pcap('zeek__Traces_wikipedia.pcap'), 4096);
    expect(c.rejects).toEqual([]);
    expect(p.stats()).toEqual({
      packets: 136, dnsPackets: 48, rejectedPackets: 0, buffered: 0,
      skipped: { 'not IP': 10, 'TCP on other ports': 78 },
      dnsMessages: 46, queries: 32, responses: 14, events: 32, updates: 0, notifies: 0, announcements: 2,
    });
    expect(c.events).toHaveLength(32);
    expect(new Set(c.events.map((e) => e.qname))).toEqual(new Set([
      'gemini._sftp-ssh._tcp.local', 'upload.wikimedia.org', 'upload.wikimedia.org.ncsa.uiuc.edu', 'meta.wikimedia.org',
      'gomez._sftp-ssh._tcp.local', 'brwc0cb383d1f42', 'workgroup',
    ]));
    expect(c.events.reduce((n, e) => n + (e.answers?.length ?? 0), 0)).toBe(13);
    expect(c.events.filter((e) => e.rcode === 'NXDOMAIN')).toHaveLength(4);
    expect(c.events.filter((e) => e.qtype === 'NIMLOC')).toHaveLength(8);
    const metaA = c.events.find((e) => e.qname === 'meta.wikimedia.org' && e.qtype === 'A')!;
    expect(metaA).toEqual({
      ts: Date.parse('2011-03-18T19:06:08.902Z'), client: '141.142.220.118', server: '141.142.2.2', proto: 'udp', ref: 48,
      qname: 'meta.wikimedia.org', qtype: 'A', rcode: 'NOERROR',
      answers: [
        { name: 'meta.wikimedia.org', type: 'CNAME', value: 'text.wikimedia.org', ttl: 723 },
        { name: 'text.wikimedia.org', type: 'CNAME', value: 'text.pmtpa.wikimedia.org', ttl: 593 },
        { name: 'text.pmtpa.wikimedia.org', type: 'A', value: '208.80.152.2', ttl: 2141 },
      ],
    });
    // The two mDNS announcements (no question, sent to 224.0.0.251 and ff02::fb) are not lookups:
    // nobody asked, so they become ANNOUNCED facts of their senders, not events with an invented client.
    expect(c.events.find((e) => e.ref === 2)).toBeUndefined();
    expect(c.edges).toEqual([
      { type: 'ANNOUNCED', from: { kind: 'IP', key: 'fe80::217:f2ff:fed7:cf65' }, to: { kind: 'Host', key: 'gemini._sftp-ssh._tcp.local' }, ref: 2,
        props: { count: 1, firstSeen: '2011-03-18T19:06:07.097Z', lastSeen: '2011-03-18T19:06:07.097Z', rrtypes: ['SRV'], values: ['gemini.local'] } },
      { type: 'ANNOUNCED', from: { kind: 'IP', key: '141.142.220.50' }, to: { kind: 'Host', key: 'gemini._sftp-ssh._tcp.local' }, ref: 3,
        props: { count: 1, firstSeen: '2011-03-18T19:06:07.099Z', lastSeen: '2011-03-18T19:06:07.099Z', rrtypes: ['SRV'], values: ['gemini.local'] } },
    ]);
    expect(c.notes).toContain('wikipedia.pcap: 136 packets, 46 DNS messages (32 queries, 14 responses) → 32 events; non-DNS packets skipped: 10 not IP, 78 TCP on other ports');
    expect(c.notes).toContain('wikipedia.pcap: not lookups: 0 DNS UPDATE requests, 0 NOTIFY messages, 2 mDNS announcements (kept as UPDATED / NOTIFIED / ANNOUNCED facts)');
  });
});
