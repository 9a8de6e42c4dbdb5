// iptoasn-style routing tables: `range_start\trange_end\tAS_number\tcountry_code\tAS_description`
// (ip2asn-v4/v6/combined.tsv; ip2asn-v4-u32.tsv has the bounds as integers). One line is one
// announced range → Prefix (one per CIDR of the range) ANNOUNCED_BY ASN.
//
// AS descriptions follow the Team Cymru/iptoasn form `ASNAME - Organization Name`, sometimes
// with a trailing `, CC`. The part after the first " - " is the holder organization
// ((ASN)-[:REGISTERED_BY]->(Organization)); the part before is the AS name. A description
// without " - " is only an AS name (e.g. `CHINANET-BACKBONE`): no Organization is guessed.
// Table rows carry no dates (a snapshot of the routing table), so edges carry no validity.
import type { LineParser, ParseOptions, Sink } from '../types.ts';
import { orgKey } from '../normalize/entities.ts';
import { parseV4, parseV6, v4RangeToCidrs, v4ToText, v6RangeToCidrs } from '../normalize/ip-range.ts';

export interface AsnTableOptions extends ParseOptions {
  /** Ranges that split into more CIDRs than this are rejected (a corrupt or absurd row). */
  maxCidrsPerRange?: number;
}

export function splitAsDescription(desc: string, country?: string): { asName: string; org?: string } {
  const d = desc.trim();
  const i = d.indexOf(' - ');
  if (i <= 0) return { asName: d };
  let org = d.slice(i + 3).trim();
  if (country && org.endsWith(`, ${country}`)) org = org.slice(0, -(country.length + 2)).trim();
  return org ? { asName: d.slice(0, i).trim(), org } : { asName: d.slice(0, i).trim() };
}

export function createAsnTableParser(opts: AsnTableOptions = {}): LineParser {
  const maxCidrs = opts.maxCidrsPerRange ?? 256;
  // Per-file dedup: ~70k ASNs repeat across 500k rows; the pipeline would MERGE them anyway.
  const seenAsn = new Set<number>();
  let notRouted = 0;
  let rows = 0;

  return {
    line(text: string, lineNo: number, sink: Sink): void {
      if (text === '' || text.charCodeAt(0) === 35 /* # */) return;
      const t1 = text.indexOf('\t');
      const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
      const t3 = t2 < 0 ? -1 : text.indexOf('\t', t2 + 1);
      if (t3 < 0) return sink.reject(lineNo, 'expected 5 tab-separated columns: start, end, AS number, country, description');
      const t4 = text.indexOf('\t', t3 + 1);
      const a = text.slice(0, t1);
      const b = text.slice(t1 + 1, t2);
      const asText = text.slice(t2 + 1, t3);
      const cc = (t4 < 0 ? text.slice(t3 + 1) : text.slice(t3 + 1, t4)).trim();
      const desc = t4 < 0 ? '' : text.slice(t4 + 1).trim();
      const asn = Number(asText);
      if (asText === '' || !Number.isInteger(asn) || asn < 0 || asn > 4294967295) {
        return sink.reject(lineNo, `AS number is not a number: ${asText}`);
      }
      let cidrs: string[] | null = null;
      const numeric = /^\d+$/.test(a);
      const v4a = numeric ? Number(a) : parseV4(a);
      const v4b = /^\d+$/.test(b) ? Number(b) : parseV4(b);
      if (v4a >= 0 && v4b >= 0 && v4a <= 4294967295 && v4b <= 4294967295) {
        if (v4b < v4a) return sink.reject(lineNo, `range end ${b} is below its start ${a}`);
        if (asn === 0) { notRouted++; return; }
        cidrs = v4RangeToCidrs(v4a, v4b);
      } else {
        const x = parseV6(a), y = parseV6(b);
        if (x === null || y === null) return sink.reject(lineNo, `range bounds are not IP addresses of one family: ${a} - ${b}`);
        if (y < x) return sink.reject(lineNo, `range end ${b} is below its start ${a}`);
        if (asn === 0) { notRouted++; return; }
        cidrs = v6RangeToCidrs(x, y);
      }
      if (cidrs.length > maxCidrs) return sink.reject(lineNo, `range ${a} - ${b} splits into ${cidrs.length} CIDRs (limit ${maxCidrs})`);
      rows++;
      const key = `AS${asn}`;
      const country = cc && cc !== 'None' && cc !== 'ZZ' ? cc : undefined;
      if (!seenAsn.has(asn)) {
        seenAsn.add(asn);
        const { asName, org } = splitAsDescription(desc, country);
        const props: Record<string, string | number> = { number: asn };
        if (asName) props.name = asName;
        if (country) props.country = country;
        sink.entity({ kind: 'ASN', key, props });
        const ok = org ? orgKey(org) : '';
        if (ok) {
          sink.entity({ kind: 'Organization', key: ok, props: country ? { name: org!, country } : { name: org! } });
          sink.edge({ type: 'REGISTERED_BY', from: { kind: 'ASN', key }, to: { kind: 'Organization', key: ok }, ref: lineNo });
        }
      }
      const multi = cidrs.length > 1;
      for (const c of cidrs) {
        if (multi) sink.entity({ kind: 'Prefix', key: c, props: { rangeStart: numeric ? v4ToText(v4a) : a, rangeEnd: numeric ? v4ToText(v4b) : b } });
        else sink.entity({ kind: 'Prefix', key: c });
        sink.edge({ type: 'ANNOUNCED_BY', from: { kind: 'Prefix', key: c }, to: { kind: 'ASN', key }, ref: lineNo });
      }
    },
    end(sink: Sink): void {
      if (notRouted > 0) sink.note(`${notRouted} "Not routed" (AS 0) ranges skipped`);
      if (rows === 0 && notRouted === 0) sink.note('no routed ranges found in the ASN table');
    },
  };
}
