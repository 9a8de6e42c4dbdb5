// Packet captures (pcap / pcapng) → DnsQueryEvents. DNS is recognized by port only: UDP 53
// (DNS), 5353 (mDNS), 5355 (LLMNR) and 137 (NetBIOS-NS, DNS wire format with encoded names);
// TCP 53 with 2-byte framing. Payloads on other ports are not sniffed for DNS: a 12-byte header
// check accepts too much random UDP (QUIC, RTP, games) and would invent names.
import type { ByteParser, ParseOptions, Sink } from '../types.ts';
import { createCaptureReader, type CapturedPacket } from './capture-file.ts';
import { locateIp } from './link-layer.ts';
import { parseIp } from './ip-packet.ts';
import { createReassembler } from './ip-reassembly.ts';
import { createTcpDnsStreams, type SegmentOutcome } from './tcp-dns-streams.ts';
import { decodeDnsMessage } from '../normalize/dns-message.ts';
import { createQueryMatcher, type Endpoints } from '../normalize/query-matcher.ts';
import { decodeUpdate, dnsOpcode } from '../normalize/dns-update.ts';
import { createDnsChanges, isAnnouncement } from '../normalize/dns-changes.ts';

export const DNS_UDP_PORTS: ReadonlySet<number> = new Set([53, 5353, 5355, 137]);
export const DNS_TCP_PORT = 53;

/** Where every packet record went. packets = dnsPackets + rejectedPackets + skipped total + buffered. */
export interface PcapStats {
  packets: number;
  /** Packets that delivered (or completed) at least one DNS message that decoded. */
  dnsPackets: number;
  /** Packets rejected when they arrived (each has a sink.reject with its record number). */
  rejectedPackets: number;
  /**
   * Packets held as a fragment or part of a TCP message: the packet that completes the datagram
   * or message reports it, or a reject with the first record's number says it was dropped.
   */
  buffered: number;
  skipped: Record<string, number>;
  dnsMessages: number;
  queries: number;
  responses: number;
  events: number;
  /** Messages that are not lookups (UPDATE, NOTIFY, mDNS announcements): graph facts of their own, not events. */
  updates: number;
  notifies: number;
  announcements: number;
}

export interface PcapParser extends ByteParser {
  stats(): PcapStats;
}

export function createPcapParser(opts: ParseOptions): PcapParser {
  const reader = createCaptureReader();
  const frags = createReassembler();
  const tcp = createTcpDnsStreams();
  const matcher = createQueryMatcher();
  const changes = createDnsChanges();
  const skipped: Record<string, number> = {};
  const st = { dnsPackets: 0, rejectedPackets: 0, buffered: 0, dnsMessages: 0, queries: 0, responses: 0 };

  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };

  /** Decode one DNS message; true when it was usable. */
  function dns(payload: Buffer, ends: Endpoints, ts: number, ref: number, sink: Sink, netbios: boolean): boolean {
    if (dnsOpcode(payload) === 5) {
      const u = decodeUpdate(payload);
      if (typeof u === 'string') return sink.reject(ref, u), false;
      changes.update(u, ends, ts, ref);
      return true;
    }
    const msg = decodeDnsMessage(payload, netbios);
    if (typeof msg === 'string') {
      sink.reject(ref, msg);
      return false;
    }
    if (msg.opcode === 'NOTIFY') return changes.notify(msg, ends, ts, ref), true;
    if (isAnnouncement(msg, ends)) return changes.announce(msg, ends, ts, ref), true;
    st.dnsMessages++;
    if (msg.isResponse) st.responses++;
    else st.queries++;
    matcher.message(msg, ends, ts, ref, sink);
    return true;
  }

  function transport(src: string, dst: string, proto: number, p: Buffer, ts: number, ref: number, sink: Sink): 'dns' | 'rejected' | 'buffered' | string {
    if (proto === 17) {
      if (p.length < 8) return sink.reject(ref, 'truncated UDP header'), 'rejected';
      const sport = p.readUInt16BE(0);
      const dport = p.readUInt16BE(2);
      if (!DNS_UDP_PORTS.has(sport) && !DNS_UDP_PORTS.has(dport)) return 'UDP on other ports';
      const ulen = p.readUInt16BE(4);
      if (ulen < 8) return sink.reject(ref, `bad UDP length ${ulen}`), 'rejected';
      if (ulen > p.length) return sink.reject(ref, `DNS payload cut by the capture snap length (${p.length} of ${ulen} bytes)`), 'rejected';
      const netbios = sport === 137 || dport === 137;
      return dns(p.subarray(8, ulen), { src, srcPort: sport, dst, dstPort: dport, proto: 'udp' }, ts, ref, sink, netbios) ? 'dns' : 'rejected';
    }
    if (proto === 6) {
      if (p.length < 20) return sink.reject(ref, 'truncated TCP header'), 'rejected';
      const sport = p.readUInt16BE(0);
      const dport = p.readUInt16BE(2);
      if (sport !== DNS_TCP_PORT && dport !== DNS_TCP_PORT) return 'TCP on other ports';
      const hlen = (p[12] >> 4) * 4;
      if (hlen < 20 || hlen > p.length) return sink.reject(ref, 'bad TCP header length'), 'rejected';
      const flags = p[13];
      const ends: Endpoints = { src, srcPort: sport, dst, dstPort: dport, proto: 'tcp' };
      let ok = 0;
      const out: SegmentOutcome = tcp.segment(
        { key: `${src}|${sport}|${dst}|${dport}`, seq: p.readUInt32BE(4), syn: (flags & 2) !== 0, fin: (flags & 1) !== 0, rst: (flags & 4) !== 0, payload: p.subarray(hlen) },
        ts, ref, sink,
        (m) => { if (dns(m, ends, ts, ref, sink, false)) ok++; },
      );
      if (out === 'control') return 'TCP port 53 without payload';
      if (out === 'retransmission') return 'TCP retransmission';
      if (out === 'messages') return ok ? 'dns' : 'rejected';
      return out;
    }
    return `IP protocol ${proto}`;
  }

  function packet(pk: CapturedPacket, sink: Sink): void {
    frags.expire(pk.ts, sink);
    const outcome = classify(pk, sink);
    if (outcome === 'dns') st.dnsPackets++;
    else if (outcome === 'rejected') st.rejectedPackets++;
    else if (outcome === 'buffered') st.buffered++;
    else skip(outcome);
  }

  function classify(pk: CapturedPacket, sink: Sink): string {
    const ref = pk.recordNo;
    const link = locateIp(pk.linkType, pk.data);
    if (link === 'not-ip') return 'not IP';
    if (link === 'unsupported') return `link type ${pk.linkType} not supported`;
    if (link === 'truncated') return sink.reject(ref, 'truncated link-layer header'), 'rejected';
    const ip = parseIp(pk.data, link.ipOffset);
    if (typeof ip === 'string') {
      if (ip.startsWith('not an IP')) return 'not IP';
      return sink.reject(ref, ip), 'rejected';
    }
    let payload = ip.payload;
    let proto = ip.proto;
    if (ip.fragment) {
      // Only fragments that can carry DNS are worth holding memory for.
      if (ip.fragment.proto !== 17 && ip.fragment.proto !== 6) return `IP protocol ${ip.fragment.proto}`;
      const whole = frags.add(ip.fragment, payload, pk.ts, ref, sink);
      if (!whole) return 'buffered';
      payload = whole.payload;
      proto = whole.proto;
    }
    return transport(ip.src, ip.dst, proto, payload, pk.ts, ref, sink);
  }

  return {
    chunk(buf, sink) {
      reader.push(buf, (pk) => packet(pk, sink), sink);
    },
    end(sink) {
      reader.end(sink);
      frags.flush(sink);
      tcp.flush(sink);
      matcher.flush(sink);
      changes.end(sink);
      const name = opts.fileName ? `${opts.fileName}: ` : '';
      const sk = Object.entries(skipped).map(([k, v]) => `${v} ${k}`).join(', ');
      sink.note(`${name}${reader.records} packets, ${st.dnsMessages} DNS messages (${st.queries} queries, ${st.responses} responses) → ${matcher.emitted} events; non-DNS packets skipped: ${sk || 'none'}`);
      const c = changes.counts;
      if (c.updates + c.notifies + c.announcements) sink.note(`${name}not lookups: ${c.updates} DNS UPDATE requests, ${c.notifies} NOTIFY messages, ${c.announcements} mDNS announcements (kept as UPDATED / NOTIFIED / ANNOUNCED facts)`);
      if (frags.dropped) sink.note(`${name}${frags.dropped} fragmented IP datagrams could not be reassembled and were dropped`);
    },
    stats() {
      return { packets: reader.records, ...st, rejectedPackets: st.rejectedPackets + reader.rejectedRecords, skipped: { ...skipped }, events: matcher.emitted, ...changes.counts };
    },
  };
}
