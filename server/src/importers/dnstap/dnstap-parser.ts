// dnstap captures (Frame Streams + the dnstap protobuf) → DnsQueryEvents. The schema is loaded
// once from dnstap.proto with protobufjs; the DNS wire messages inside are decoded with
// dns-packet, and a *_QUERY / *_RESPONSE pair (same addresses, ports and DNS id) folds into
// one event, exactly as the pcap parser does. client = query_address, server = response_address.
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import type { ByteParser, ParseOptions, Sink } from '../types.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { decodeDnsMessage, type DnsMessage } from '../normalize/dns-message.ts';
import { createQueryMatcher } from '../normalize/query-matcher.ts';
import { decodeUpdate, dnsOpcode, type UpdateMessage } from '../normalize/dns-update.ts';
import { createDnsChanges, isAnnouncement } from '../normalize/dns-changes.ts';
import { createFrameReader } from './frame-streams.ts';

export const DNSTAP_CONTENT_TYPE = 'protobuf:dnstap.Dnstap';

const root = protobuf.parse(readFileSync(new URL('./dnstap.proto', import.meta.url), 'utf8'), { keepCase: true }).root;
const DnstapType = root.lookupType('dnstap.Dnstap');
const MessageType = root.lookupEnum('dnstap.Message.Type');
const SocketProtocol = root.lookupEnum('dnstap.SocketProtocol');

interface DnstapMessage {
  type: number;
  socket_protocol?: number;
  query_address?: Uint8Array;
  response_address?: Uint8Array;
  query_port?: number;
  response_port?: number;
  query_time_sec?: number | { toNumber(): number };
  query_time_nsec?: number;
  query_message?: Uint8Array;
  response_time_sec?: number | { toNumber(): number };
  response_time_nsec?: number;
  response_message?: Uint8Array;
}

interface DnstapFrame {
  type: number;
  identity?: Uint8Array;
  message?: DnstapMessage;
}

function address(b: Uint8Array | undefined): string {
  if (!b || (b.length !== 4 && b.length !== 16)) return '';
  if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const hex = Buffer.from(b).toString('hex');
  return canonicalIp(hex.replace(/(.{4})(?!$)/g, '$1:')) ?? '';
}

function timeMs(sec: DnstapMessage['query_time_sec'], nsec: number | undefined): number {
  if (sec == null) return NaN;
  const s = typeof sec === 'number' ? sec : sec.toNumber();
  return s * 1000 + Math.floor((nsec ?? 0) / 1e6);
}

function transport(p: number | undefined): 'udp' | 'tcp' | undefined {
  const name = p === undefined ? undefined : SocketProtocol.valuesById[p];
  if (name === 'UDP' || name === 'DNSCryptUDP') return 'udp';
  if (name === 'TCP' || name === 'DOT' || name === 'DOH' || name === 'DNSCryptTCP') return 'tcp';
  return undefined;
}

/** One dnstap Message frame, decoded. */
export interface DnstapRecord {
  /** 'CLIENT_QUERY', 'RESOLVER_RESPONSE', ... */
  type: string;
  identity?: string;
  isResponse: boolean;
  /** query_address / query_port ('' / 0 when absent). */
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  proto?: 'udp' | 'tcp';
  /** query_time for *_QUERY, response_time for *_RESPONSE; epoch ms, NaN when absent. */
  ts: number;
  /** The lookup message; null for an UPDATE, which is in `update`. */
  dns: DnsMessage | null;
  update?: UpdateMessage;
}

/** Decode one Frame Streams data frame: a record, 'skip' for non-MESSAGE frames, or a reject reason. */
export function decodeDnstapFrame(buf: Buffer): DnstapRecord | 'skip' | string {
  let d: DnstapFrame;
  try {
    d = DnstapType.decode(buf) as unknown as DnstapFrame;
  } catch (err) {
    return `malformed dnstap protobuf: ${(err as Error).message}`;
  }
  const m = d.message;
  if (d.type !== 1 || !m) return 'skip';
  const typeName = MessageType.valuesById[m.type];
  if (!typeName) return `unknown dnstap message type ${m.type}`;
  const isResponse = typeName.endsWith('_RESPONSE');
  const wire = isResponse ? m.response_message : m.query_message;
  if (!wire || !wire.length) return `dnstap ${typeName} without ${isResponse ? 'response' : 'query'}_message`;
  const bytes = Buffer.from(wire.buffer, wire.byteOffset, wire.length);
  let dns: DnsMessage | null = null;
  let update: UpdateMessage | undefined;
  if (dnsOpcode(bytes) === 5) {
    const u = decodeUpdate(bytes);
    if (typeof u === 'string') return u;
    u.isResponse = isResponse;
    update = u;
  } else {
    const d = decodeDnsMessage(bytes);
    if (typeof d === 'string') return d;
    // The dnstap type, not the QR bit, says which side of the exchange this is.
    d.isResponse = isResponse;
    dns = d;
  }
  const rec: DnstapRecord = {
    type: typeName, isResponse, dns,
    ...(update ? { update } : {}),
    client: address(m.query_address), clientPort: m.query_port ?? 0,
    server: address(m.response_address), serverPort: m.response_port ?? 0,
    proto: transport(m.socket_protocol),
    ts: isResponse ? timeMs(m.response_time_sec, m.response_time_nsec) : timeMs(m.query_time_sec, m.query_time_nsec),
  };
  if (d.identity && d.identity.length) rec.identity = Buffer.from(d.identity).toString('utf8');
  return rec;
}

export interface DnstapStats {
  frames: number;
  messages: number;
  rejected: number;
  skipped: number;
  events: number;
}

export interface DnstapParser extends ByteParser {
  stats(): DnstapStats;
}

export function createDnstapParser(opts: ParseOptions): DnstapParser {
  const reader = createFrameReader();
  const matcher = createQueryMatcher();
  const changes = createDnsChanges();
  const st = { messages: 0, rejected: 0, skipped: 0 };
  let wrongContent: string | null = null;

  function frame(buf: Buffer, frameNo: number, sink: Sink): void {
    const reject = (why: string): void => {
      st.rejected++;
      sink.reject(frameNo, why);
    };
    if (wrongContent !== null) return reject(`Frame Streams content type is ${JSON.stringify(wrongContent)}, not ${DNSTAP_CONTENT_TYPE}`);
    const r = decodeDnstapFrame(buf);
    if (r === 'skip') {
      st.skipped++;
      return;
    }
    if (typeof r === 'string') return reject(r);
    st.messages++;
    const ends = r.isResponse
      ? { src: r.server, srcPort: r.serverPort, dst: r.client, dstPort: r.clientPort, proto: r.proto }
      : { src: r.client, srcPort: r.clientPort, dst: r.server, dstPort: r.serverPort, proto: r.proto };
    if (r.update) return changes.update(r.update, ends, r.ts, frameNo);
    const dns = r.dns!;
    if (dns.opcode === 'NOTIFY') return changes.notify(dns, ends, r.ts, frameNo);
    if (isAnnouncement(dns, ends)) return changes.announce(dns, ends, r.ts, frameNo);
    matcher.message(dns, ends, r.ts, frameNo, sink);
  }

  return {
    chunk(buf, sink) {
      reader.push(buf, {
        data: (f, n) => frame(f, n, sink),
        start: (types) => {
          if (types.length && !types.includes(DNSTAP_CONTENT_TYPE)) wrongContent = types.join(', ');
          else wrongContent = null;
        },
        stop: () => {},
      }, sink);
    },
    end(sink) {
      reader.end(sink);
      matcher.flush(sink);
      changes.end(sink);
      const name = opts.fileName ? `${opts.fileName}: ` : '';
      const c = changes.counts;
      if (c.updates + c.notifies + c.announcements) sink.note(`${name}not lookups: ${c.updates} DNS UPDATE requests, ${c.notifies} NOTIFY messages, ${c.announcements} mDNS announcements (kept as UPDATED / NOTIFIED / ANNOUNCED facts)`);
      sink.note(`${name}${reader.frames} dnstap frames, ${st.messages} DNS messages → ${matcher.emitted} events; ${st.skipped} non-message frames skipped, ${st.rejected} rejected`);
    },
    stats() {
      return { frames: reader.frames, ...st, events: matcher.emitted };
    },
  };
}
