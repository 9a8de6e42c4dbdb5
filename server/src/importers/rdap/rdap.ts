// RDAP (RFC 9083) JSON → graph: domain, nameserver, ip network and autnum objects, plain or as
// a raw HTTP response. One document is one record: every row has ref 1.
//
// Entities: the top-level entities are the resource's parties. Roles map to edges (registrant →
// REGISTERED_BY, or ALLOCATED_TO for a network; administrative → ADMINISTERED_BY; technical →
// TECH_CONTACT; registrar → REGISTRAR); abuse contacts become an `abuseEmail` prop; other roles
// (noc, billing, reseller…) are not graph facts. Entities nested in an entity are that party's
// own points of contact (ARIN org POCs): only named individuals among them become nodes, as
// Person MEMBER_OF the party; role mailboxes ("abuse", "SWIPPER") are not parties.
// An entity with only a handle (no vCard, as at nic.cz) yields no node: its handle is kept on
// the resource as `<role>Handle`.
//
// Validity: an edge to a party starts no earlier than both objects exist, so validFrom is the
// later of the resource's and the entity's `registration` events (for REGISTRAR, the last
// `transfer` when there is one: a transfer changes the registrar). A domain's registrant and
// registrar edges end at `expiration`; allocations and ASN registrations do not expire.
import type { DocumentParser, EdgeRow, Sink } from '../types.ts';
import type { NodeKind, PropValue, RelType } from '../../model/index.ts';
import { nameKey, registeredDomain } from '../normalize/names.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { asnKey } from '../normalize/entities.ts';
import { readRegistryDate } from '../normalize/registry-dates.ts';
import { emitParty } from '../normalize/registry-party.ts';
import { normalizeCidr, rangeToCidrs } from '../normalize/ip-range.ts';
import { readJcard } from './jcard.ts';
import { splitHttp } from './http.ts';
import { readRedactions, type Redactions } from './redacted.ts';

type Json = Record<string, unknown>;
type Ref = { kind: NodeKind; key: string };

/** Autnum ranges up to this size get one ASN node per number (ARIN legacy blocks like AS701–705). */
export const MAX_AUTNUM_RANGE = 256;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function events(o: Json, sink?: Sink): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of arr(o.events)) {
    if (!isObj(e)) continue;
    const action = str(e.eventAction)?.toLowerCase();
    const date = str(e.eventDate);
    const d = date ? readRegistryDate(date) : null;
    // An impossible date (`-000001-01-01`, a year 0 placeholder) is reported, never stored as year −1.
    if (d && 'error' in d) sink?.reject(1, `RDAP event "${action ?? '?'}" date "${date}": ${d.error}; event left out`);
    else if (date && d === null) sink?.note(`RDAP event "${action ?? '?'}" date "${date}" is not a date this importer reads; event left out`);
    const iso = d && 'iso' in d ? d.iso : null;
    // Keep the latest of repeated actions (several transfers).
    if (action && iso && (!out[action] || out[action] < iso)) out[action] = iso;
  }
  return out;
}

const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : a ?? b);

function roleEdge(role: string, kind: NodeKind): RelType | null {
  switch (role) {
    case 'registrant':
      return kind === 'Prefix' ? 'ALLOCATED_TO' : 'REGISTERED_BY';
    case 'administrative':
      return 'ADMINISTERED_BY';
    case 'technical':
      return 'TECH_CONTACT';
    case 'registrar':
      return kind === 'Domain' ? 'REGISTRAR' : null;
    default:
      return null;
  }
}

/** Parties of a resource → edges from every node in `from`. Returns props for the resource. */
function entities(o: Json, from: Ref[], resEvents: Record<string, string>, sink: Sink, red?: Redactions): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  const kind = from[0]?.kind;
  for (const ent of arr(o.entities)) {
    if (!isObj(ent)) continue;
    const roles = arr(ent.roles).filter((r): r is string => typeof r === 'string').map((r) => r.toLowerCase());
    const party = readJcard(ent.vcardArray, str(ent.handle));
    const withheld = red ? roles.flatMap((r) => red.byRole.get(r) ?? []) : [];
    if (party && withheld.length) party.redactedFields = [...new Set(withheld)];
    if (roles.includes('abuse') && party?.email) props.abuseEmail ??= party.email;
    const types = roles.map((r) => [r, roleEdge(r, kind)] as const).filter((x) => x[1] !== null);
    if (types.length === 0) continue;
    if (from.length === 0) {
      // No resource to link to (a trimmed response): the party is still a fact of the answer.
      if (party) emitParty(party, 1, sink, roles.includes('registrant'));
      continue;
    }
    const res = party ? emitParty(party, 1, sink, roles.includes('registrant')) : null;
    if (!res) {
      const handle = str(ent.handle);
      for (const [r] of types) if (handle) props[`${r === 'administrative' ? 'admin' : r === 'technical' ? 'tech' : r}Handle`] ??= handle;
      continue;
    }
    if (roles.includes('registrar') && party?.name) props.registrarName ??= party.org ?? party.name;
    const entEvents = events(ent);
    for (const [r, type] of types) {
      const edge: Omit<EdgeRow, 'from'> = { type: type!, to: res.target, ref: 1 };
      if (r === 'registrant' || r === 'registrar') {
        const start = r === 'registrar' && resEvents.transfer ? resEvents.transfer : resEvents.registration;
        const vf = later(start, entEvents.registration);
        if (vf) edge.validFrom = vf;
        if (kind === 'Domain' && resEvents.expiration) edge.validTo = resEvents.expiration;
      }
      for (const f of from) sink.edge({ ...edge, from: f });
    }
    if (!res.org) continue;
    for (const sub of arr(ent.entities)) {
      if (!isObj(sub)) continue;
      const subRoles = arr(sub.roles).map((r) => String(r).toLowerCase());
      if (!subRoles.includes('administrative') && !subRoles.includes('technical')) continue;
      const p = readJcard(sub.vcardArray, str(sub.handle));
      if (!p || p.kind !== 'person' || !p.name) continue;
      const own = emitParty({ ...p, org: undefined }, 1, sink);
      if (own?.person) sink.edge({ type: 'MEMBER_OF', from: own.person, to: res.org, ref: 1 });
    }
  }
  return props;
}

function datesProps(ev: Record<string, string>): Record<string, PropValue> {
  const p: Record<string, PropValue> = {};
  if (ev.registration) p.createdAt = ev.registration;
  if (ev['last changed']) p.updatedAt = ev['last changed'];
  if (ev.expiration) p.expiresAt = ev.expiration;
  if (ev.transfer) p.transferredAt = ev.transfer;
  return p;
}

function status(o: Json): string[] {
  return arr(o.status).filter((s): s is string => typeof s === 'string');
}

function nameserverHosts(o: Json, sink: Sink): string[] {
  const hosts: string[] = [];
  const add = (ns: unknown) => {
    if (!isObj(ns)) return;
    const host = nameKey(str(ns.ldhName) ?? str(ns.unicodeName) ?? '');
    if (!host || hosts.includes(host)) return;
    hosts.push(host);
    sink.entity({ kind: 'Host', key: host });
    const ips = isObj(ns.ipAddresses) ? [...arr(ns.ipAddresses.v4), ...arr(ns.ipAddresses.v6)] : [];
    for (const raw of ips) {
      const ip = typeof raw === 'string' ? canonicalIp(raw) : null;
      if (!ip) continue;
      sink.entity({ kind: 'IP', key: ip });
      sink.edge({ type: 'RESOLVES_TO', from: { kind: 'Host', key: host }, to: { kind: 'IP', key: ip }, ref: 1 });
    }
  };
  arr(o.nameservers).forEach(add);
  // CZ.NIC's FRED groups a domain's name servers in an "nsset" object; same hosts, same meaning.
  if (isObj(o.fred_nsset)) arr(o.fred_nsset.nameservers).forEach(add);
  return hosts;
}

function domain(o: Json, sink: Sink): void {
  const name = nameKey(str(o.ldhName) ?? str(o.unicodeName) ?? '');
  const red = readRedactions(o);
  if (!name) {
    // ICANN's "real world" fixture: a domain answer trimmed of its name. Its parties and what the
    // registry redacted are still worth keeping; only the links to the domain cannot be made.
    if (arr(o.entities).length === 0) return sink.reject(1, 'RDAP domain without a usable ldhName');
    entities(o, [], events(o, sink), sink, red);
    sink.note(`RDAP domain without ldhName: its parties were imported without links to a domain${red.names.length ? `; redacted by the registry: ${red.names.join(', ')}` : ''}`);
    return;
  }
  const key = registeredDomain(name) ?? name;
  const ev = events(o, sink);
  const from: Ref = { kind: 'Domain', key };
  const hosts = nameserverHosts(o, sink);
  const props: Record<string, PropValue> = { ...datesProps(ev), ...entities(o, [from], ev, sink, red) };
  if (red.names.length) props.redactedFields = red.names;
  const st = status(o);
  if (st.length) props.status = st;
  if (str(o.port43)) props.whoisServer = str(o.port43)!;
  sink.entity({ kind: 'Domain', key, props });
  for (const h of hosts) sink.edge({ type: 'NAME_SERVER', from, to: { kind: 'Host', key: h }, ref: 1 });
}

function nameserver(o: Json, sink: Sink): void {
  if (nameserverHosts({ nameservers: [o] }, sink).length === 0) sink.reject(1, 'RDAP nameserver without a usable ldhName');
}

// RIPE writes `62.239.237.0/32`, ARIN `074.125.000.000` and `2001:4860:FFFF:…`, LACNIC
// `2801:10:c000:0:0:0:0:0`: one address each, once the prefix length is dropped.
const address = (v: unknown) => canonicalIp((str(v) ?? '').replace(/\/\d{1,3}$/, ''));

function network(o: Json, sink: Sink): void {
  const start = address(o.startAddress);
  const end = address(o.endAddress);
  if (start && start === end && !str(o.cidr0_cidrs)) {
    sink.note(`RDAP ip network ${start}: start and end are the same address (LACNIC answers with the queried address, not the block)`);
  }
  let cidrs: string[] = [];
  // cidr0 extension: the registry's own CIDR list for the range.
  for (const c of arr(o.cidr0_cidrs)) {
    if (!isObj(c)) continue;
    const pfx = str(c.v4prefix) ?? str(c.v6prefix);
    const n = normalizeCidr(`${pfx}/${c.length}`);
    if (n) cidrs.push(n);
  }
  if (cidrs.length === 0 && start && end) cidrs = rangeToCidrs(start, end) ?? [];
  if (cidrs.length === 0) return sink.reject(1, 'RDAP ip network without a usable startAddress/endAddress');
  const ev = events(o, sink);
  const from = cidrs.map((k): Ref => ({ kind: 'Prefix', key: k }));
  const red = readRedactions(o);
  const props: Record<string, PropValue> = { ...datesProps(ev), ...entities(o, from, ev, sink, red) };
  if (red.names.length) props.redactedFields = red.names;
  for (const k of ['name', 'handle', 'country', 'type', 'parentHandle'] as const) if (str(o[k])) props[k] = str(o[k])!;
  const st = status(o);
  if (st.length) props.status = st;
  if (cidrs.length > 1 && start && end) Object.assign(props, { rangeStart: start, rangeEnd: end });
  for (const f of from) sink.entity({ kind: 'Prefix', key: f.key, props });
  // ARIN's origin-AS extension: the ASes the registrant says originate this network.
  for (const n of arr(o.arin_originas0_originautnums)) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) continue;
    const asn = asnKey(n);
    sink.entity({ kind: 'ASN', key: asn, props: { number: n } });
    for (const f of from) sink.edge({ type: 'ANNOUNCED_BY', from: f, to: { kind: 'ASN', key: asn }, ref: 1 });
  }
}

function autnum(o: Json, sink: Sink): void {
  const start = typeof o.startAutnum === 'number' ? o.startAutnum : NaN;
  const end = typeof o.endAutnum === 'number' ? o.endAutnum : start;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > 4294967295) {
    return sink.reject(1, 'RDAP autnum without a usable startAutnum/endAutnum');
  }
  let last = end;
  if (end - start + 1 > MAX_AUTNUM_RANGE) {
    // Big blocks are RIR pools or reserved space, not operated networks: keep the first number.
    last = start;
    sink.note(`autnum range AS${start}-AS${end} has ${end - start + 1} numbers; only AS${start} was created`);
  }
  const ev = events(o, sink);
  const from: Ref[] = [];
  for (let n = start; n <= last; n++) from.push({ kind: 'ASN', key: asnKey(n) });
  const props: Record<string, PropValue> = { ...datesProps(ev), ...entities(o, from, ev, sink) };
  for (const k of ['name', 'handle', 'country', 'type'] as const) if (str(o[k])) props[k] = str(o[k])!;
  if (end > start) props.range = `AS${start}-AS${end}`;
  for (let n = start; n <= last; n++) sink.entity({ kind: 'ASN', key: asnKey(n), props: { number: n, ...props } });
}

// RIPE's answers (as ipwhois recorded them) carry no objectClassName: the members say what it is.
function objectClass(o: Json): string | undefined {
  const c = str(o.objectClassName)?.toLowerCase();
  if (c) return c;
  if (o.startAddress !== undefined && o.endAddress !== undefined) return 'ip network';
  if (o.startAutnum !== undefined) return 'autnum';
  if (o.ldhName !== undefined && Array.isArray(o.nameservers)) return 'domain';
  return undefined;
}

function object(o: Json, sink: Sink): void {
  switch (objectClass(o)) {
    case 'domain':
      return domain(o, sink);
    case 'nameserver':
      return nameserver(o, sink);
    case 'ip network':
      return network(o, sink);
    case 'autnum':
      return autnum(o, sink);
    default:
      if (typeof o.errorCode === 'number') return sink.reject(1, `RDAP error response ${o.errorCode}: ${str(o.title) ?? ''}`.trim());
      return sink.reject(1, `unsupported RDAP objectClassName: ${String(o.objectClassName ?? '(none)')}`);
  }
}

export const parseRdap: DocumentParser = (text: string, sink: Sink) => {
  if (text.trim() === '') return sink.reject(1, 'empty RDAP document');
  const http = splitHttp(text);
  if (http.status !== null && http.status !== 200) return sink.reject(1, `HTTP ${http.status} response, not an RDAP object`);
  let doc: unknown;
  try {
    doc = JSON.parse(http.body);
  } catch (e) {
    return sink.reject(http.bodyLine, `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc)) return sink.reject(1, 'RDAP document is not a JSON object');
  const search = ['domainSearchResults', 'nameserverSearchResults', 'entitySearchResults', 'ipSearchResults', 'autnumSearchResults'];
  const list = search.find((k) => Array.isArray(doc[k]));
  if (list) {
    for (const o of arr(doc[list])) if (isObj(o)) object(o, sink);
    return;
  }
  // ipwhois's recorded answers: `{ "<query ip>": { "response": <RDAP object>, "asn_data": … } }`.
  if (doc.objectClassName === undefined && doc.errorCode === undefined) {
    const wrapped = Object.entries(doc).filter(([, v]) => isObj(v) && isObj(v.response));
    if (wrapped.length > 0) {
      for (const [, v] of wrapped) object((v as Json).response as Json, sink);
      return;
    }
  }
  object(doc, sink);
};
