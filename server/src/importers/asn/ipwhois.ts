// ipwhois `whois.json`: a map IP → { asn_data (Team Cymru origin lookup), response (raw RIR
// whois text) }. Per IP: the IP node; the announced prefix ANNOUNCED_BY its ASN(s); the
// registry networks ALLOCATED_TO their holder; prefixes linked SUBPREFIX_OF their nearest
// enclosing prefix among those the entry names; the IP IN_PREFIX the most specific of them.
// The document is one JSON record: every row has ref 1.
import type { DocumentParser, Sink } from '../types.ts';
import type { PropValue } from '../../model/index.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { asnKey, orgKey } from '../normalize/entities.ts';
import { emitParty } from '../normalize/registry-party.ts';
import { parseRegistryDate } from '../normalize/registry-dates.ts';
import { cidrRange, ipValue, normalizeCidr, type IpRange } from '../normalize/ip-range.ts';
import { parseRirWhois } from './rir-whois.ts';
import { splitAsDescription } from './asn-table.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' && v.trim() !== 'NA' ? v.trim() : undefined);

function asn(sink: Sink, n: number, props: Record<string, PropValue> = {}): { kind: 'ASN'; key: string } {
  const key = asnKey(n);
  sink.entity({ kind: 'ASN', key, props: { number: n, ...props } });
  return { kind: 'ASN', key };
}

function entry(ip: string, e: Json, sink: Sink): void {
  sink.entity({ kind: 'IP', key: ip });
  const prefixes = new Map<string, IpRange>();
  const prefix = (cidr: string, props?: Record<string, PropValue>) => {
    sink.entity(props ? { kind: 'Prefix', key: cidr, props } : { kind: 'Prefix', key: cidr });
    if (!prefixes.has(cidr)) prefixes.set(cidr, cidrRange(cidr)!);
    return { kind: 'Prefix' as const, key: cidr };
  };

  const a = isObj(e.asn_data) ? e.asn_data : {};
  const asCidr = str(a.asn_cidr) ? normalizeCidr(str(a.asn_cidr)!) : null;
  const country = str(a.asn_country_code);
  // Cymru may list several origins for one prefix ("15169 36040").
  const asns = (str(a.asn) ?? '').split(/\s+/).map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 4294967295);
  const desc = str(a.asn_description) ? splitAsDescription(str(a.asn_description)!, country) : null;
  for (const n of asns) {
    const to = asn(sink, n, desc?.asName ? { name: desc.asName } : {});
    const ok = desc?.org ? orgKey(desc.org) : '';
    if (ok) {
      sink.entity({ kind: 'Organization', key: ok, props: { name: desc!.org! } });
      sink.edge({ type: 'REGISTERED_BY', from: to, to: { kind: 'Organization', key: ok }, ref: 1 });
    }
  }
  if (asCidr) {
    const props: Record<string, PropValue> = {};
    if (str(a.asn_registry)) props.registry = str(a.asn_registry)!;
    if (country) props.country = country;
    // asn_date is the RIR allocation date of the prefix (Cymru), not a routing date.
    const allocated = str(a.asn_date) ? parseRegistryDate(str(a.asn_date)!) : null;
    if (allocated) props.allocatedAt = allocated;
    const from = prefix(asCidr, props);
    for (const n of asns) sink.edge({ type: 'ANNOUNCED_BY', from, to: { kind: 'ASN', key: asnKey(n) }, ref: 1 });
  }

  const rir = typeof e.response === 'string' ? parseRirWhois(e.response) : { networks: [], routes: [] };
  // Most specific record first; where a less specific range shares a CIDR with it (APNIC's
  // 210.107.0.0/17 inside 210.106.224.0–210.107.127.255) that CIDR keeps the specific record's props.
  const nets = [...rir.networks].sort((x, y) => (x.size < y.size ? -1 : x.size > y.size ? 1 : 0));
  const described = new Set<string>();
  for (const net of nets) {
    const props: Record<string, PropValue> = { ...net.props };
    if (net.rangeStart) Object.assign(props, { rangeStart: net.rangeStart, rangeEnd: net.rangeEnd! });
    const froms = net.cidrs.map((c) => {
      if (described.has(c)) return prefix(c);
      described.add(c);
      return prefix(c, props);
    });
    for (const p of net.parentCidrs) prefix(p);
    for (const n of net.originAs) {
      const to = asn(sink, n);
      for (const f of froms) sink.edge({ type: 'ANNOUNCED_BY', from: f, to, ref: 1 });
    }
    const holder = net.holder ? emitParty(net.holder, 1, sink, true) : null;
    if (holder) {
      for (const f of froms) {
        sink.edge({ type: 'ALLOCATED_TO', from: f, to: holder.target, ref: 1, props: { via: net.holderVia! }, ...(net.props.createdAt ? { validFrom: net.props.createdAt } : {}) });
      }
      if (net.responsible) emitParty({ kind: 'person', name: net.responsible, org: net.holder!.name }, 1, sink);
    }
  }
  for (const r of rir.routes) {
    const to = asn(sink, r.origin);
    sink.edge({ type: 'ANNOUNCED_BY', from: prefix(r.cidr), to, ref: 1 });
  }

  // Containment among the prefixes this entry names: each to its nearest strict superset.
  const list = [...prefixes];
  const size = (r: IpRange) => r.end - r.start;
  const within = (r: IpRange, o: IpRange) => r.version === o.version && o.start <= r.start && r.end <= o.end;
  for (const [k, r] of list) {
    let best: [string, IpRange] | null = null;
    for (const [k2, o] of list) if (k2 !== k && within(r, o) && size(o) > size(r) && (!best || size(o) < size(best[1]))) best = [k2, o];
    if (best) sink.edge({ type: 'SUBPREFIX_OF', from: { kind: 'Prefix', key: k }, to: { kind: 'Prefix', key: best[0] }, ref: 1 });
  }
  const v = ipValue(ip)!;
  let home: [string, IpRange] | null = null;
  for (const [k, r] of list) {
    if (r.version === v.version && r.start <= v.value && v.value <= r.end && (!home || size(r) < size(home[1]))) home = [k, r];
  }
  if (home) sink.edge({ type: 'IN_PREFIX', from: { kind: 'IP', key: ip }, to: { kind: 'Prefix', key: home[0] }, ref: 1 });
  else sink.note(`${ip}: no prefix in its ipwhois entry contains it`);
}

export const parseIpwhoisJson: DocumentParser = (text: string, sink: Sink) => {
  if (text.trim() === '') return sink.reject(1, 'empty ipwhois document');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return sink.reject(1, `not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc)) return sink.reject(1, 'ipwhois document is not a JSON object (IP → result map)');
  let used = 0;
  for (const [k, v] of Object.entries(doc)) {
    const ip = canonicalIp(k);
    if (!ip) { sink.reject(1, `key is not an IP address: ${k}`); continue; }
    if (!isObj(v) || (!isObj(v.asn_data) && typeof v.response !== 'string')) { sink.reject(1, `${k}: entry has neither asn_data nor response`); continue; }
    entry(ip, v, sink);
    used++;
  }
  if (used === 0 && Object.keys(doc).length === 0) sink.reject(1, 'ipwhois document has no entries');
};
