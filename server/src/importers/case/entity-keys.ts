// The key an entity of a case file is merged on, by kind, with the same normalizers the log and
// registry importers use, so a case file's `Host:MAIL1.Trump-Email.com.` meets the log's host.
import ipaddr from 'ipaddr.js';
import { asnKey, orgKey, personKey } from '../normalize/entities.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { nameKey } from '../normalize/names.ts';
import type { EntityKind } from '../../model/index.ts';

export type KeyResult = { ok: true; key: string } | { ok: false; message: string };

/** `66.216.133.0/24`; host bits must be zero so that one prefix has one spelling. */
export function prefixKey(text: string): KeyResult {
  const slash = text.indexOf('/');
  const addr = slash > 0 ? canonicalIp(text.slice(0, slash)) : null;
  const len = slash > 0 && /^\d{1,3}$/.test(text.slice(slash + 1)) ? Number(text.slice(slash + 1)) : NaN;
  if (!addr || !Number.isInteger(len)) return { ok: false, message: `"${text}" is not a prefix (address/length)` };
  const max = addr.includes(':') ? 128 : 32;
  if (len > max) return { ok: false, message: `prefix length ${len} is over ${max} in "${text}"` };
  const parsed = ipaddr.parse(addr);
  const network = parsed.kind() === 'ipv4'
    ? ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${len}`).toString()
    : ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${len}`).toString();
  if (canonicalIp(network) !== addr) {
    return { ok: false, message: `"${text}" has host bits set; the network is ${canonicalIp(network)}/${len}` };
  }
  return { ok: true, key: `${addr}/${len}` };
}

/** Key of a network entity from its written name; parties use their id (see caseEntityId). */
export function networkKey(kind: EntityKind, text: string): KeyResult {
  switch (kind) {
    case 'Domain':
    case 'Host': {
      const k = nameKey(text);
      return k ? { ok: true, key: k } : { ok: false, message: `"${text}" is not a DNS name` };
    }
    case 'IP': {
      const k = canonicalIp(text);
      return k ? { ok: true, key: k } : { ok: false, message: `"${text}" is not an IP address` };
    }
    case 'Prefix':
      return prefixKey(text);
    case 'ASN':
      try {
        return { ok: true, key: asnKey(text) };
      } catch {
        return { ok: false, message: `"${text}" is not an AS number` };
      }
    case 'Organization': {
      const k = orgKey(text);
      return k ? { ok: true, key: k } : { ok: false, message: `"${text}" gives an empty organization key` };
    }
    case 'Person': {
      const k = personKey(text);
      return k ? { ok: true, key: k } : { ok: false, message: `"${text}" gives an empty person key` };
    }
  }
}
