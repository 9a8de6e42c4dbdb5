// One registry contact ("party") → Organization and/or Person nodes. Shared by the WHOIS, RDAP
// and RIR-whois parsers so the three make the same person/organization decision.
import type { Sink } from '../types.ts';
import type { NodeKind, PropValue } from '../../model/index.ts';
import { orgKey, personKey } from './entities.ts';

export interface Party {
  /** The holder's own name (a person's name, or an organization's when there is no person). */
  name?: string;
  org?: string;
  /** From the source when it says so (RDAP vCard `kind`, RPSL `person:` vs `organisation:`). */
  kind?: 'person' | 'org';
  email?: string;
  phone?: string;
  address?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  fax?: string;
  country?: string;
  language?: string;
  handle?: string;
  orgHandle?: string;
  /** Extra props for the organization node (e.g. orgType). */
  orgProps?: Record<string, PropValue>;
  /**
   * Fields the registry says it redacted (RFC 9537 `redacted`, or a WHOIS placeholder such as
   * `REDACTED FOR PRIVACY`): kept on the node as `redactedFields` so "withheld" is not read as "unknown".
   */
  redactedFields?: string[];
}

export interface NodeRef {
  kind: NodeKind;
  key: string;
}

// Redaction placeholders used since GDPR (ICANN Temp Spec wording and registrar variants).
// Privacy-proxy companies ("Domains By Proxy, LLC") are real parties and are NOT matched.
const REDACTED = /\b(redacted|data protected|not disclosed|withheld|non-public data|statutory masking|gdpr masked|hidden upon user request|please query the rdds)\b/i;

export function isRedacted(v: string): boolean {
  return REDACTED.test(v);
}

const ORG_WORDS =
  /\b(inc|llc|ltd|corp|corporation|company|gmbh|group|association|university|universidad|foundation|networks?|telecom|telecommunications?|communications|services|bank|registry|ministry|institute|department|s\.?a\.?|b\.?v\.?|cent(?:er|re))\b|株式会社|有限会社|合同会社/i;

/** A name with a legal form, a leading "The" or a typical organization word reads as an organization. */
export function looksLikeOrg(name: string): boolean {
  return orgKey(name) !== personKey(name) || ORG_WORDS.test(name);
}

function clean(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  // `-` is how KazNIC and others write "no value".
  return t === '' || t === '-' || isRedacted(t) ? undefined : t;
}

function put(props: Record<string, PropValue>, k: string, v: string | undefined): void {
  if (v !== undefined) props[k] = v;
}

export interface EmitPartyResult {
  /** The node a role edge should point at: the organization when one is named, else the person. */
  target: NodeRef;
  org?: NodeRef;
  person?: NodeRef;
  /** Some field was a redaction placeholder and was dropped. */
  redacted: boolean;
}

const PLACEHOLDER_FIELDS = ['name', 'org', 'email', 'phone', 'fax', 'address', 'city', 'state', 'postalCode', 'country', 'handle'] as const;

/** The party's redacted fields: those the registry declared plus those holding a placeholder. */
export function redactedList(p: Party): string[] {
  const out = new Set(p.redactedFields ?? []);
  for (const k of PLACEHOLDER_FIELDS) {
    const v = p[k];
    if (typeof v === 'string' && isRedacted(v)) out.add(k);
  }
  return [...out].sort();
}

/**
 * Emit the party's nodes and, when both a person and an organization are named, the person's
 * MEMBER_OF edge. Contact details (email, phone, address) go on the person when there is one —
 * they describe where the contact sits — unless `detailsOnOrg` (a registrant's address is the
 * registrant organization's). Returns null when nothing usable is left (all redacted or empty).
 */
export function emitParty(p: Party, ref: number, sink: Sink, detailsOnOrg = false): EmitPartyResult | null {
  const raw = [p.name, p.org, p.email, p.address];
  const redacted = raw.some((v) => v !== undefined && isRedacted(v));
  let name = clean(p.name);
  let org = clean(p.org);
  if (p.kind === 'org') {
    org = org ?? name;
    name = undefined;
  } else if (p.kind !== 'person' && name && !org && looksLikeOrg(name)) {
    org = name;
    name = undefined;
  }
  if (name && org && personKey(name) === personKey(org)) name = undefined;
  const orgK = org ? orgKey(org) : '';
  const personK = name ? personKey(name) : '';
  if (!orgK && !personK) return null;

  const details: Record<string, PropValue> = {};
  put(details, 'email', clean(p.email));
  put(details, 'phone', clean(p.phone));
  put(details, 'address', clean(p.address));
  put(details, 'city', clean(p.city));
  put(details, 'state', clean(p.state));
  put(details, 'postalCode', clean(p.postalCode));
  put(details, 'fax', clean(p.fax));
  put(details, 'country', clean(p.country));
  put(details, 'language', clean(p.language));
  const withheld = redactedList(p);

  const res: EmitPartyResult = { target: { kind: 'Organization', key: '' }, redacted };
  if (orgK) {
    const props: Record<string, PropValue> = { name: org!, ...(p.orgProps ?? {}) };
    put(props, 'handle', p.orgHandle ?? (personK ? undefined : p.handle));
    if (!personK || detailsOnOrg) Object.assign(props, details);
    if (withheld.length && (!personK || detailsOnOrg)) props.redactedFields = withheld;
    res.org = { kind: 'Organization', key: orgK };
    sink.entity({ kind: 'Organization', key: orgK, props });
  }
  if (personK) {
    const props: Record<string, PropValue> = { name: name! };
    put(props, 'handle', p.handle);
    if (!(orgK && detailsOnOrg)) Object.assign(props, details);
    else put(props, 'email', clean(p.email));
    if (withheld.length && !(orgK && detailsOnOrg)) props.redactedFields = withheld;
    res.person = { kind: 'Person', key: personK };
    sink.entity({ kind: 'Person', key: personK, props });
  }
  if (res.org && res.person) sink.edge({ type: 'MEMBER_OF', from: res.person, to: res.org, ref });
  res.target = res.org ?? res.person!;
  return res;
}
