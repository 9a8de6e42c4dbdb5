// Suricata EVE JSON, `event_type: dns`. One file mixes the layouts of several Suricata versions:
// v1 writes a query per line and one answer RR per line; v2 one answer line per response with
// `answers[]` and/or `grouped`; v3 (Suricata 8) `request`/`response` with `queries[]`. Lookups are
// counted from queries (client = src_ip); answer lines add what names resolve to. Other event
// types (flow, alert, http, stats…) are skipped and counted in a note, not rejected.
import type { DnsAnswer, DnsQueryEvent, LineParser, ParseOptions, Sink } from '../types.ts';
import { JsonAssembler, strField } from '../normalize/json-values.ts';
import { feedJsonLine, finishJsonLines } from '../normalize/json-lines.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { nameKey } from '../normalize/names.ts';
import { isoToMs } from '../normalize/time.ts';
import { textAnswer } from '../normalize/dns-codes.ts';

export interface SuricataEveParser extends LineParser {
  /** Lines or events that were neither records nor rejects (other event types, empty answer rows, blanks). */
  readonly skipped: number;
  /** Lines that continued a record begun on an earlier line (pretty-printed JSON, XML). */
  readonly merged: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createSuricataEveParser(opts: ParseOptions): SuricataEveParser {
  void opts;
  const json = new JsonAssembler();
  const otherTypes = new Map<string, number>();
  let skipped = 0;
  let emptyAnswers = 0;
  let answerLines = 0;

  function answersOf(d: Obj, qname: string): DnsAnswer[] {
    const out: DnsAnswer[] = [];
    if (Array.isArray(d.answers)) {
      for (const a of d.answers) {
        if (!isObj(a)) continue;
        const owner = typeof a.rrname === 'string' ? nameKey(a.rrname) : qname;
        const type = strField(a.rrtype)?.toUpperCase();
        const v = typeof a.rdata === 'string' ? a.rdata : undefined;
        if (!owner || !type || v === undefined) continue;
        const x = textAnswer(owner, type, v, typeof a.ttl === 'number' ? a.ttl : undefined);
        if (x) out.push(x);
      }
    } else if (isObj(d.grouped)) {
      // `grouped` alone has no owner names: every value is taken as the query name's.
      for (const [type, vals] of Object.entries(d.grouped)) {
        if (!Array.isArray(vals)) continue;
        for (const v of vals) {
          if (typeof v !== 'string') continue;
          const x = textAnswer(qname, type.toUpperCase(), v);
          if (x) out.push(x);
        }
      }
    }
    // Suricata repeats identical RRs (seen four times in one response): one is the fact.
    const seen = new Set<string>();
    return out.filter((a) => { const k = `${a.name} ${a.type} ${a.value}`; if (seen.has(k)) return false; seen.add(k); return true; });
  }

  function record(o: Obj, ref: number, sink: Sink): void {
    if ('#notObject' in o) { sink.reject(ref, 'not a JSON object'); return; }
    if (typeof o.event_type !== 'string') { sink.reject(ref, 'no event_type: not a Suricata EVE event'); return; }
    if (o.event_type !== 'dns') {
      otherTypes.set(o.event_type, (otherTypes.get(o.event_type) ?? 0) + 1);
      skipped++;
      return;
    }
    const d = o.dns;
    if (!isObj(d)) { sink.reject(ref, 'dns event without a dns object'); return; }
    const ts = typeof o.timestamp === 'string' ? isoToMs(o.timestamp) : NaN;
    if (!Number.isFinite(ts)) { sink.reject(ref, 'missing or bad timestamp'); return; }
    const src = strField(o.src_ip), dst = strField(o.dest_ip);
    const srcIp = src === undefined ? undefined : canonicalIp(src);
    const dstIp = dst === undefined ? undefined : canonicalIp(dst);
    if (srcIp === null || dstIp === null) { sink.reject(ref, `bad address: ${String(srcIp === null ? src : dst).slice(0, 60)}`); return; }
    const proto = typeof o.proto === 'string' ? o.proto.toLowerCase() : '';
    const type = d.type;
    // v3 keeps the question in queries[]; v1/v2 in rrname/rrtype.
    const q0 = Array.isArray(d.queries) && isObj(d.queries[0]) ? d.queries[0] as Obj : d;
    const rawName = typeof q0.rrname === 'string' ? q0.rrname : undefined;
    if (type === 'query' || type === 'request') {
      if (rawName === undefined) { sink.reject(ref, 'query without rrname'); return; }
      const qname = nameKey(rawName);
      if (qname === null) { sink.reject(ref, `rrname is not a DNS name: ${rawName.slice(0, 80)}`); return; }
      const e: DnsQueryEvent = { ts, qname, ref };
      if (srcIp) e.client = srcIp;
      if (dstIp) e.server = dstIp;
      const qt = strField(q0.rrtype);
      if (qt) e.qtype = qt.toUpperCase();
      if (proto === 'udp' || proto === 'tcp') e.proto = proto;
      sink.query(e);
      return;
    }
    if (type !== 'answer' && type !== 'response') { sink.reject(ref, `unknown dns.type: ${String(type).slice(0, 40)}`); return; }
    if (rawName === undefined) {
      // v1 SRV rows come as {"type":"answer"} with neither rrname nor rdata: nothing to keep.
      if (!d.rdata && !Array.isArray(d.answers)) { emptyAnswers++; skipped++; return; }
      sink.reject(ref, 'answer without rrname'); return;
    }
    const qname = nameKey(rawName);
    if (qname === null) { sink.reject(ref, `rrname is not a DNS name: ${rawName.slice(0, 80)}`); return; }
    answerLines++;
    // The answer's client is its destination; no client is set, so an answer line is not a second lookup.
    const e: DnsQueryEvent = { ts, qname, ref };
    if (srcIp) e.server = srcIp;
    const qt = strField(q0.rrtype);
    if (qt) e.qtype = qt.toUpperCase();
    const rc = strField(d.rcode);
    if (rc) e.rcode = rc.toUpperCase();
    if (proto === 'udp' || proto === 'tcp') e.proto = proto;
    if (Array.isArray(d.answers) || isObj(d.grouped)) e.answers = answersOf(d, qname);
    else {
      // v1: one RR per line, owner = rrname; an NXDOMAIN row has no rrtype and no rdata.
      const a = e.qtype && typeof d.rdata === 'string' ? textAnswer(qname, e.qtype, d.rdata, typeof d.ttl === 'number' ? d.ttl : undefined) : null;
      e.answers = a ? [a] : [];
    }
    sink.query(e);
  }

  return {
    get skipped() { return skipped; },
    get merged() { return json.merged; },
    line(text: string, lineNo: number, sink: Sink): void {
      const fed = feedJsonLine(json, text, lineNo, sink, record);
      if (fed === 'empty') skipped++;
      if (fed !== 'text') return;
      if (text.trim() === '') { skipped++; return; }
      sink.reject(lineNo, 'not a JSON event');
    },
    end(sink: Sink): void {
      finishJsonLines(json, sink);
      if (otherTypes.size) {
        const list = [...otherTypes].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
        sink.note(`${[...otherTypes.values()].reduce((a, b) => a + b, 0)} non-DNS EVE event(s) skipped (${list})`);
      }
      if (emptyAnswers) sink.note(`${emptyAnswers} answer row(s) without a name or data (v1 SRV answers) skipped`);
      if (answerLines) sink.note(`lookups are counted from query lines; ${answerLines} answer line(s) add what the names resolve to`);
    },
  };
}
