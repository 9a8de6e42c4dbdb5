// Passive-DNS rdata text → the normalized values of types.ts (same rules as DnsAnswer.value).
import { nameKey } from '../normalize/names.ts';
import { canonicalIp } from '../normalize/ip.ts';

function host(s: string): string | null {
  return nameKey(s);
}

/** Normalized value, or null when the text cannot be a value of that type. */
export function normalizeRdata(rrtype: string, raw: string): string | null {
  const s = raw.trim();
  if (s === '') return null;
  switch (rrtype) {
    case 'A': case 'AAAA':
      return canonicalIp(s);
    case 'CNAME': case 'NS': case 'PTR': case 'DNAME':
      return host(s);
    case 'MX': case 'SRV': {
      // "10 mx.example.com." / "0 5 5060 sip.example.com.": the host is the last token.
      const sp = s.lastIndexOf(' ');
      return host(sp < 0 ? s : s.slice(sp + 1));
    }
    default:
      return s;
  }
}
