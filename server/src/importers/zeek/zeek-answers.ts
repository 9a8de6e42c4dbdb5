// Zeek writes answers as bare strings without their RR type, so the type is inferred here;
// shared by the TSV and JSON readers.
import type { DnsAnswer } from '../types.ts';
import type { Normalizer } from '../normalize/name-cache.ts';
import { isCanonicalV4 } from '../normalize/ip.ts';

/** Query types whose rdata is a host name (Zeek logs only the name, e.g. MX without preference). */
export const NAME_TYPES = ['CNAME', 'NS', 'MX', 'PTR', 'SRV', 'DNAME', 'SOA', 'NAPTR', 'KX', 'AFSDB', 'RT'];
const NAME_TYPE_SET = new Set(NAME_TYPES);

/**
 * Split Zeek's TXT rendering `TXT <len> <text> TXT <len> <text> ...` into its character-strings,
 * using the length prefixes (a string may itself contain ` TXT `, `;` or spaces). Falls back to the
 * raw text when the prefixes do not add up.
 */
export function splitZeekTxt(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (!s.startsWith('TXT ', i)) return [s];
    const sp = s.indexOf(' ', i + 4);
    const lenText = sp < 0 ? s.slice(i + 4) : s.slice(i + 4, sp);
    const n = Number(lenText);
    if (!Number.isInteger(n) || n < 0) return [s];
    const start = sp < 0 ? s.length : sp + 1;
    // Zeek counts bytes; in practice TXT data here is ASCII, and a short string ends the record.
    const end = Math.min(start + n, s.length);
    out.push(s.slice(start, end));
    i = end;
    if (i < s.length) {
      if (s.charCodeAt(i) !== 32) return [s];
      i++;
    }
  }
  return out;
}

export interface AnswerStats { dropped: number }

/**
 * Turn Zeek's answers (+ TTLs) into DnsAnswers. IPs become A/AAAA; `TXT n ...` becomes TXT (the
 * character-strings concatenated, as SPF and DKIM read them); a host name becomes the query type
 * when that type carries a name, otherwise a CNAME when further answers follow it (a chain),
 * otherwise type UNKNOWN (mDNS responses logged without a question). A CNAME moves the owner of the
 * following answers to its target. Limitation: a CNAME in front of an MX/NS/PTR set is typed as the
 * query type — Zeek's log does not say which it was.
 */
export type Kind = { t: 'TXT' | 'A' | 'AAAA' | 'NAME'; v: string } | null;

/** Per-parser memo of answer strings → kind and normalized value (answers repeat heavily in logs). */
export function answerClassifier(n: { name: Normalizer; ip: Normalizer }, max = 50_000): (v: string) => Kind {
  let m = new Map<string, Kind>();
  return (v: string) => {
    // Canonical dotted quads, most answers, need neither normalizing nor a Map lookup.
    if (isCanonicalV4(v)) return { t: 'A', v };
    let k = m.get(v);
    if (k !== undefined) return k;
    if (v.startsWith('TXT ')) k = { t: 'TXT', v: splitZeekTxt(v).join('') };
    else {
      const ip = n.ip(v);
      if (ip !== null) k = { t: ip.includes(':') ? 'AAAA' : 'A', v: ip };
      else { const h = n.name(v); k = h === null ? null : { t: 'NAME', v: h }; }
    }
    if (m.size >= max) m = new Map();
    m.set(v, k);
    return k;
  };
}

export function zeekAnswers(
  qname: string, qtype: string | undefined, raw: string[], ttls: string[] | (number | undefined)[],
  classify: (v: string) => Kind, stats: AnswerStats,
): DnsAnswer[] {
  const kinds = raw.map(classify);
  const t = ttls.map((x) => (typeof x === 'string' ? Number(x) : x));
  return answersFromKinds(qname, qtype, kinds, t, stats);
}

/** The same, for answers already classified (the byte-level reader classifies from bytes). */
export function answersFromKinds(
  qname: string, qtype: string | undefined, kinds: Kind[], ttls: (number | undefined)[], stats: AnswerStats,
): DnsAnswer[] {
  const out: DnsAnswer[] = [];
  let owner = qname;
  const nameType = qtype !== undefined && NAME_TYPE_SET.has(qtype) ? qtype : undefined;
  for (let k = 0; k < kinds.length; k++) {
    const c = kinds[k];
    if (c === null) { stats.dropped++; continue; }
    const type = c.t !== 'NAME' ? c.t : nameType ?? (k < kinds.length - 1 || qtype !== undefined ? 'CNAME' : 'UNKNOWN');
    const t = ttls[k];
    const ttl = t !== undefined && Number.isFinite(t) ? Math.round(t) : undefined;
    out.push(ttl === undefined ? { name: owner, type, value: c.v } : { name: owner, type, value: c.v, ttl });
    if (type === 'CNAME') owner = c.v;
  }
  return out;
}
