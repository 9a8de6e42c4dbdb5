// Raw RIR whois answers for an IP (as stored by ipwhois): RPSL objects (RIPE, AfriNIC, APNIC,
// and LACNIC's variant with owner:/ownerid:) or ARIN's `NetRange:`/`OrgName:` sections.
// Reduced to the networks, their holders and origin ASes; contacts (role/person objects) are
// mailboxes of the holder and are not kept, except LACNIC's `responsible:` person.
import { parseRegistryDate } from '../normalize/registry-dates.ts';
import { looksLikeOrg, type Party } from '../normalize/registry-party.ts';
import { cidrRange, normalizeCidr, rangeToCidrs } from '../normalize/ip-range.ts';

export interface RirNetwork {
  cidrs: string[];
  /** Original bounds when the range is not a single CIDR. */
  rangeStart?: string;
  rangeEnd?: string;
  /** Number of addresses, to order networks from least to most specific. */
  size: bigint;
  props: Record<string, string>;
  holder?: Party;
  /** How the holder was found: an org reference, LACNIC owner, ARIN Organization, or a descr that reads as an org name. */
  holderVia?: 'org' | 'owner' | 'arin' | 'descr';
  responsible?: string;
  parentCidrs: string[];
  originAs: number[];
}

export interface RirRoute {
  cidr: string;
  origin: number;
}

export interface RirWhois {
  networks: RirNetwork[];
  routes: RirRoute[];
}

type Obj = [string, string][];

function objects(text: string): Obj[] {
  const out: Obj[] = [];
  let cur: Obj = [];
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.trim();
    if (t === '') {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    if (t[0] === '%' || t[0] === '#') continue;
    const c = raw.indexOf(':');
    if (c <= 0 || /\s/.test(raw[0])) {
      // RPSL continuation line: belongs to the previous attribute.
      if (cur.length && /^[\s+]/.test(raw)) cur[cur.length - 1][1] += ` ${t.replace(/^\+/, '').trim()}`;
      continue;
    }
    cur.push([raw.slice(0, c).trim().toLowerCase(), raw.slice(c + 1).trim()]);
  }
  if (cur.length) out.push(cur);
  return out;
}

const first = (o: Obj, k: string) => o.find(([key, v]) => key === k && v !== '')?.[1];
const all = (o: Obj, k: string) => o.filter(([key, v]) => key === k && v !== '').map(([, v]) => v.replace(/[\s,]+$/, ''));

function network(spec: string): Pick<RirNetwork, 'cidrs' | 'rangeStart' | 'rangeEnd' | 'size'> | null {
  const dash = spec.indexOf(' - ');
  if (dash > 0) {
    const a = spec.slice(0, dash).trim(), b = spec.slice(dash + 3).trim();
    const cidrs = rangeToCidrs(a, b);
    if (!cidrs || cidrs.length === 0) return null;
    let size = 0n;
    for (const c of cidrs) { const r = cidrRange(c)!; size += r.end - r.start + 1n; }
    return cidrs.length > 1 ? { cidrs, rangeStart: a, rangeEnd: b, size } : { cidrs, size };
  }
  const c = normalizeCidr(spec);
  if (!c) return null;
  const r = cidrRange(c)!;
  return { cidrs: [c], size: r.end - r.start + 1n };
}

function dateOf(v: string | undefined): string | undefined {
  return v ? parseRegistryDate(v) ?? undefined : undefined;
}

function asNumbers(v: string | undefined): number[] {
  if (!v) return [];
  return v.split(/[\s,]+/).map((s) => Number(s.replace(/^as/i, ''))).filter((n) => Number.isInteger(n) && n > 0 && n <= 4294967295);
}

function rpsl(objs: Obj[]): RirWhois {
  const orgs = new Map<string, Party>();
  for (const o of objs) {
    if (o[0][0] !== 'organisation') continue;
    const name = first(o, 'org-name');
    if (name) orgs.set(o[0][1], { kind: 'org', name, country: first(o, 'country'), address: all(o, 'address').join(', ') || undefined, handle: o[0][1] });
  }
  const res: RirWhois = { networks: [], routes: [] };
  for (const o of objs) {
    const cls = o[0][0];
    if (cls === 'route' || cls === 'route6') {
      const cidr = normalizeCidr(o[0][1]);
      const origin = asNumbers(first(o, 'origin'))[0];
      if (cidr && origin) res.routes.push({ cidr, origin });
      continue;
    }
    if (cls !== 'inetnum' && cls !== 'inet6num') continue;
    const net = network(o[0][1]);
    if (!net) continue;
    const props: Record<string, string> = {};
    for (const [k, p] of [['netname', 'name'], ['country', 'country'], ['status', 'status'], ['source', 'source']] as const) {
      const v = first(o, k);
      if (v) props[p] = k === 'source' ? v.replace(/\s*#.*$/, '') : v;
    }
    const created = dateOf(first(o, 'created'));
    // RIPE-style `last-modified`; LACNIC's `changed` is a bare date (APNIC's carries an e-mail and is not one).
    const updated = dateOf(first(o, 'last-modified')) ?? dateOf(first(o, 'changed'));
    if (created) props.createdAt = created;
    if (updated) props.updatedAt = updated;
    const descr = first(o, 'descr');
    if (descr) props.descr = descr;
    const n: RirNetwork = { ...net, props, parentCidrs: [], originAs: asNumbers(first(o, 'origin')) };
    const orgRef = first(o, 'org');
    const owner = first(o, 'owner');
    if (orgRef && orgs.has(orgRef)) {
      n.holder = orgs.get(orgRef);
      n.holderVia = 'org';
    } else if (owner) {
      n.holder = { kind: 'org', name: owner, handle: first(o, 'ownerid'), country: first(o, 'country'), address: all(o, 'address').join(', ') || undefined };
      n.holderVia = 'owner';
      n.responsible = first(o, 'responsible');
    } else if (descr && looksLikeOrg(descr)) {
      // descr is free text ("UDC", "BT World IPv6 Launch"); only a name that reads as an organization is taken as the holder.
      n.holder = { kind: 'org', name: descr, country: first(o, 'country') };
      n.holderVia = 'descr';
    }
    const parent = first(o, 'parent');
    if (parent) n.parentCidrs = network(parent)?.cidrs ?? [];
    res.networks.push(n);
  }
  return res;
}

function arin(text: string): RirWhois {
  const nets: Obj[] = [];
  const orgs: Obj[] = [];
  let cur: Obj | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const c = raw.indexOf(':');
    if (raw.startsWith('#') || c <= 0) continue;
    const k = raw.slice(0, c).trim().toLowerCase();
    const v = raw.slice(c + 1).trim();
    if (k === 'netrange') nets.push((cur = []));
    else if (k === 'orgname' || k === 'custname') orgs.push((cur = []));
    else if (/^(orgabuse|orgtech|orgnoc|rabuse|rtech|rnoc)/.test(k)) { cur = null; continue; }
    cur?.push([k, v]);
  }
  const res: RirWhois = { networks: [], routes: [] };
  for (const o of nets) {
    const range = first(o, 'netrange');
    const byRange = range ? network(range) : null;
    const listed = (first(o, 'cidr') ?? '').split(/\s*,\s*/).map(normalizeCidr).filter((x): x is string => !!x);
    const net = byRange ? { ...byRange, cidrs: listed.length ? listed : byRange.cidrs } : null;
    if (!net) continue;
    const props: Record<string, string> = {};
    for (const [k, p] of [['netname', 'name'], ['nethandle', 'handle'], ['nettype', 'type']] as const) {
      const v = first(o, k);
      if (v) props[p] = v;
    }
    const parent = /\(([^)]+)\)\s*$/.exec(first(o, 'parent') ?? '');
    if (parent) props.parentHandle = parent[1];
    const created = dateOf(first(o, 'regdate'));
    const updated = dateOf(first(o, 'updated'));
    if (created) props.createdAt = created;
    if (updated) props.updatedAt = updated;
    const n: RirNetwork = { ...net, props, parentCidrs: [], originAs: asNumbers(first(o, 'originas')) };
    const orgLine = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(first(o, 'organization') ?? first(o, 'customer') ?? '');
    if (orgLine) {
      const rec = orgs.find((x) => first(x, 'orgid') === orgLine[2] || first(x, 'custname') === orgLine[1]);
      n.holder = {
        kind: 'org',
        name: (rec && (first(rec, 'orgname') ?? first(rec, 'custname'))) || orgLine[1],
        handle: orgLine[2],
        address: rec ? all(rec, 'address').join(', ') || undefined : undefined,
        city: rec ? first(rec, 'city') : undefined,
        country: rec ? first(rec, 'country') : undefined,
      };
      n.holderVia = 'arin';
    }
    res.networks.push(n);
  }
  return res;
}

export function parseRirWhois(text: string): RirWhois {
  if (/^NetRange:/m.test(text)) return arin(text);
  return rpsl(objects(text));
}
