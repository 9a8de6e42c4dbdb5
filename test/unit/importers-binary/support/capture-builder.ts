// Small builders for synthetic captures (pcap, pcapng, link layers, IPv4/IPv6, UDP/TCP, DNS),
// for cases the conformance traces do not cover. Checksums are left zero: the parser does not
// verify them (captures taken with offload routinely carry wrong ones).
import dnsPacket from 'dns-packet';

const u16be = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };

export function dnsQuery(id: number, name: string, type: string = 'A'): Buffer {
  return dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: type as 'A', name }] });
}

export function dnsResponse(id: number, name: string, type: string, answers: dnsPacket.Answer[], rcode = 0): Buffer {
  return dnsPacket.encode({
    type: 'response', id, flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
    questions: [{ type: type as 'A', name }], answers,
  });
}

function ip4bytes(ip: string): Buffer {
  return Buffer.from(ip.split('.').map(Number));
}

function ip6bytes(ip: string): Buffer {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.concat(groups.map((g) => u16be(parseInt(g, 16))));
}

export function udp(sport: number, dport: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sport, 0); h.writeUInt16BE(dport, 2); h.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([h, payload]);
}

export const TCP_SYN = 0x02;
export const TCP_ACK = 0x10;
export const TCP_PSH = 0x08;
export const TCP_FIN = 0x01;

export function tcp(sport: number, dport: number, seq: number, flags: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(sport, 0); h.writeUInt16BE(dport, 2); h.writeUInt32BE(seq >>> 0, 4);
  h[12] = 5 << 4; h[13] = flags; h.writeUInt16BE(65535, 14);
  return Buffer.concat([h, payload]);
}

/** DNS-over-TCP framing: 2-byte length prefix. */
export function tcpFramed(msg: Buffer): Buffer {
  return Buffer.concat([u16be(msg.length), msg]);
}

export interface Ip4Opts { id?: number; fragOffset?: number; more?: boolean }

export function ipv4(src: string, dst: string, proto: number, payload: Buffer, o: Ip4Opts = {}): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45; h.writeUInt16BE(20 + payload.length, 2); h.writeUInt16BE(o.id ?? 1, 4);
  h.writeUInt16BE(((o.more ? 1 : 0) << 13) | ((o.fragOffset ?? 0) >> 3), 6);
  h[8] = 64; h[9] = proto;
  ip4bytes(src).copy(h, 12); ip4bytes(dst).copy(h, 16);
  return Buffer.concat([h, payload]);
}

/** IPv6 with an optional chain of extension headers given as [nextHeaderCode, bytes]. */
export function ipv6(src: string, dst: string, next: number, payload: Buffer, ext: { code: number; body: Buffer }[] = []): Buffer {
  const parts: Buffer[] = [];
  let first = ext.length ? ext[0].code : next;
  for (let i = 0; i < ext.length; i++) {
    const nh = i + 1 < ext.length ? ext[i + 1].code : next;
    const b = Buffer.from(ext[i].body);
    b[0] = nh;
    parts.push(b);
  }
  const body = Buffer.concat([...parts, payload]);
  const h = Buffer.alloc(40);
  h[0] = 0x60; h.writeUInt16BE(body.length, 4); h[6] = first; h[7] = 64;
  ip6bytes(src).copy(h, 8); ip6bytes(dst).copy(h, 24);
  return Buffer.concat([h, body]);
}

/** An 8-byte hop-by-hop / destination-options header (PadN only). */
export function ipv6Options(): Buffer {
  return Buffer.from([0, 0, 1, 4, 0, 0, 0, 0]);
}

export function ipv6FragmentHeader(offset: number, more: boolean, id: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt16BE((offset & 0xfff8) | (more ? 1 : 0), 2);
  b.writeUInt32BE(id, 4);
  return b;
}

export function ethernet(ethertype: number, payload: Buffer, vlans: number[] = []): Buffer {
  const mac = Buffer.from([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6]);
  const tags = vlans.map((v) => Buffer.concat([u16be(0x8100), u16be(v)]));
  return Buffer.concat([mac, ...tags, u16be(ethertype), payload]);
}

export function sll(proto: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt16BE(0, 0); h.writeUInt16BE(1, 2); h.writeUInt16BE(6, 4); h.writeUInt16BE(proto, 14);
  return Buffer.concat([h, payload]);
}

export function sll2(proto: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(proto, 0); h.writeUInt32BE(2, 4); h.writeUInt16BE(1, 8); h[11] = 6;
  return Buffer.concat([h, payload]);
}

export function nullLink(family: number, payload: Buffer, le = true): Buffer {
  const h = Buffer.alloc(4);
  if (le) h.writeUInt32LE(family); else h.writeUInt32BE(family);
  return Buffer.concat([h, payload]);
}

export interface PcapPacket { sec: number; frac: number; data: Buffer }

export function pcapFile(linkType: number, packets: PcapPacket[], o: { le?: boolean; nano?: boolean } = {}): Buffer {
  const le = o.le ?? true;
  const w32 = (b: Buffer, v: number, off: number) => (le ? b.writeUInt32LE(v >>> 0, off) : b.writeUInt32BE(v >>> 0, off));
  const w16 = (b: Buffer, v: number, off: number) => (le ? b.writeUInt16LE(v, off) : b.writeUInt16BE(v, off));
  const h = Buffer.alloc(24);
  w32(h, o.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0); w16(h, 2, 4); w16(h, 4, 6); w32(h, 65535, 16); w32(h, linkType, 20);
  const recs = packets.map((p) => {
    const r = Buffer.alloc(16);
    w32(r, p.sec, 0); w32(r, p.frac, 4); w32(r, p.data.length, 8); w32(r, p.data.length, 12);
    return Buffer.concat([r, p.data]);
  });
  return Buffer.concat([h, ...recs]);
}

export interface NgInterface { linkType: number; tsresol?: number; snaplen?: number }
export type NgPacket = { kind: 'epb'; iface: number; units: bigint; data: Buffer } | { kind: 'spb'; data: Buffer };

function pad4(b: Buffer): Buffer {
  return b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
}

/** One pcapng section (SHB + IDBs + packets) in the given byte order. Concatenate for more. */
export function pcapngSection(ifaces: NgInterface[], packets: NgPacket[], le = true): Buffer {
  const w32 = (b: Buffer, v: number, off: number) => (le ? b.writeUInt32LE(v >>> 0, off) : b.writeUInt32BE(v >>> 0, off));
  const w16 = (b: Buffer, v: number, off: number) => (le ? b.writeUInt16LE(v, off) : b.writeUInt16BE(v, off));
  const block = (type: number, body: Buffer): Buffer => {
    const b = pad4(body);
    const out = Buffer.alloc(12 + b.length);
    w32(out, type, 0); w32(out, out.length, 4); b.copy(out, 8); w32(out, out.length, out.length - 4);
    return out;
  };
  const shbBody = Buffer.alloc(16);
  w32(shbBody, 0x1a2b3c4d, 0); w16(shbBody, 1, 4); w16(shbBody, 0, 6);
  shbBody.writeBigInt64LE(-1n, 8);
  const blocks = [block(0x0a0d0d0a, shbBody)];
  for (const i of ifaces) {
    const opts: Buffer[] = [];
    if (i.tsresol !== undefined) {
      const o = Buffer.alloc(8);
      w16(o, 9, 0); w16(o, 1, 2); o[4] = i.tsresol;
      opts.push(o);
    }
    if (opts.length) opts.push(Buffer.alloc(4)); // opt_endofopt
    const body = Buffer.alloc(8);
    w16(body, i.linkType, 0); w32(body, i.snaplen ?? 0, 4);
    blocks.push(block(1, Buffer.concat([body, ...opts])));
  }
  for (const p of packets) {
    if (p.kind === 'epb') {
      const h = Buffer.alloc(20);
      w32(h, p.iface, 0); w32(h, Number(p.units >> 32n), 4); w32(h, Number(p.units & 0xffffffffn), 8);
      w32(h, p.data.length, 12); w32(h, p.data.length, 16);
      blocks.push(block(6, Buffer.concat([h, p.data])));
    } else {
      const h = Buffer.alloc(4);
      w32(h, p.data.length, 0);
      blocks.push(block(3, Buffer.concat([h, p.data])));
    }
  }
  return Buffer.concat(blocks);
}
