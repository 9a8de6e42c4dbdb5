// Numeric DNS codes as the mnemonics DnsQueryEvent carries, and one answer normalizer for text
// formats that log answers as (owner, type, value) triples (Suricata, passivedns, Route 53,
// Sysmon). Numbers without a mnemonic become RFC 3597 `TYPEn`.
import type { DnsAnswer } from '../types.ts';
import { canonicalIp } from './ip.ts';
import { nameKey } from './names.ts';

const TYPES: Record<number, string> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 13: 'HINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB',
  24: 'SIG', 25: 'KEY', 28: 'AAAA', 29: 'LOC', 33: 'SRV', 35: 'NAPTR', 36: 'KX', 37: 'CERT', 39: 'DNAME',
  41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY', 46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY',
  49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA', 53: 'SMIMEA', 55: 'HIP', 59: 'CDS', 60: 'CDNSKEY',
  61: 'OPENPGPKEY', 62: 'CSYNC', 63: 'ZONEMD', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 108: 'EUI48', 109: 'EUI64',
  249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 255: 'ANY', 256: 'URI', 257: 'CAA',
};

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];

/** Type mnemonic for a number or numeric text ('28' → 'AAAA'); a mnemonic is upper-cased. */
export function typeName(v: number | string): string {
  const n = typeof v === 'number' ? v : /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (Number.isInteger(n)) return TYPES[n] ?? `TYPE${n}`;
  return String(v).trim().toUpperCase();
}

/** Response-code mnemonic for a number or numeric text ('3' → 'NXDOMAIN'). */
export function rcodeName(v: number | string): string {
  const n = typeof v === 'number' ? v : /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (Number.isInteger(n)) return RCODES[n] ?? `RCODE${n}`;
  return String(v).trim().toUpperCase();
}

const HOST_TYPES = new Set(['CNAME', 'NS', 'PTR', 'MX', 'DNAME', 'SRV']);

/**
 * One answer from an owner name (normalized) and the value as logged. Addresses become canonical
 * IPs, host-valued types a normalized name (MX/SRV: the target, the last field); other types keep
 * their text. Null when the value is empty or not what its type requires.
 */
export function textAnswer(owner: string, type: string, raw: string, ttl?: number): DnsAnswer | null {
  const v = raw.trim();
  if (v === '' || v === '-') return null;
  let value: string | null;
  if (type === 'A' || type === 'AAAA') value = canonicalIp(v);
  else if (HOST_TYPES.has(type)) {
    const parts = v.split(/\s+/);
    value = nameKey(parts[parts.length - 1]);
  } else value = v;
  if (value === null) return null;
  const a: DnsAnswer = { name: owner, type, value };
  if (ttl !== undefined && Number.isFinite(ttl)) a.ttl = ttl;
  return a;
}

/**
 * Answers logged without owner names (Route 53 `answers[]`, Sysmon `QueryResults`), in the order
 * the resolver gave them: a CNAME is owned by the query name or the previous CNAME's target, and
 * every other record by the end of the chain so far.
 */
export function chainAnswers(qname: string, list: { type: string; value: string }[]): { answers: DnsAnswer[]; bad: number } {
  const answers: DnsAnswer[] = [];
  let owner = qname;
  let bad = 0;
  for (const x of list) {
    const a = textAnswer(owner, x.type, x.value);
    if (a === null) { bad++; continue; }
    answers.push(a);
    if (a.type === 'CNAME') owner = a.value;
  }
  return { answers, bad };
}
