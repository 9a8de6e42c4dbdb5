// Domain WHOIS text (port 43) → Domain, registrar, name servers, contacts.
// Layouts handled: `Key: value` (Verisign thin and ICANN thick registrar output), dotted keys
// (`Created on......: 1997-09-15.`), a section header followed by indented lines
// (`Registrant:\n\tName\n\tOrg\n\tStreet…`, `Domain servers in listed order:`), and JPRS brackets.
// When one answer concatenates registry and registrar output, the first value of a fact wins:
// the registry part comes first and is the authority for dates and the sponsoring registrar.
import type { DocumentParser, Sink } from '../types.ts';
import { nameKey, registeredDomain } from '../normalize/names.ts';
import { parseRegistryDate } from './dates.ts';
import { addNameServer, addStatus, contact, emitFacts, newFacts, type ContactRole, type DomainFacts } from './domain-facts.ts';
import { isJprs, readJprs } from './jprs.ts';
import { isRedacted, type Party } from './party.ts';

export { decodeWhoisBytes } from './decode.ts';

type Simple = 'domain' | 'registrar' | 'whois' | 'ns' | 'status' | 'created' | 'updated' | 'expires' | 'spam';

const KEYS: Record<string, Simple> = {
  'domain name': 'domain', domain: 'domain',
  'server name': 'spam',
  registrar: 'registrar', 'registrar name': 'registrar', 'sponsoring registrar': 'registrar',
  'whois server': 'whois', 'registrar whois server': 'whois', 'registrar whois': 'whois',
  'name server': 'ns', nserver: 'ns', nameserver: 'ns', 'name servers': 'ns', nameservers: 'ns',
  status: 'status', 'domain status': 'status',
  'creation date': 'created', created: 'created', 'created on': 'created', 'created date': 'created',
  registered: 'created', 'registered on': 'created', 'registration date': 'created', 'registration time': 'created',
  'domain registration date': 'created',
  'updated date': 'updated', 'last updated': 'updated', 'record last updated on': 'updated',
  'last modified': 'updated', 'last updated on': 'updated', changed: 'updated', 'updated on': 'updated',
  'expiration date': 'expires', 'expiry date': 'expires', 'registry expiry date': 'expires',
  'registrar registration expiration date': 'expires', 'expires on': 'expires', expires: 'expires',
  'paid-till': 'expires', 'expire date': 'expires', 'domain expiration date': 'expires',
};

const KV = /^([^:]{1,60}?)[\s.]*:\s*(.*)$/;
const ROLE_HEADER = /^(registrant|owner|holder|administrative|admin|technical|tech|billing)( contact)?(,.*)?$/;
const ROLE_FIELD =
  /^(registrant|admin|administrative|tech|technical)(?: contact)? (name|organization|organisation|org|email|e-mail|street\d*|address\d*|city|state\/province|state|province|postal code|postcode|country|country code|phone|id)$/;
const NS_HEADER = /^(domain servers in listed order|name servers?|nameservers?|domain nameservers)$/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

function role(word: string): ContactRole | null {
  if (word === 'registrant' || word === 'owner' || word === 'holder') return 'registrant';
  if (word.startsWith('admin')) return 'admin';
  if (word.startsWith('tech')) return 'tech';
  return null;
}

function setField(c: Party, field: string, v: string): void {
  if (field === 'name') c.name ??= v;
  else if (field.startsWith('org')) c.org ??= v;
  else if (field === 'email' || field === 'e-mail') c.email ??= v;
  else if (field.startsWith('street') || field.startsWith('address')) c.address = c.address ? `${c.address}, ${v}` : v;
  else if (field === 'city') c.city ??= v;
  else if (field.startsWith('country')) c.country ??= v;
  else if (field === 'phone') c.phone ??= v;
  else if (field === 'id') c.handle ??= v;
}

/**
 * Free-form block under `Registrant:`: first line the holder's name, a second line that reads as
 * an organization is its organization; a line with an e-mail is the contact line, a lone
 * two-letter line the country, the rest the address. This is the Network Solutions/MarkMonitor
 * layout; indented `Key: value` lines inside a block are read as fields instead.
 */
function readBlock(c: Party, lines: string[]): void {
  const rest: string[] = [];
  for (const l of lines) {
    const kv = KV.exec(l);
    const k = kv?.[1].toLowerCase();
    if (kv && k && /^(name|organi[sz]ation|org|e-?mail|address|street|city|country|phone)$/.test(k)) {
      setField(c, k === 'organisation' || k === 'organization' ? 'org' : k.replace('street', 'address'), kv[2]);
    } else rest.push(l);
  }
  if (rest.length === 0) return;
  let i = 0;
  if (!c.name && !c.org) c.name = rest[i++];
  if (i < rest.length && !c.org && !EMAIL.test(rest[i]) && /\b(inc|llc|ltd|corp|gmbh|co|company|limited)\b\.?/i.test(rest[i])) {
    c.org = rest[i++];
  }
  let contactLine = -1;
  for (let j = rest.length - 1; j >= i; j--) if (EMAIL.test(rest[j])) { contactLine = j; break; }
  const addr: string[] = [];
  for (let j = i; j < rest.length; j++) {
    if (j === contactLine) {
      c.email ??= EMAIL.exec(rest[j])![0];
      const phone = /(\+\d[\d. -]{5,})/.exec(rest[j].replace(EMAIL, ''));
      if (phone) c.phone ??= phone[1].trim();
    } else if (/^[A-Z]{2}$/.test(rest[j])) c.country ??= rest[j];
    else addr.push(rest[j]);
  }
  if (addr.length && !c.address) c.address = addr.join(', ');
}

function indentOf(l: string): number {
  let n = 0;
  while (n < l.length && (l[n] === ' ' || l[n] === '\t')) n++;
  return n;
}

function readKeyValue(lines: string[], f: DomainFacts): void {
  let skip = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.trim();
    if (t === '') { skip = false; continue; }
    if (skip || t[0] === '%' || t[0] === '#' || t.startsWith('>>>')) continue;
    const m = KV.exec(t);
    if (!m) continue;
    const key = m[1].toLowerCase().replace(/\s+/g, ' ');
    const v = m[2].trim();
    const ref = i + 1;
    if (v === '') {
      const hdr = ROLE_HEADER.exec(key);
      const ns = NS_HEADER.test(key);
      if (!hdr && !ns) continue;
      // Collect the section: indented deeper than the header, up to a blank line. A name-server
      // list may start after one blank line and sit at the header's own indent.
      const base = indentOf(raw);
      const body: string[] = [];
      let j = i + 1;
      if (ns && j < lines.length && lines[j].trim() === '') j++;
      for (; j < lines.length; j++) {
        const l = lines[j];
        if (l.trim() === '') break;
        if (!ns && indentOf(l) <= base) break;
        body.push(l.trim());
      }
      if (ns) {
        for (let k = 0; k < body.length; k++) if (!addNameServer(f, body[k], i + 2 + k)) break;
      } else {
        const r = role(hdr![1]);
        if (r && !f.contacts.has(r)) readBlock(contact(f, r, ref), body);
      }
      i = j - 1;
      continue;
    }
    const rf = ROLE_FIELD.exec(key);
    if (rf) {
      const r = role(rf[1]);
      if (r) setField(contact(f, r, ref), rf[2], v);
      continue;
    }
    switch (KEYS[key]) {
      case 'spam':
        // Verisign "Server Name:" records are name-server hosts that merely contain the query.
        skip = true;
        break;
      case 'domain': {
        const k = nameKey(v);
        if (!k) break;
        const d = registeredDomain(k) ?? k;
        if (!f.domain) {
          f.domain = d;
          f.domainRef = ref;
        } else if (d !== f.domain) skip = true;
        break;
      }
      case 'registrar':
        if (!f.registrar && !isRedacted(v)) f.registrar = { name: v, ref };
        break;
      case 'whois':
        f.whoisServer ??= v.toLowerCase();
        break;
      case 'ns':
        addNameServer(f, v, ref);
        break;
      case 'status':
        addStatus(f, v);
        break;
      case 'created':
        f.createdAt ??= parseRegistryDate(v) ?? undefined;
        break;
      case 'updated':
        f.updatedAt ??= parseRegistryDate(v) ?? undefined;
        break;
      case 'expires':
        f.expiresAt ??= parseRegistryDate(v) ?? undefined;
        break;
    }
  }
}

function looksBinary(text: string): boolean {
  let bad = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > n * 0.1;
}

export const parseWhois: DocumentParser = (text: string, sink: Sink) => {
  if (text.trim() === '') return sink.reject(1, 'empty WHOIS document');
  if (looksBinary(text)) return sink.reject(1, 'not WHOIS text (binary or undecodable content)');
  if (text.includes('\uFFFD')) sink.note('WHOIS text holds undecodable bytes (U+FFFD); names with them are kept as given');
  const lines = text.split(/\r\n|\n|\r/);
  const f = newFacts();
  if (isJprs(lines)) readJprs(lines, f);
  else readKeyValue(lines, f);
  if (!f.domain) return sink.reject(1, 'no "Domain Name" record for a domain in this WHOIS answer');
  emitFacts(f, sink);
};
