// Field-by-field agreement between the project's WHOIS import and a peer library's expected parse
// (python-whois `test/samples/expected/*`, likexian/whois-parser `testdata/noterror/*.json`), kept
// beside each raw answer in the conformance corpus. The project's side is read off the rows the
// parser hands its Sink (what the graph would hold), never off parser internals.
//
// Counting rules (also in BENCHMARKS.md):
// - a field counts when the peer extracts it (non-null, non-empty); fields derived from the domain
//   name alone (likexian `punycode`, `name`, `extension`) and likexian's raw date strings (the
//   `*_in_time` instant is compared instead) are left out;
// - text compares case-insensitively with runs of white space collapsed;
// - dates compare as instants; where the peer wrote midnight and the project holds a finer time on
//   the same UTC day, the peer dropped the time of day (Traficom) and the day is compared; a list
//   of dates (Registro.br, which adds the contacts' dates) compares with its first element, the domain's;
// - statuses compare as sets; a peer value that still holds its label (`status : x`) is read as `x`;
// - name servers compare as sets of host names (EURid's `host (ip)` strings by their host);
// - a contact field the peer holds as `REDACTED FOR PRIVACY` agrees when the project records it
//   as redacted (Domain.redactedFields), not when it is missing.
import type { Collected } from './collect.ts';

export interface FieldResult {
  field: string;
  expected: unknown;
  actual: unknown;
  agree: boolean;
}

type View = Record<string, unknown>;

const norm = (v: unknown) => String(v).trim().replace(/\s+/g, ' ').toLowerCase();

function dateOf(v: unknown): number {
  const s = String(v).trim();
  // python-whois writes `2018-03-12 21:44:25+01:00`, likexian `2003-03-17T12:20:05Z`.
  return Date.parse(s.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
}

function sameDate(expected: unknown, actual: unknown): boolean {
  const e = Array.isArray(expected) ? expected[0] : expected;
  if (typeof actual !== 'string') return false;
  const a = Date.parse(actual);
  const x = dateOf(e);
  if (a === x) return true;
  const midnight = /(^|[ T])00:00:00(\+00:00|Z)?$/.test(String(e).trim());
  return midnight && new Date(a).toISOString().slice(0, 10) === new Date(x).toISOString().slice(0, 10);
}

function asList(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).map((x) => norm(String(x).replace(/^[a-z]+ : /i, '')));
}

function sameSet(expected: unknown, actual: unknown, key: (s: string) => string = (s) => s): boolean {
  if (actual === undefined) return false;
  const e = new Set(asList(expected).map(key));
  const a = new Set(asList(actual).map(key));
  return e.size === a.size && [...e].every((x) => a.has(x));
}

function projectView(c: Collected): { domain: string; d: View; registrar: View; ns: string[]; party: (role: string) => View; redacted: string[] } {
  const merged = (kind: string, key: string): View => {
    const out: View = {};
    for (const e of c.entities) if (e.kind === kind && e.key === key) Object.assign(out, e.props ?? {});
    return out;
  };
  const domainRow = c.entities.find((e) => e.kind === 'Domain');
  const domain = domainRow?.key ?? '';
  const d = domain ? merged('Domain', domain) : {};
  const regEdge = c.edges.find((e) => e.type === 'REGISTRAR');
  const registrar = regEdge ? merged(regEdge.to.kind, regEdge.to.key) : {};
  const ns = c.edges.filter((e) => e.type === 'NAME_SERVER').map((e) => e.to.key);
  const ROLE_EDGE: Record<string, string> = { registrant: 'REGISTERED_BY', administrative: 'ADMINISTERED_BY', technical: 'TECH_CONTACT', reseller: 'RESELLER' };
  const party = (role: string): View => {
    const edge = c.edges.find((e) => e.type === ROLE_EDGE[role]);
    if (!edge) return {};
    const target = merged(edge.to.kind, edge.to.key);
    const members = c.edges.filter((e) => e.type === 'MEMBER_OF' && e.to.key === edge.to.key).map((e) => merged('Person', e.from.key));
    const names = [target.name, ...members.map((m) => m.name)].filter(Boolean);
    return { ...Object.assign({}, ...members), ...target, names };
  };
  return { domain, d, registrar, ns, party, redacted: (d.redactedFields as string[] | undefined) ?? [] };
}

const DATE_FIELDS: Record<string, string> = {
  creation_date: 'createdAt', updated_date: 'updatedAt', expiration_date: 'expiresAt',
  created_date_in_time: 'createdAt', updated_date_in_time: 'updatedAt', expiration_date_in_time: 'expiresAt',
};
const PARTY_FIELD: Record<string, string> = {
  id: 'handle', name: 'name', org: 'name', street: 'address', city: 'city', province: 'state', postal_code: 'postalCode',
  country: 'country', phone: 'phone', fax: 'fax', email: 'email', lang: 'language', address: 'address',
};
const ROLE_KEY: Record<string, string> = { registrant: 'registrant', administrative: 'admin', technical: 'tech', tech: 'tech', reseller: 'reseller' };

function compareField(field: string, expected: unknown, v: ReturnType<typeof projectView>): { actual: unknown; agree: boolean } {
  const [group, leaf] = field.includes('.') ? field.split('.') : ['', field];
  if (DATE_FIELDS[leaf]) {
    const actual = v.d[DATE_FIELDS[leaf]];
    return { actual, agree: sameDate(expected, actual) };
  }
  const eq = (actual: unknown) => ({ actual, agree: actual !== undefined && norm(actual) === norm(expected) });
  if (leaf === 'domain_name' || field === 'domain.domain') return eq(v.domain);
  if (leaf === 'status') return { actual: v.d.status, agree: sameSet(expected, v.d.status) };
  if (leaf === 'name_servers') return { actual: v.ns, agree: sameSet(expected, v.ns, (s) => s.replace(/\s*\(.*\)$/, '')) };
  if (field === 'domain.id') return eq(v.d.registryDomainId);
  if (field === 'domain.whois_server') return eq(v.d.whoisServer);
  if (leaf === 'dnssec') return eq(v.d.dnssec);
  if (leaf === 'script') return eq(v.d.script);
  if (leaf === 'reseller') return eq(v.party('reseller').name);
  const key = /^dnssec_(flags|protocol|algorithm|pubkey)$/.exec(leaf);
  if (key) return eq(v.d[{ flags: 'dnssecFlags', protocol: 'dnssecProtocol', algorithm: 'dnssecAlgorithm', pubkey: 'dnssecPubKey' }[key[1]]!]);
  if (leaf === 'registrar' || field === 'registrar.name') return eq(v.d.registrarName);
  if (leaf === 'registrar_url' || field === 'registrar.referral_url') return eq(v.registrar.url);
  if (field === 'registrar.id') return eq(v.registrar.ianaId);
  if (field === 'registrar.phone' || leaf === 'abuse_phone') return eq(v.registrar.abusePhone);
  if (field === 'registrar.email' || leaf === 'abuse_email') return eq(v.registrar.abuseEmail);
  const flat = /^(registrar|reseller|tech|admin|registrant)_(.+)$/.exec(leaf);
  if (flat && flat[1] === 'registrar') {
    const k = ({ address: 'address', postal_code: 'postalCode', city: 'city', country: 'country' } as Record<string, string>)[flat[2]];
    return eq(k ? v.registrar[k] : undefined);
  }
  const role = group && ROLE_KEY[group] ? group : flat && ROLE_KEY[flat[1]] ? flat[1] : '';
  const pf = group ? leaf : flat?.[2] ?? '';
  if (role && PARTY_FIELD[pf]) {
    const p = v.party(role === 'tech' ? 'technical' : role === 'admin' ? 'administrative' : role);
    // A contact whose name is withheld keeps its details on the domain (`registrantEmail`, …).
    const onDomain = (k: string) => v.d[`${ROLE_KEY[role]}${k[0].toUpperCase()}${k.slice(1)}`];
    if (pf === 'postal_code' || pf === 'city' || pf === 'country' || pf === 'address') return eq(p[PARTY_FIELD[pf]] ?? onDomain(PARTY_FIELD[pf]));
    const key = PARTY_FIELD[pf];
    if (/redacted/i.test(String(expected))) {
      const r = `${ROLE_KEY[role]}.${key}`;
      return { actual: v.redacted.includes(r) ? 'redacted' : undefined, agree: v.redacted.includes(r) };
    }
    if (key === 'name') {
      const names = (p.names as unknown[] | undefined) ?? [];
      const hit = names.find((n) => norm(n) === norm(expected));
      return { actual: names, agree: hit !== undefined };
    }
    return eq(p[key] ?? onDomain(key));
  }
  return { actual: undefined, agree: false };
}

// Derived from the domain name itself, or a raw string whose instant is compared instead.
const SKIP = /^domain\.(punycode|name|extension|created_date|updated_date|expiration_date)$/;

export function peerFields(expected: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, val] of Object.entries(o)) {
      const f = prefix ? `${prefix}.${k}` : k;
      if (val !== null && typeof val === 'object' && !Array.isArray(val)) walk(val as Record<string, unknown>, f);
      else if (val !== null && val !== '' && !(Array.isArray(val) && val.length === 0) && !SKIP.test(f)) out.push([f, val]);
    }
  };
  walk(expected, '');
  return out;
}

export function agreement(c: Collected, expected: Record<string, unknown>): FieldResult[] {
  const v = projectView(c);
  return peerFields(expected).map(([field, exp]) => ({ field, expected: exp, ...compareField(field, exp, v) }));
}
