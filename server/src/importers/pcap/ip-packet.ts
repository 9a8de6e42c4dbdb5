// IPv4 and IPv6 headers: addresses, upper-layer protocol and payload, or the fragment that
// has to be reassembled first.
import { canonicalIp } from '../normalize/ip.ts';

export interface IpFragment {
  /** Identifies the datagram: addresses, id (and protocol for IPv4). */
  key: string;
  /** Byte offset of this piece in the datagram payload. */
  offset: number;
  more: boolean;
  /** Upper-layer protocol; for IPv6 only meaningful on the first fragment. */
  proto: number;
}

export interface IpPacket {
  src: string;
  dst: string;
  proto: number;
  payload: Buffer;
  fragment?: IpFragment;
}

function v4(b: Buffer, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

function v6(b: Buffer, o: number): string {
  let s = '';
  for (let i = 0; i < 16; i += 2) s += (i ? ':' : '') + b.readUInt16BE(o + i).toString(16);
  return canonicalIp(s) ?? s;
}

/** Parsed packet, or a reason it is unusable. */
export function parseIp(b: Buffer, off: number): IpPacket | string {
  if (b.length < off + 1) return 'truncated IP header';
  const version = b[off] >> 4;
  if (version === 4) {
    if (b.length < off + 20) return 'truncated IPv4 header';
    const ihl = (b[off] & 0x0f) * 4;
    const total = b.readUInt16BE(off + 2);
    if (ihl < 20 || total < ihl) return 'bad IPv4 header length';
    // Link layers pad short frames; the IP total length says where the packet ends.
    const end = Math.min(b.length, off + total);
    if (end < off + ihl) return 'truncated IPv4 header';
    const flagsFrag = b.readUInt16BE(off + 6);
    const proto = b[off + 9];
    const src = v4(b, off + 12);
    const dst = v4(b, off + 16);
    const pkt: IpPacket = { src, dst, proto, payload: b.subarray(off + ihl, end) };
    const more = (flagsFrag & 0x2000) !== 0;
    const fragOff = (flagsFrag & 0x1fff) * 8;
    if (more || fragOff) {
      pkt.fragment = { key: `4|${src}|${dst}|${proto}|${b.readUInt16BE(off + 4)}`, offset: fragOff, more, proto };
    }
    return pkt;
  }
  if (version === 6) {
    if (b.length < off + 40) return 'truncated IPv6 header';
    const end = Math.min(b.length, off + 40 + b.readUInt16BE(off + 4));
    const src = v6(b, off + 8);
    const dst = v6(b, off + 24);
    let next = b[off + 6];
    let o = off + 40;
    let fragment: IpFragment | undefined;
    // Walk the extension headers; at most a handful are legitimate, so a bound stops loops.
    for (let hops = 0; hops < 16; hops++) {
      if (next === 0 || next === 43 || next === 60) {
        if (o + 2 > end) return 'truncated IPv6 extension header';
        const n = b[o];
        o += (b[o + 1] + 1) * 8;
        next = n;
      } else if (next === 51) {
        if (o + 2 > end) return 'truncated IPv6 authentication header';
        const n = b[o];
        o += (b[o + 1] + 2) * 4;
        next = n;
      } else if (next === 44) {
        if (o + 8 > end) return 'truncated IPv6 fragment header';
        const n = b[o];
        const offM = b.readUInt16BE(o + 2);
        fragment = { key: `6|${src}|${dst}|${b.readUInt32BE(o + 4)}`, offset: offM & 0xfff8, more: (offM & 1) !== 0, proto: n };
        o += 8;
        next = n;
        // What follows the fragment header belongs to the reassembled payload.
        break;
      } else break;
    }
    if (o > end) return 'truncated IPv6 extension header';
    const pkt: IpPacket = { src, dst, proto: next, payload: b.subarray(o, end) };
    if (fragment && (fragment.more || fragment.offset)) pkt.fragment = fragment;
    return pkt;
  }
  return `not an IP packet (version ${version})`;
}
