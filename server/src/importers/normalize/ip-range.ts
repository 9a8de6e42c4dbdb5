// Address arithmetic for registry ranges. ipaddr.js parses and prints addresses but has no
// range → CIDR summarization and works on byte arrays, so the integer maths lives here:
// IPv4 as plain numbers (exact up to 2^32 in a double), IPv6 as BigInt (registry documents are
// small; the 500k-line ASN table only takes the BigInt path for its IPv6 lines).
import ipaddr from 'ipaddr.js';
import { canonicalIp } from './ip.ts';

const V6_MAX = (1n << 128n) - 1n;

/**
 * Dotted IPv4 → unsigned number, or -1. Hand-rolled on char codes because the ASN table calls it
 * twice per line; accepts zero-padded octets (`108.057.255.255`, as ARIN RDAP prints them).
 */
export function parseV4(s: string): number {
  let acc = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      acc = acc * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return acc * 256 + octet;
}

export function v4ToText(n: number): string {
  return `${Math.floor(n / 16777216)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** IPv6 text → BigInt, or null. */
export function parseV6(s: string): bigint | null {
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return null;
  let v = 0n;
  for (const p of ipaddr.IPv6.parse(s).parts) v = (v << 16n) | BigInt(p);
  return v;
}

export function v6ToText(v: bigint): string {
  const parts: number[] = new Array(8);
  for (let i = 7; i >= 0; i--) {
    parts[i] = Number(v & 0xffffn);
    v >>= 16n;
  }
  return new ipaddr.IPv6(parts).toString();
}

/** Minimal list of CIDRs that exactly cover [start, end] (IPv4 numbers). */
export function v4RangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  while (start <= end) {
    // Largest block aligned at start: trailing zeros of start (32 for 0.0.0.0)…
    const tz = start === 0 ? 32 : 31 - Math.clz32(start & -start);
    // …that does not run past end.
    const len = end - start + 1;
    const fit = len >= 4294967296 ? 32 : 31 - Math.clz32(len);
    const bits = tz < fit ? tz : fit;
    out.push(`${v4ToText(start)}/${32 - bits}`);
    start += 2 ** bits;
  }
  return out;
}

export function v6RangeToCidrs(start: bigint, end: bigint): string[] {
  const out: string[] = [];
  while (start <= end) {
    let bits = 0;
    while (bits < 128) {
      const size = 1n << BigInt(bits + 1);
      if ((start & (size - 1n)) !== 0n || start + size - 1n > end) break;
      bits++;
    }
    out.push(`${v6ToText(start)}/${128 - bits}`);
    start += 1n << BigInt(bits);
    if (start > V6_MAX) break;
  }
  return out;
}

export interface IpRange {
  version: 4 | 6;
  /** Inclusive bounds; IPv4 values are below 2^32. */
  start: bigint;
  end: bigint;
}

/** Text range "a - b" (either family) → CIDR list; null when the ends are not addresses of one family or reversed. */
export function rangeToCidrs(startText: string, endText: string): string[] | null {
  const r = parseRange(startText, endText);
  if (!r) return null;
  return r.version === 4 ? v4RangeToCidrs(Number(r.start), Number(r.end)) : v6RangeToCidrs(r.start, r.end);
}

export function parseRange(startText: string, endText: string): IpRange | null {
  const a4 = parseV4(startText.trim());
  if (a4 >= 0) {
    const b4 = parseV4(endText.trim());
    if (b4 < 0 || b4 < a4) return null;
    return { version: 4, start: BigInt(a4), end: BigInt(b4) };
  }
  const a6 = parseV6(startText.trim());
  const b6 = parseV6(endText.trim());
  if (a6 === null || b6 === null || b6 < a6) return null;
  return { version: 6, start: a6, end: b6 };
}

/**
 * A CIDR in any registry spelling → canonical text with the network address
 * (`2001:0240::/32` → `2001:240::/32`, LACNIC's `200.57.128/19` → `200.57.128.0/19`,
 * host bits cleared). Null when it is not a CIDR.
 */
export function normalizeCidr(text: string): string | null {
  const r = cidrRange(text);
  if (!r) return null;
  const len = r.version === 4 ? 32 - bitLength(r.end - r.start + 1n) + 1 : 128 - bitLength(r.end - r.start + 1n) + 1;
  return `${r.version === 4 ? v4ToText(Number(r.start)) : v6ToText(r.start)}/${len}`;
}

function bitLength(v: bigint): number {
  return v.toString(2).length;
}

/** The address range a CIDR covers, or null. */
export function cidrRange(text: string): IpRange | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  let addr = text.slice(0, slash).trim();
  const lenText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(lenText)) return null;
  const len = Number(lenText);
  if (!addr.includes(':')) {
    const octets = addr.split('.');
    if (octets.length < 1 || octets.length > 4) return null;
    while (octets.length < 4) octets.push('0');
    addr = octets.join('.');
    const v = parseV4(addr);
    if (v < 0 || len > 32) return null;
    const size = 2 ** (32 - len);
    const start = Math.floor(v / size) * size;
    return { version: 4, start: BigInt(start), end: BigInt(start + size - 1) };
  }
  const v = parseV6(addr);
  if (v === null || len > 128) return null;
  const hostMask = (1n << BigInt(128 - len)) - 1n;
  const start = v & ~hostMask & V6_MAX;
  return { version: 6, start, end: start | hostMask };
}

/** Address as a BigInt in its family, for containment tests; null when not an address. */
export function ipValue(ip: string): { version: 4 | 6; value: bigint } | null {
  const c = canonicalIp(ip);
  if (!c) return null;
  if (c.includes(':')) return { version: 6, value: parseV6(c)! };
  return { version: 4, value: BigInt(parseV4(c)) };
}
