// DNS wire messages (from pcap and dnstap) decoded with dns-packet and normalized into the
// shapes of types.ts. dns-packet throws on malformed input (including compression-pointer
// loops: it only follows pointers that point backwards), so the decode is wrapped and a failure
// becomes a reason string for sink.reject.
import dnsPacket from 'dns-packet';
import type { DnsAnswer } from '../types.ts';
import { nameKey } from '../normalize/names.ts';
import { canonicalIp } from '../normalize/ip.ts';

export interface DnsMessage {
  id: number;
  isResponse: boolean;
  /** Normalized name of the first question; for a question-less message (mDNS announcements) the first answer's owner, as Zeek does. */
  qname: string;
  /** Undefined when the message carries no question. */
  qtype?: string;
  rcode?: string;
  answers: DnsAnswer[];
  /** Set for NOTIFY (RFC 1996): a zone-change signal, not a lookup. UPDATE has its own decoder (dns-update.ts). */
  opcode?: 'NOTIFY';
}

// Mnemonics dns-packet does not know (it prints UNKNOWN_n); the rest become RFC 3597 TYPEn.
const EXTRA_TYPES: Record<number, string> = {
  32: 'NIMLOC', 53: 'SMIMEA', 61: 'OPENPGPKEY', 62: 'CSYNC', 63: 'ZONEMD', 64: 'SVCB', 65: 'HTTPS',
  108: 'EUI48', 109: 'EUI64', 256: 'URI',
};

/** Type mnemonic from dns-packet's spelling ('UNKNOWN_65' → 'HTTPS', 'UNKNOWN_12345' → 'TYPE12345'). */
export function typeMnemonic(t: string | undefined): string {
  if (!t) return 'TYPE0';
  if (t.startsWith('UNKNOWN_')) {
    const n = Number(t.slice(8));
    return EXTRA_TYPES[n] ?? `TYPE${n}`;
  }
  return t;
}

/**
 * TXT character-strings are joined with a space (the project's rule for DnsAnswer.value). Note
 * SPF/DKIM consumers concatenate without one (RFC 7208 3.3); the Zeek importer does that.
 */
export const TXT_JOINER = ''; // as Zeek and SPF/DKIM readers do: multi-string TXT values are one string split for the wire

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

function hostOrText(raw: unknown): string {
  const s = String(raw ?? '');
  return nameKey(s) ?? (s.endsWith('.') ? s.slice(0, -1) : s).toLowerCase();
}

/** Presentation-ish text for record types that are not addresses or host names. */
function rdataText(type: string, data: unknown): string {
  if (data == null) return '';
  if (Buffer.isBuffer(data) || data instanceof Uint8Array) return `\\# ${data.length} ${hex(data)}`;
  if (typeof data !== 'object') return String(data);
  const d = data as Record<string, unknown>;
  switch (type) {
    case 'SOA':
      return `${hostOrText(d.mname)} ${hostOrText(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    case 'DS': case 'CDS':
      return `${d.keyTag} ${d.algorithm} ${d.digestType} ${hex(d.digest as Buffer)}`;
    case 'CAA':
      return `${d.flags ?? 0} ${d.tag} "${d.value}"`;
    case 'HINFO':
      return `"${d.cpu}" "${d.os}"`;
    default: {
      const parts: string[] = [];
      for (const v of Object.values(d)) {
        if (Buffer.isBuffer(v)) parts.push(type === 'RRSIG' || type === 'DNSKEY' || type === 'CDNSKEY' ? v.toString('base64') : hex(v));
        else if (Array.isArray(v)) parts.push(v.map(String).join(' '));
        else parts.push(String(v));
      }
      return parts.join(' ');
    }
  }
}

/** Normalized value of one resource record, or null when it carries nothing usable. */
export function answerValue(type: string, data: unknown): string | null {
  switch (type) {
    case 'A': case 'AAAA':
      return typeof data === 'string' ? canonicalIp(data) : null;
    case 'CNAME': case 'NS': case 'PTR': case 'DNAME':
      return hostOrText(data) || null;
    case 'MX':
      return hostOrText((data as { exchange?: string } | null)?.exchange) || null;
    case 'SRV':
      // Like MX, the target host is the fact worth a graph edge; priority/weight/port are dropped.
      return hostOrText((data as { target?: string } | null)?.target) || null;
    case 'TXT': {
      const list = Array.isArray(data) ? data : [data];
      return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x))).join(TXT_JOINER);
    }
    default:
      return rdataText(type, data);
  }
}

/**
 * NetBIOS-NS (port 137) carries names in "first-level encoding": 32 letters A..P, two per byte.
 * Zeek logs the decoded 15-character name, so do we. Null when the label is not so encoded.
 */
export function decodeNetbiosName(name: string): string | null {
  const dot = name.indexOf('.');
  const first = dot < 0 ? name : name.slice(0, dot);
  if (first.length !== 32) return null;
  let out = '';
  for (let i = 0; i < 30; i += 2) {
    const hi = first.charCodeAt(i) - 65;
    const lo = first.charCodeAt(i + 1) - 65;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return null;
    out += String.fromCharCode((hi << 4) | lo);
  }
  out = out.replace(/ +$/, '');
  return dot < 0 ? out : `${out}${name.slice(dot)}`;
}

/** Decode one DNS message; a string is the reason it could not be used. */
export function decodeDnsMessage(buf: Buffer, netbios = false): DnsMessage | string {
  let p: dnsPacket.DecodedPacket;
  try {
    p = dnsPacket.decode(buf);
  } catch (err) {
    return `malformed DNS message: ${(err as Error).message}`;
  }
  const q = p.questions && p.questions[0];
  let rawName = q ? q.name : p.answers && p.answers[0] ? p.answers[0].name : undefined;
  if (rawName === undefined) return 'DNS message without question or answer';
  if (netbios) {
    const nb = decodeNetbiosName(rawName);
    if (nb !== null) rawName = nb;
  }
  const qname = nameKey(rawName);
  if (qname === null) return `DNS query name is not a host name: ${JSON.stringify(rawName.slice(0, 80))}`;
  const isResponse = p.type === 'response';
  const answers: DnsAnswer[] = [];
  if (isResponse && p.answers) {
    for (const a of p.answers) {
      const type = typeMnemonic(a.type);
      if (type === 'OPT') continue;
      const value = answerValue(type, (a as { data?: unknown }).data);
      if (value === null) continue;
      const owner = netbios ? decodeNetbiosName(a.name) ?? a.name : a.name;
      const ans: DnsAnswer = { name: nameKey(owner) ?? qname, type, value };
      if (typeof (a as { ttl?: number }).ttl === 'number') ans.ttl = (a as { ttl: number }).ttl;
      answers.push(ans);
    }
  }
  const msg: DnsMessage = { id: p.id ?? 0, isResponse, qname, answers };
  if (q) msg.qtype = typeMnemonic(q.type);
  if ((p as { opcode?: string }).opcode === 'NOTIFY') msg.opcode = 'NOTIFY';
  const rcode = (p as { rcode?: string }).rcode;
  if (isResponse && rcode) msg.rcode = rcode;
  return msg;
}
