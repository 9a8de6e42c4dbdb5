// The one table of per-registry WHOIS rules: label aliases (every registry's spelling of the same
// fact), section headers (blocks that say whose the following fields are), and per-TLD date
// conventions. The reader in labelled.ts is layout-generic; a new registry is a few rows here,
// never a new parser.
import type { ContactRole } from './domain-facts.ts';

export type DomainField =
  | 'domain' | 'registrar' | 'registrarUrl' | 'registrarId' | 'registrarEmail' | 'registrarPhone'
  | 'whois' | 'ns' | 'nsIp' | 'status' | 'created' | 'updated' | 'expires' | 'domainId' | 'dnssec'
  | 'script' | 'reseller' | 'spam' | 'handleObject';

export type PartyField =
  | 'name' | 'org' | 'email' | 'phone' | 'fax' | 'address' | 'city' | 'state' | 'postalCode' | 'country'
  | 'handle' | 'givenName' | 'familyName' | 'language';

export type HandleRef = `${ContactRole}-ref`;
export type Target = DomainField | `${ContactRole}.${PartyField}` | HandleRef;

/** Normalised label (lower case, single spaces, no padding dots) → what it holds. */
export const LABELS: Record<string, Target> = {
  // the domain
  'domain name': 'domain', domain: 'domain', 'domain information': 'domain', query: 'domain',
  'registry domain id': 'domainId', roid: 'domainId',
  'server name': 'spam',
  // registrar
  registrar: 'registrar', 'registrar name': 'registrar', 'sponsoring registrar': 'registrar',
  'current registar': 'registrar', 'current registrar': 'registrar', 'authorized agency': 'registrar',
  'registrar url': 'registrarUrl', 'referral url': 'registrarUrl', 'registrar homepage': 'registrarUrl',
  'registrar iana id': 'registrarId',
  'registrar abuse contact email': 'registrarEmail', 'registrar abuse contact phone': 'registrarPhone',
  'whois server': 'whois', 'registrar whois server': 'whois', 'registrar whois': 'whois',
  reseller: 'reseller',
  // name servers
  'name server': 'ns', nserver: 'ns', nameserver: 'ns', 'name servers': 'ns', nameservers: 'ns',
  'primary server': 'ns', 'secondary server': 'ns', 'host name': 'ns',
  'primary ip address': 'nsIp', 'secondary ip address': 'nsIp',
  dnssec: 'dnssec', signed: 'dnssec',
  script: 'script',
  // status
  status: 'status', 'domain status': 'status', state: 'status', eppstatus: 'status',
  // dates
  'creation date': 'created', created: 'created', 'created on': 'created', 'created date': 'created',
  registered: 'created', 'registered on': 'created', 'registration date': 'created', 'registration time': 'created',
  'domain registration date': 'created', 'domain created': 'created', 'registered date': 'created',
  'domain name commencement date': 'created',
  'updated date': 'updated', 'last updated': 'updated', 'record last updated on': 'updated', 'last update': 'updated',
  'last modified': 'updated', 'last updated on': 'updated', changed: 'updated', 'updated on': 'updated',
  'last-update': 'updated', modified: 'updated', 'last updated date': 'updated',
  'expiration date': 'expires', 'expiry date': 'expires', 'registry expiry date': 'expires', 'expiration time': 'expires',
  'registrar registration expiration date': 'expires', 'expires on': 'expires', expires: 'expires',
  'paid-till': 'expires', 'expire date': 'expires', 'domain expiration date': 'expires',
  // contacts written with the role in the label
  registrant: 'registrant.name', owner: 'registrant.org', org: 'registrant.org', responsible: 'registrant.name',
  'registrant id': 'registrant.handle', 'registry registrant id': 'registrant.handle', 'registrant contact email': 'registrant.email',
  'registrant zip code': 'registrant.postalCode',
  'administrative contact(ac)': 'admin.name', 'ac e-mail': 'admin.email', 'ac phone number': 'admin.phone',
  'registry admin id': 'admin.handle', 'registry tech id': 'tech.handle',
  // RPSL-style references to contact objects further down (AFNIC, Registro.br)
  'holder-c': 'registrant-ref', 'owner-c': 'registrant-ref', 'admin-c': 'admin-ref', 'tech-c': 'tech-ref',
  'nic-hdl': 'handleObject', 'nic-hdl-br': 'handleObject',
};

/** Labels that name a field of whichever party the current section is about. */
export const PARTY_LABELS: Record<string, PartyField> = {
  name: 'name', person: 'name', contact: 'name', 'given name': 'givenName', 'family name': 'familyName',
  organization: 'org', organisation: 'org', org: 'org', 'organization name': 'org', 'company name': 'org',
  'company english name': 'org',
  email: 'email', 'e-mail': 'email', 'email address': 'email',
  phone: 'phone', 'phone number': 'phone', fax: 'fax', 'fax number': 'fax', 'fax-no': 'fax',
  address: 'address', street: 'address', 'street address': 'address',
  city: 'city', state: 'state', 'state/province': 'state', province: 'state',
  'postal code': 'postalCode', postcode: 'postalCode', 'zip code': 'postalCode',
  country: 'country', 'country code': 'country', language: 'language',
  'nic handle': 'handle', 'account name': 'handle', id: 'handle', 'nic-hdl': 'handle', 'nic-hdl-br': 'handle',
};

/** Registrar-section labels (Traficom `www`, NIC.it `Web`, EURid `Website`, Nominet `URL`). */
export const REGISTRAR_LABELS: Record<string, 'name' | 'org' | 'url' | 'email' | 'phone'> = {
  name: 'name', registrar: 'name', organization: 'org', organisation: 'org', 'organization name': 'org',
  url: 'url', www: 'url', web: 'url', website: 'url', email: 'email', 'e-mail': 'email', phone: 'phone',
};

export type Section =
  | { kind: 'party'; role: ContactRole }
  | { kind: 'registrar' | 'reseller' | 'abuse' | 'ns' | 'status' | 'domain' | 'dates' | 'keys' | 'other' };

/** Section headers (normalised, with or without a trailing colon). */
export const SECTIONS: Record<string, Section> = {
  registrant: { kind: 'party', role: 'registrant' }, owner: { kind: 'party', role: 'registrant' },
  holder: { kind: 'party', role: 'registrant' }, 'registrant contact information': { kind: 'party', role: 'registrant' },
  'organization using domain name': { kind: 'party', role: 'registrant' }, "registrant's address": { kind: 'party', role: 'registrant' },
  administrative: { kind: 'party', role: 'admin' }, admin: { kind: 'party', role: 'admin' },
  'administrative contact': { kind: 'party', role: 'admin' }, 'admin contact': { kind: 'party', role: 'admin' },
  'administrative contact information': { kind: 'party', role: 'admin' }, 'administrative contact/agent': { kind: 'party', role: 'admin' },
  technical: { kind: 'party', role: 'tech' }, tech: { kind: 'party', role: 'tech' }, 'technical contact': { kind: 'party', role: 'tech' },
  'technical contacts': { kind: 'party', role: 'tech' }, 'technical contact information': { kind: 'party', role: 'tech' },
  registrar: { kind: 'registrar' }, 'sponsoring registrar': { kind: 'registrar' },
  reseller: { kind: 'reseller' }, 'abuse contact': { kind: 'abuse' },
  'domain servers in listed order': { kind: 'ns' }, 'name servers': { kind: 'ns' }, 'name server': { kind: 'ns' },
  nameservers: { kind: 'ns' }, nameserver: { kind: 'ns' }, 'domain nameservers': { kind: 'ns' }, 'domain servers': { kind: 'ns' },
  'name servers information': { kind: 'ns' }, 'nameserver in listed order': { kind: 'ns' },
  'primary name server': { kind: 'ns' }, 'secondary name server': { kind: 'ns' },
  'registration status': { kind: 'status' }, 'domain status': { kind: 'status' },
  'domain name': { kind: 'domain' },
  'relevant dates': { kind: 'dates' }, 'additional info': { kind: 'dates' },
  'data validation': { kind: 'other' }, 'billing contact': { kind: 'other' }, billing: { kind: 'other' },
  'status information': { kind: 'other' }, keys: { kind: 'keys' }, 'dnssec keys': { kind: 'keys' },
};

export interface TldRule {
  /** Offset of dates written without a zone, minutes east of UTC. */
  offsetMin?: number;
}

// Registries whose zone-less dates are local time. JPRS says so in its output (`(JST)`); the
// others in the corpus write UTC or say nothing, and their peers read them as UTC.
export const TLD_RULES: Record<string, TldRule> = {
  jp: { offsetMin: 540 },
};

export function tldRule(domain: string | undefined): TldRule {
  const tld = domain?.slice(domain.lastIndexOf('.') + 1) ?? '';
  return TLD_RULES[tld] ?? {};
}

/** `Registrant Name............:`, `Domain status :` → `registrant name`, `domain status`. */
export function normLabel(label: string): string {
  return label.toLowerCase().replace(/[.\s]+$/, '').replace(/\s+/g, ' ').trim();
}

/** Long explanatory labels (HKIRC's `Company English Name (It should be …)`) by their stem. */
export function labelStem(label: string): string {
  return label.replace(/\s*\(.*$/, '').trim();
}
