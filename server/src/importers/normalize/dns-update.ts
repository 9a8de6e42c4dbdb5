// DNS UPDATE (RFC 2136) messages, read off the wire without dns-packet: an update deletes with
// class ANY/NONE and an empty rdata, which dns-packet decodes as if the rdata were there (it reads
// past the record and fails on the next name). The walker below follows the RFC's record layout
// and decodes only the rdata kinds the graph keeps (addresses and host names).
import { nameKey } from './names.ts';
import { canonicalIp } from './ip.ts';
import { typeMnemonic } from './dns-message.ts';

export interface UpdateChange {
  /** Owner name of the changed record (normalized). */
  name: string;
  type: string;
  /** add: a record added; delete: one record removed (class NONE); delete-rrset / delete-name: class ANY. */
  op: 'add' | 'delete' | 'delete-rrset' | 'delete-name';
  /** Normalized value for A/AAAA/host-name types; absent for deletes of whole sets. */
  value?: string;
}

export interface UpdateMessage {
  id: number;
  isResponse: boolean;
  zone: string;
  rcode: string;
  changes: UpdateChange[];
}

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
const TYPES: Record<number, string> = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 39: 'DNAME', 255: 'ANY' };
const HOST_TYPES = new Set(['NS', 'CNAME', 'PTR', 'DNAME']);

/** The 4-bit opcode of a DNS message header, or -1 when the buffer is too short. */
export function dnsOpcode(buf: Buffer): number {
  return buf.length >= 12 ? (buf[2] >> 3) & 0x0f : -1;
}

/** A (possibly compressed) name at `off`; returns the text and the offset after it in the record. */
function readName(buf: Buffer, off: number): { name: string; next: number } | string {
  const labels: string[] = [];
  let next = -1;
  let jumps = 0;
  let total = 0;
  for (;;) {
    if (off >= buf.length) return 'name runs past the message';
    const len = buf[off];
    if (len === 0) {
      if (next < 0) next = off + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (off + 1 >= buf.length) return 'compression pointer runs past the message';
      if (next < 0) next = off + 2;
      if (++jumps > 64) return 'compression pointer loop';
      off = ((len & 0x3f) << 8) | buf[off + 1];
      continue;
    }
    if (len & 0xc0) return 'bad label type';
    if (off + 1 + len > buf.length) return 'label runs past the message';
    labels.push(buf.toString('latin1', off + 1, off + 1 + len));
    total += len + 1;
    if (total > 255) return 'name longer than 255 bytes';
    off += 1 + len;
  }
  return { name: labels.join('.'), next };
}

/** Decode an UPDATE message (request or response); a string is the reason it could not be used. */
export function decodeUpdate(buf: Buffer): UpdateMessage | string {
  if (buf.length < 12) return 'DNS UPDATE shorter than its header';
  const id = buf.readUInt16BE(0);
  const isResponse = (buf[2] & 0x80) !== 0;
  const rcode = RCODES[buf[3] & 0x0f] ?? `RCODE${buf[3] & 0x0f}`;
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)];
  if (counts[0] !== 1 && !(isResponse && counts[0] === 0)) return `DNS UPDATE with ${counts[0]} zone entries (RFC 2136 requires one)`;
  let off = 12;
  let zone = '';
  if (counts[0] === 1) {
    const z = readName(buf, off);
    if (typeof z === 'string') return `malformed DNS UPDATE: ${z}`;
    if (z.next + 4 > buf.length) return 'malformed DNS UPDATE: zone entry cut short';
    zone = nameKey(z.name) ?? '';
    if (!zone) return `DNS UPDATE zone is not a domain name: ${JSON.stringify(z.name.slice(0, 80))}`;
    off = z.next + 4;
  }
  const changes: UpdateChange[] = [];
  // Prerequisites (section 2) are conditions, not changes: walked over. Updates are section 3.
  for (let section = 1; section <= 3; section++) {
    for (let i = 0; i < counts[section]; i++) {
      const n = readName(buf, off);
      if (typeof n === 'string') return `malformed DNS UPDATE: ${n}`;
      if (n.next + 10 > buf.length) return 'malformed DNS UPDATE: record header cut short';
      const t = buf.readUInt16BE(n.next);
      const cls = buf.readUInt16BE(n.next + 2);
      const rdlen = buf.readUInt16BE(n.next + 8);
      const rdOff = n.next + 10;
      if (rdOff + rdlen > buf.length) return 'malformed DNS UPDATE: rdata runs past the message';
      off = rdOff + rdlen;
      if (section !== 2) continue;
      const name = nameKey(n.name);
      if (!name) continue;
      const type = TYPES[t] ?? typeMnemonic(`UNKNOWN_${t}`);
      const op: UpdateChange['op'] = cls === 255 ? (t === 255 ? 'delete-name' : 'delete-rrset') : cls === 254 ? 'delete' : 'add';
      const ch: UpdateChange = { name, type, op };
      if (rdlen > 0) {
        if (type === 'A' && rdlen === 4) ch.value = canonicalIp([...buf.subarray(rdOff, rdOff + 4)].join('.')) ?? undefined;
        else if (type === 'AAAA' && rdlen === 16) ch.value = canonicalIp(buf.toString('hex', rdOff, rdOff + 16).replace(/(.{4})(?!$)/g, '$1:')) ?? undefined;
        else if (HOST_TYPES.has(type)) {
          const v = readName(buf, rdOff);
          if (typeof v !== 'string') ch.value = nameKey(v.name) ?? undefined;
        }
      }
      changes.push(ch);
    }
  }
  return { id, isResponse, zone, rcode, changes };
}
