// gamelinux/passivedns sensor output: `ts||client||server||class||query||type||answer||ttl||count`
// (one line per answer RR; `count` = how many times the sensor saw it before writing the line),
// or the same fields as JSON with `-j`. Comment lines (`#…`) and the stdout banner (`[*] …`) are
// skipped. Times before 1980 are relative capture offsets, not dates: kept as "no time".
import type { DnsQueryEvent, LineParser, ParseOptions, Sink } from '../types.ts';
import { JsonAssembler, strField } from '../normalize/json-values.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { nameKey } from '../normalize/names.ts';
import { textAnswer, typeName } from '../normalize/dns-codes.ts';

export interface PassiveDnsLogParser extends LineParser {
  readonly skipped: number;
  /** Lines that continued a record begun on an earlier line (pretty-printed JSON, XML). */
  readonly merged: number;
}

const MIN_EPOCH_S = 315_532_800; // 1980-01-01

interface Fields { ts: number; client: string; server: string; cls: string; query: string; type: string; answer: string; ttl: string; count: string }

export function createPassiveDnsLogParser(opts: ParseOptions): PassiveDnsLogParser {
  void opts;
  const json = new JsonAssembler();
  let skipped = 0;
  let relative = 0;
  let nx = 0;
  // passivedns writes one line per answer RR: the lines of one response share time, client and
  // server. Only the first line naming a name counts as a lookup; the rest (more A records, the
  // targets of a CNAME chain) add answers only.
  let groupKey = '';
  const groupNames = new Set<string>();

  function emit(f: Fields, ref: number, sink: Sink): void {
    const client = canonicalIp(f.client);
    if (client === null) { sink.reject(ref, `bad client address: ${f.client.slice(0, 60)}`); return; }
    const server = canonicalIp(f.server);
    if (server === null) { sink.reject(ref, `bad server address: ${f.server.slice(0, 60)}`); return; }
    const qname = nameKey(f.query);
    if (qname === null) { sink.reject(ref, `query is not a DNS name: ${f.query.slice(0, 80)}`); return; }
    if (f.type === '') { sink.reject(ref, 'no record type'); return; }
    const qtype = typeName(f.type);
    const count = f.count === '' ? 1 : Number(f.count);
    if (!Number.isInteger(count) || count < 1) { sink.reject(ref, `bad count: ${f.count.slice(0, 20)}`); return; }
    let ts = f.ts;
    if (!Number.isFinite(ts) || ts < 0) { sink.reject(ref, 'bad timestamp'); return; }
    if (ts < MIN_EPOCH_S) { relative++; ts = NaN; } else ts = Math.round(ts * 1000);
    const key = `${f.ts}|${client}|${server}`;
    if (key !== groupKey) { groupKey = key; groupNames.clear(); }
    const e: DnsQueryEvent = { ts, server, qname, qtype, ref };
    if (!groupNames.has(qname)) {
      e.client = client;
      if (count !== 1) e.count = count;
    }
    groupNames.add(qname);
    // -X writes NXDOMAIN (and other failures) in the answer column.
    if (/^(NXDOMAIN|SERVFAIL|REFUSED|FORMERR|NOTIMP)$/.test(f.answer)) { e.rcode = f.answer; nx++; }
    else {
      const ttl = f.ttl === '' ? undefined : Number(f.ttl);
      const a = textAnswer(qname, qtype, f.answer, ttl);
      if (a === null) { sink.reject(ref, `answer is not a valid ${qtype} value: ${f.answer.slice(0, 80)}`); return; }
      e.rcode = 'NOERROR';
      e.answers = [a];
      if (qtype === 'CNAME') groupNames.add(a.value);
    }
    sink.query(e);
  }

  function fromJson(o: Record<string, unknown>, ref: number, sink: Sink): void {
    if ('#notObject' in o) { sink.reject(ref, 'not a JSON object'); return; }
    const s = o.timestamp_s, ms = o.timestamp_ms;
    const sec = typeof s === 'number' ? s : typeof s === 'string' ? Number(s) : NaN;
    const frac = typeof ms === 'number' ? ms : typeof ms === 'string' ? Number(ms) : 0;
    // timestamp_ms holds the microseconds part of the second (passivedns prints it with %06lu).
    const ts = sec + (Number.isFinite(frac) ? frac / 1e6 : 0);
    const g = (k: string) => strField(o[k]) ?? '';
    if (g('client') === '' || g('query') === '') { sink.reject(ref, 'not a passivedns record (no client or query)'); return; }
    emit({ ts, client: g('client'), server: g('server'), cls: g('class'), query: g('query'), type: g('type'), answer: g('answer'), ttl: g('ttl'), count: g('count') }, ref, sink);
  }

  return {
    get skipped() { return skipped; },
    get merged() { return json.merged; },
    line(text: string, lineNo: number, sink: Sink): void {
      // The stdout banner opens with `[`: not a JSON array.
      if (!json.open && text.startsWith('[*]')) { skipped++; return; }
      const r = json.feed(text, lineNo);
      if (r.kind === 'pending') return;
      if (r.kind === 'error') { sink.reject(r.line, r.reason); return; }
      if (r.kind === 'records') { if (r.records.length === 0) skipped++; for (const x of r.records) fromJson(x.value, x.line, sink); return; }
      const t = text.trim();
      if (t === '' || t.startsWith('#') || t.startsWith('[*]')) { skipped++; return; }
      const p = t.split('||');
      if (p.length !== 9) { sink.reject(lineNo, `expected 9 fields separated by "||", found ${p.length}`); return; }
      if (!/^\d+(\.\d+)?$/.test(p[0])) { sink.reject(lineNo, `bad timestamp: ${p[0].slice(0, 30)}`); return; }
      emit({ ts: Number(p[0]), client: p[1].trim(), server: p[2].trim(), cls: p[3], query: p[4], type: p[5], answer: p[6], ttl: p[7], count: p[8] }, lineNo, sink);
    },
    end(sink: Sink): void {
      const r = json.finish();
      if (r?.kind === 'error') sink.reject(r.line, r.reason);
      if (relative) sink.note(`${relative} record(s) have times before 1980 (relative capture offsets, not dates): kept without a time`);
      if (nx) sink.note(`${nx} record(s) carry a failure code (passivedns -X) instead of an answer`);
    },
  };
}
