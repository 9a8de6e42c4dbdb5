// Framing, link layers, reassembly and TCP cases built byte by byte (support/capture-builder.ts).
import { describe, expect, it } from 'vitest';
import { createPcapParser } from '../../../server/src/importers/pcap/index.ts';
import { feedBytes } from '../../support/recording-sink.ts';
import {
  dnsQuery, dnsResponse, ethernet, ipv4, ipv6, ipv6FragmentHeader, ipv6Options, nullLink, pcapFile, pcapngSection,
  sll, sll2, tcp, tcpFramed, udp, TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN,
} from './support/capture-builder.ts';

const C4 = '10.0.0.1';
const S4 = '10.0.0.53';
const C6 = '2001:db8::1';
const S6 = '2001:db8::53';
const q4 = (id: number, name: string) => ipv4(C4, S4, 17, udp(40000, 53, dnsQuery(id, name)));
const r4 = (id: number, name: string, ip: string) =>
  ipv4(S4, C4, 17, udp(53, 40000, dnsResponse(id, name, 'A', [{ type: 'A', name, ttl: 60, data: ip }])));

describe('pcap framing', () => {
  it('classic big-endian nanosecond file over Ethernet with stacked VLAN tags', () => {
    const buf = pcapFile(1, [
      { sec: 1700000000, frac: 123_456_789, data: ethernet(0x0800, q4(7, 'Example.COM.'), [10, 20]) },
      { sec: 1700000000, frac: 130_000_000, data: ethernet(0x0800, r4(7, 'example.com', '192.0.2.7'), [10, 20]) },
    ], { le: false, nano: true });
    const c = feedBytes(createPcapParser({}), buf, 3);
    expect(c.rejects).toEqual([]);
    expect(c.events).toEqual([{
      ts: 1700000000123, client: C4, server: S4, proto: 'udp', ref: 1, qname: 'example.com', qtype: 'A', rcode: 'NOERROR',
      answers: [{ name: 'example.com', type: 'A', value: '192.0.2.7', ttl: 60 }],
    }]);
  });

  it('pcapng: two sections in opposite byte orders, interfaces with their own link type and if_tsresol, SPB without time', () => {
    const s1 = pcapngSection(
      [{ linkType: 1 }, { linkType: 101, tsresol: 9 }],
      [
        { kind: 'epb', iface: 0, units: 1_700_000_000_500_000n, data: ethernet(0x0800, q4(1, 'a.example')) },
        { kind: 'epb', iface: 1, units: 1_700_000_001_250_000_000n, data: q4(2, 'b.example') },
      ], true);
    const s2 = pcapngSection(
      [{ linkType: 113, tsresol: 0x80 | 10 }],
      [
        { kind: 'epb', iface: 0, units: 1024n * 1_700_000_002n + 512n, data: sll(0x86dd, ipv6(C6, S6, 17, udp(40001, 53, dnsQuery(3, 'c.example')))) },
        { kind: 'spb', data: sll(0x0800, q4(4, 'd.example')) },
        { kind: 'epb', iface: 5, units: 0n, data: q4(5, 'e.example') },
      ], false);
    const p = createPcapParser({});
    const c = feedBytes(p, Buffer.concat([s1, s2]), 5);
    expect(c.rejects).toEqual([{ ref: 5, reason: 'pcapng packet block names interface 5, which was not described' }]);
    expect(c.events.map((e) => [e.ref, e.qname, e.ts, e.client])).toEqual([
      [1, 'a.example', 1700000000500, C4],
      [2, 'b.example', 1700000001250, C4],
      [3, 'c.example', 1700000002500, C6],
      [4, 'd.example', NaN, C4],
    ]);
    expect(p.stats()).toMatchObject({ packets: 5, dnsPackets: 4, rejectedPackets: 1 });
  });

  it('SLL2, BSD null (both byte orders), raw IPv4/IPv6 link types', () => {
    const cases: [number, Buffer][] = [
      [276, sll2(0x0800, q4(1, 'sll2.example'))],
      [0, nullLink(2, q4(2, 'null-le.example'), true)],
      [0, nullLink(30, ipv6(C6, S6, 17, udp(40002, 53, dnsQuery(3, 'null-be6.example'))), false)],
      [228, q4(4, 'raw4.example')],
      [229, ipv6(C6, S6, 17, udp(40003, 53, dnsQuery(5, 'raw6.example')))],
    ];
    for (const [lt, data] of cases) {
      const c = feedBytes(createPcapParser({}), pcapFile(lt, [{ sec: 1, frac: 0, data }]));
      expect(c.rejects).toEqual([]);
      expect(c.events).toHaveLength(1);
    }
    const unsupported = createPcapParser({});
    const c = feedBytes(unsupported, pcapFile(147, [{ sec: 1, frac: 0, data: q4(1, 'x.example') }]));
    expect(c.events).toEqual([]);
    expect(unsupported.stats().skipped).toEqual({ 'link type 147 not supported': 1 });
  });

  it('rejects a file that is not a capture, and a truncated last record', () => {
    const bad = feedBytes(createPcapParser({}), Buffer.from('hello, this is not a pcap file'));
    expect(bad.rejects).toEqual([{ ref: 1, reason: 'not a pcap or pcapng file (magic 0x68656c6c)' }]);
    const full = pcapFile(101, [{ sec: 1, frac: 0, data: q4(1, 'a.example') }, { sec: 2, frac: 0, data: q4(2, 'b.example') }]);
    const cut = feedBytes(createPcapParser({}), full.subarray(0, full.length - 5));
    expect(cut.events.map((e) => e.qname)).toEqual(['a.example']);
    expect(cut.rejects).toEqual([{ ref: 2, reason: 'capture truncated: the last 66 bytes do not form a complete record' }]);
  });
});

describe('IP reassembly', () => {
  it('IPv4 fragments out of order are reassembled; an overlapping set is refused', () => {
    const dgram = udp(53, 40000, dnsResponse(9, 'frag.example', 'TXT', [{ type: 'TXT', name: 'frag.example', ttl: 5, data: ['a'.repeat(200), 'b'.repeat(50)] }]));
    const f1 = ipv4(S4, C4, 17, dgram.subarray(0, 128), { id: 77, fragOffset: 0, more: true });
    const f2 = ipv4(S4, C4, 17, dgram.subarray(128), { id: 77, fragOffset: 128, more: false });
    const o1 = ipv4(S4, C4, 17, dgram.subarray(0, 128), { id: 78, fragOffset: 0, more: true });
    const o2 = ipv4(S4, C4, 17, dgram.subarray(120), { id: 78, fragOffset: 120, more: false });
    const p = createPcapParser({});
    const c = feedBytes(p, pcapFile(101, [f2, f1, o1, o2].map((data, i) => ({ sec: 10 + i, frac: 0, data }))));
    expect(c.events).toHaveLength(1);
    expect(c.events[0]).toMatchObject({ ref: 2, qname: 'frag.example', client: C4, server: S4, answers: [{ type: 'TXT', value: `${'a'.repeat(200)}${'b'.repeat(50)}` }] });
    expect(c.rejects).toEqual([{ ref: 3, reason: 'IP datagram dropped: overlapping fragments (2 fragments, 128 bytes held)' }]);
    expect(p.stats()).toMatchObject({ packets: 4, dnsPackets: 1, buffered: 3 });
  });

  it('IPv6 hop-by-hop + fragment header; a datagram left incomplete past the timeout is dropped', () => {
    const dgram = udp(40004, 53, dnsQuery(11, 'v6frag.example', 'AAAA'));
    const a = ipv6(C6, S6, 17, dgram.subarray(0, 16), [{ code: 0, body: ipv6Options() }, { code: 44, body: ipv6FragmentHeader(0, true, 0xabc) }]);
    const b = ipv6(C6, S6, 17, dgram.subarray(16), [{ code: 44, body: ipv6FragmentHeader(16, false, 0xabc) }]);
    const lone = ipv6(C6, S6, 17, dgram.subarray(0, 16), [{ code: 44, body: ipv6FragmentHeader(0, true, 0xdef) }]);
    const later = ipv6(C6, S6, 17, udp(40005, 53, dnsQuery(12, 'later.example')));
    const c = feedBytes(createPcapParser({}), pcapFile(229, [
      { sec: 100, frac: 0, data: lone }, { sec: 101, frac: 0, data: a }, { sec: 101, frac: 1, data: b }, { sec: 200, frac: 0, data: later },
    ]));
    expect(c.events.map((e) => [e.ref, e.qname, e.qtype])).toEqual([[3, 'v6frag.example', 'AAAA'], [4, 'later.example', 'A']]);
    expect(c.rejects).toEqual([{ ref: 1, reason: 'IP datagram dropped: reassembly incomplete after 30 s (1 fragment, 16 bytes held)' }]);
  });
});

describe('DNS over TCP', () => {
  const cp = 45000;
  const seg = (from: 'c' | 's', seq: number, flags: number, payload?: Buffer) =>
    from === 'c' ? ipv4(C4, S4, 6, tcp(cp, 53, seq, flags, payload)) : ipv4(S4, C4, 6, tcp(53, cp, seq, flags, payload));

  it('follows the stream: split messages, two messages in one segment, retransmissions', () => {
    const q1 = tcpFramed(dnsQuery(21, 'one.example'));
    const q2 = tcpFramed(dnsQuery(22, 'two.example', 'MX'));
    const resp = Buffer.concat([
      tcpFramed(dnsResponse(21, 'one.example', 'A', [{ type: 'A', name: 'one.example', ttl: 1, data: '192.0.2.1' }])),
      tcpFramed(dnsResponse(22, 'two.example', 'MX', [{ type: 'MX', name: 'two.example', ttl: 1, data: { preference: 10, exchange: 'Mail.Two.Example.' } }])),
    ]);
    const pkts = [
      seg('c', 1000, TCP_SYN), // 1
      seg('s', 5000, TCP_SYN | TCP_ACK), // 2
      seg('c', 1001, TCP_PSH | TCP_ACK, q1.subarray(0, 10)), // 3: first part of query 1
      seg('c', 1011, TCP_PSH | TCP_ACK, Buffer.concat([q1.subarray(10), q2])), // 4: rest of 1, all of 2
      seg('c', 1011, TCP_PSH | TCP_ACK, Buffer.concat([q1.subarray(10), q2])), // 5: retransmission
      seg('s', 5001, TCP_PSH | TCP_ACK, resp), // 6: both responses
      seg('c', 1001 + q1.length + q2.length, TCP_FIN | TCP_ACK), // 7
    ];
    const p = createPcapParser({});
    const c = feedBytes(p, pcapFile(101, pkts.map((data, i) => ({ sec: 50, frac: i * 1000, data }))));
    expect(c.rejects).toEqual([]);
    expect(c.events).toEqual([
      { ts: 50003, client: C4, server: S4, proto: 'tcp', ref: 4, qname: 'one.example', qtype: 'A', rcode: 'NOERROR', answers: [{ name: 'one.example', type: 'A', value: '192.0.2.1', ttl: 1 }] },
      { ts: 50003, client: C4, server: S4, proto: 'tcp', ref: 4, qname: 'two.example', qtype: 'MX', rcode: 'NOERROR', answers: [{ name: 'two.example', type: 'MX', value: 'mail.two.example', ttl: 1 }] },
    ]);
    expect(p.stats()).toMatchObject({
      packets: 7, dnsPackets: 2, buffered: 1,
      skipped: { 'TCP port 53 without payload': 3, 'TCP retransmission': 1 },
    });
  });

  it('a missing segment rejects the partial message and what follows it', () => {
    const q1 = tcpFramed(dnsQuery(31, 'gap.example'));
    const q2 = tcpFramed(dnsQuery(32, 'after.example'));
    const c = feedBytes(createPcapParser({}), pcapFile(101, [
      { sec: 1, frac: 0, data: seg('c', 1, TCP_SYN) },
      { sec: 1, frac: 1, data: seg('c', 2, TCP_PSH | TCP_ACK, q1.subarray(0, 8)) },
      { sec: 1, frac: 2, data: seg('c', 2 + q1.length, TCP_PSH | TCP_ACK, q2) },
    ]));
    expect(c.events).toEqual([]);
    expect(c.rejects).toEqual([
      { ref: 2, reason: 'DNS-over-TCP message dropped: missing or out-of-order segment (23 bytes absent) (8 bytes buffered)' },
      { ref: 3, reason: 'DNS-over-TCP segment out of order or after missing data (23 bytes absent)' },
    ]);
  });
});
