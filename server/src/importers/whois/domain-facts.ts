// What a WHOIS answer says about one domain, collected by the layout-specific readers and then
// emitted in one place so every layout produces the same graph.
//
// Validity: a WHOIS answer is a snapshot. The only interval it vouches for is the registration
// term [createdAt, expiresAt], so that is put on REGISTERED_BY and REGISTRAR (the registrant
// holds the name, and the registrar sponsors it, for that term; a registrant or registrar change
// inside the term is invisible in one snapshot). Contacts and name servers change at will
// without any dated record, so their edges carry no validity (they held when the answer was given).
import type { EdgeRow, Sink } from '../types.ts';
import type { PropValue, RelType } from '../../model/index.ts';
import { nameKey } from '../normalize/names.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { orgKey } from '../normalize/entities.ts';
import { emitParty, isRedacted, redactedList, type Party } from '../normalize/registry-party.ts';
import type { RegistryDate } from '../normalize/registry-dates.ts';

export type ContactRole = 'registrant' | 'admin' | 'tech' | 'reseller';

export interface DomainFacts {
  domain?: string;
  domainRef: number;
  registrar?: { name: string; ref: number; url?: string; ianaId?: string; email?: string; phone?: string } & PostalAddress;
  whoisServer?: string;
  createdAt?: string;
  updatedAt?: string;
  expiresAt?: string;
  /** Precision of each date as the registry wrote it (`day` for `2019-04-21`), and bounds (`before Aug-1996`). */
  precision: Partial<Record<'createdAt' | 'updatedAt' | 'expiresAt', RegistryDate>>;
  status: string[];
  /** host → [ref, glue IPs] */
  nameServers: Map<string, { ref: number; ips: string[] }>;
  contacts: Map<ContactRole, Party & { ref: number }>;
  props: Record<string, PropValue>;
}

export interface PostalAddress {
  address?: string;
  postalCode?: string;
  city?: string;
  country?: string;
}

/**
 * Address lines of a free block (`Weesperstraat 61` / `1018VN Amsterdam` / `Netherlands`): a line
 * that starts with a postcode holds the postcode and the city, a last line without digits is the
 * country, the rest is the street address.
 */
export function readPostalLines(lines: string[]): PostalAddress {
  const out: PostalAddress = {};
  const rest = [...lines];
  if (rest.length > 1 && !/\d/.test(rest[rest.length - 1])) out.country = rest.pop();
  const street: string[] = [];
  for (const l of rest) {
    const m = /^(\d{4}\s?[A-Z]{2}|[A-Z]{1,2}-?\d{4,5}|\d{5})\s+(\D.*)$/.exec(l);
    if (m && !out.postalCode) {
      out.postalCode = m[1];
      out.city = m[2];
    } else street.push(l);
  }
  if (street.length) out.address = street.join(', ');
  return out;
}

export function newFacts(): DomainFacts {
  return { domainRef: 1, status: [], nameServers: new Map(), contacts: new Map(), props: {}, precision: {} };
}

/** Set a domain date once (the first value wins: the registry part precedes the registrar's). */
export function setDate(f: DomainFacts, field: 'createdAt' | 'updatedAt' | 'expiresAt', d: RegistryDate): void {
  if (f[field] !== undefined) return;
  f[field] = d.iso;
  f.precision[field] = d;
}

/** `ns1.example.com 192.0.2.1` or `ns1.example.com.` → host (+ glue). Returns false when not a host name. */
export function addNameServer(f: DomainFacts, value: string, ref: number): boolean {
  // `ns1.yandex.ru. 213.180.193.1, 2a02:6b8::1`, `ns3.eurid.eu (185.36.4.253)`, `ns1.example.fi [OK]`.
  const parts = value.trim().replace(/\[[^\]]*\]/g, ' ').replace(/[(),]/g, ' ').trim().split(/\s+/);
  const host = nameKey(parts[0] ?? '');
  if (!host || !host.includes('.')) return false;
  let ns = f.nameServers.get(host);
  if (!ns) f.nameServers.set(host, (ns = { ref, ips: [] }));
  for (const p of parts.slice(1)) {
    const ip = canonicalIp(p);
    if (ip && !ns.ips.includes(ip)) ns.ips.push(ip);
  }
  return true;
}

export function addStatus(f: DomainFacts, value: string): void {
  // EPP status lines carry an explanatory URL: `clientDeleteProhibited https://icann.org/epp#…`.
  // KazNIC explains each code after ` - `: `clientTransferProhibited - status prohibits …`.
  const s = value.trim().split(/\s+https?:/)[0].split(/\s+-\s+/)[0].trim();
  if (s && !f.status.includes(s)) f.status.push(s);
}

export function contact(f: DomainFacts, role: ContactRole, ref: number): Party & { ref: number } {
  let c = f.contacts.get(role);
  if (!c) f.contacts.set(role, (c = { ref }));
  return c;
}

const ROLE_EDGE: Record<ContactRole, RelType> = { registrant: 'REGISTERED_BY', admin: 'ADMINISTERED_BY', tech: 'TECH_CONTACT', reseller: 'RESELLER' };

export function emitFacts(f: DomainFacts, sink: Sink): void {
  const domain = f.domain!;
  const props: Record<string, PropValue> = { ...f.props };
  for (const k of ['createdAt', 'updatedAt', 'expiresAt'] as const) {
    if (!f[k]) continue;
    props[k] = f[k]!;
    const d = f.precision[k];
    if (d) props[`${k}Precision`] = d.precision;
    if (d?.bound) props[`${k}Bound`] = d.bound;
  }
  if (f.status.length) props.status = f.status;
  if (f.registrar) props.registrarName = f.registrar.name;
  if (f.whoisServer) props.whoisServer = f.whoisServer;
  const withheld: string[] = [];
  for (const [role, c] of f.contacts) for (const k of redactedList(c)) withheld.push(`${role}.${k}`);
  if (withheld.length) props.redactedFields = withheld;
  sink.entity({ kind: 'Domain', key: domain, props });
  const from = { kind: 'Domain' as const, key: domain };
  const term: Pick<EdgeRow, 'validFrom' | 'validTo'> = {};
  if (f.createdAt) term.validFrom = f.createdAt;
  if (f.expiresAt) term.validTo = f.expiresAt;

  if (f.registrar) {
    const key = orgKey(f.registrar.name);
    if (key) {
      const rp: Record<string, PropValue> = { name: f.registrar.name };
      if (f.registrar.url) rp.url = f.registrar.url;
      if (f.registrar.ianaId) rp.ianaId = f.registrar.ianaId;
      if (f.registrar.email) rp.abuseEmail = f.registrar.email;
      if (f.registrar.phone) rp.abusePhone = f.registrar.phone;
      for (const k of ['address', 'postalCode', 'city', 'country'] as const) if (f.registrar[k]) rp[k] = f.registrar[k]!;
      sink.entity({ kind: 'Organization', key, props: rp });
      sink.edge({ type: 'REGISTRAR', from, to: { kind: 'Organization', key }, ref: f.registrar.ref, ...term });
    }
  }
  for (const [host, ns] of f.nameServers) {
    sink.entity({ kind: 'Host', key: host });
    sink.edge({ type: 'NAME_SERVER', from, to: { kind: 'Host', key: host }, ref: ns.ref });
    for (const ip of ns.ips) {
      sink.entity({ kind: 'IP', key: ip });
      sink.edge({ type: 'RESOLVES_TO', from: { kind: 'Host', key: host }, to: { kind: 'IP', key: ip }, ref: ns.ref });
    }
  }
  let redacted = false;
  for (const [role, c] of f.contacts) {
    const r = emitParty(c, c.ref, sink, role === 'registrant' || role === 'reseller');
    if (!r) {
      // Name and organization withheld, details given (a registrar's proxy mailbox and address):
      // there is no party to hang them on, but they are still the registration's, so the domain keeps them.
      const kept: Record<string, PropValue> = {};
      for (const k of ['email', 'phone', 'fax', 'address', 'city', 'state', 'postalCode', 'country'] as const) {
        const val = c[k]?.trim();
        if (val && !isRedacted(val)) kept[`${role}${k[0].toUpperCase()}${k.slice(1)}`] = val;
      }
      if (Object.keys(kept).length) sink.entity({ kind: 'Domain', key: domain, props: kept });
      redacted ||= [c.name, c.org].some((v) => v !== undefined && isRedacted(v));
      continue;
    }
    redacted ||= r.redacted;
    sink.edge({ type: ROLE_EDGE[role], from, to: r.target, ref: c.ref, ...(role === 'registrant' ? term : {}) });
  }
  if (redacted) sink.note(`${domain}: redacted contact fields (privacy placeholders) were skipped`);
}
