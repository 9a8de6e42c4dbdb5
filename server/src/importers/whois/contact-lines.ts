// Contact fields of a WHOIS answer: one field at a time (`setPartyField`), a free block of lines
// under a contact header (`readFreeBlock`), and labels that carry the role (`Registrant Street`).
import type { Party } from '../normalize/registry-party.ts';
import type { ContactRole } from './domain-facts.ts';
import { PARTY_LABELS, type PartyField, type Target } from './registry-rules.ts';

const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
const PHONE = /^\+?[\d .()-]{6,}$/;

export function setPartyField(c: Party, field: PartyField, v: string): void {
  switch (field) {
    case 'address':
      c.address = c.address ? `${c.address}, ${v}` : v;
      break;
    case 'givenName':
      c.name = c.name ? `${v} ${c.name}` : v;
      break;
    case 'familyName':
      c.name = c.name ? `${c.name} ${v}` : v;
      break;
    default:
      (c as Record<string, unknown>)[field] ??= v;
  }
}

/**
 * Free lines of a contact block: the holder's name first, a line that reads as an organization
 * next; an e-mail line is the contact line, a lone two-letter line the country, the rest the address.
 */
export function readFreeBlock(c: Party, rest: string[]): void {
  let i = 0;
  if (!c.name && !c.org && rest.length) c.name = rest[i++];
  if (i < rest.length && !c.org && !EMAIL.test(rest[i]) && /\b(inc|llc|ltd|corp|gmbh|co|company|limited)\b\.?/i.test(rest[i])) c.org = rest[i++];
  // The last line with an e-mail is the contact line (`dns-admin@google.com +1.650…`); an e-mail
  // earlier in the block is part of the address text.
  let contactLine = -1;
  for (let j = rest.length - 1; j >= i; j--) if (EMAIL.test(rest[j])) { contactLine = j; break; }
  const addr: string[] = [];
  for (; i < rest.length; i++) {
    const l = rest[i];
    if (i === contactLine) {
      c.email ??= EMAIL.exec(l)![0];
      const phone = /(\+\d[\d. -]{5,})/.exec(l.replace(EMAIL, ''));
      if (phone) c.phone ??= phone[1].trim();
    } else if (/^[A-Z]{2}$/.test(l)) c.country ??= l;
    else if (PHONE.test(l)) c.phone ??= l;
    else addr.push(l);
  }
  if (addr.length && !c.address) c.address = addr.join(', ');
}

const ROLE_FIELD =
  /^(registrant|admin|administrative|tech|technical)(?: contact)? (name|organization|organisation|org|email|e-mail|street\d*|address\d*|city|state\/province|state|province|postal code|postcode|zip code|country|country code|phone|fax|id)$/;

export function roleField(label: string): Target | undefined {
  const m = ROLE_FIELD.exec(label);
  if (!m) return undefined;
  const role: ContactRole = m[1] === 'registrant' ? 'registrant' : m[1].startsWith('admin') ? 'admin' : 'tech';
  const pf = PARTY_LABELS[m[2].replace(/\d+$/, '')];
  return pf ? (`${role}.${pf}` as Target) : undefined;
}
