// BIND 9 query logs (and Infoblox NIOS response logging), bare or wrapped in syslog.
//
// Records: `client ... query: NAME CLASS TYPE FLAGS (SERVER)` and Infoblox
// `client ... query: NAME CLASS TYPE response: RCODE FLAGS [RR; RR; ...]`.
// Skipped as "not query records" (no reject): lines of a BIND/syslog log without ` query: ` —
// rpz, CEF, notify, zone transfer/AXFR, DNSSEC validation, `query failed` (query-errors repeats a
// query already logged), `rewriting query name`, dynamic updates, resolver priming — and blank
// lines. A line that is not a log line at all (no syslog header, no BIND timestamp: another
// format read as BIND) is a reject, and so is a line with ` query: ` that cannot be read.
import type { DnsAnswer, DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import { monthIndex } from '../normalize/time.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { clockAt, hostOfHashPort, parseSyslogHead, resolveYear, stripCr } from '../line-parsers/syslog.ts';
import type { CountingLineParser } from '../line-parsers/counting-line-parser.ts';

const CLASSES = new Set(['IN', 'CH', 'HS', 'ANY', 'NONE', 'CS']);

/** BIND's own `07-Apr-2022 08:08:10.043` at i → epoch ms, or NaN. */
export function bindTimeAt(s: string, i: number): number {
  if (s.charCodeAt(i + 2) !== 45 || s.charCodeAt(i + 6) !== 45 || s.charCodeAt(i + 11) !== 32) return NaN;
  const day = Number(s.slice(i, i + 2)), mon = monthIndex(s.slice(i + 3, i + 6)), year = Number(s.slice(i + 7, i + 11));
  const secs = clockAt(s, i + 12);
  if (!(day >= 1 && day <= 31) || mon < 0 || !Number.isInteger(year) || secs < 0) return NaN;
  let ms = 0;
  if (s.charCodeAt(i + 20) === 46) {
    ms = Number(s.slice(i + 21, i + 24));
    if (!Number.isInteger(ms)) return NaN;
  }
  return Date.UTC(year, mon, day) + secs * 1000 + ms;
}

/** Split an Infoblox answer list on `;`, ignoring `;` inside double quotes (TXT data). */
export function splitRrList(s: string): string[] {
  const out: string[] = [];
  let q = false, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */ && q) { i++; continue; }
    if (c === 34) q = !q;
    else if (c === 59 && !q) { const t = s.slice(start, i).trim(); if (t) out.push(t); start = i + 1; }
  }
  const t = s.slice(start).trim();
  if (t) out.push(t);
  return out;
}

/** `"a" "b c"` → ['a', 'b c'] (presentation-format character-strings). */
export function txtStrings(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.charCodeAt(i) === 32) { i++; continue; }
    if (s.charCodeAt(i) === 34) {
      let j = i + 1, buf = '';
      while (j < s.length && s.charCodeAt(j) !== 34) {
        if (s.charCodeAt(j) === 92 && j + 1 < s.length) j++;
        buf += s[j++];
      }
      out.push(buf);
      i = j + 1;
    } else {
      const sp = s.indexOf(' ', i);
      out.push(sp < 0 ? s.slice(i) : s.slice(i, sp));
      i = sp < 0 ? s.length : sp + 1;
    }
  }
  return out;
}

export function createBindParser(opts: ParseOptions): CountingLineParser {
  const { year, note } = resolveYear(opts);
  let yearUsed = false;
  let skipped = 0;
  let dropped = 0;
  const norm = makeNormalizers();

  function answer(rr: string): DnsAnswer | null {
    // owner ttl class type rdata...
    const p = rr.split(' ');
    if (p.length < 5 || !CLASSES.has(p[2].toUpperCase())) return null;
    const name = norm.name(p[0]);
    const ttl = Number(p[1]);
    const type = p[3].toUpperCase();
    const rdata = p.slice(4).join(' ');
    if (name === null || !Number.isInteger(ttl)) return null;
    let value: string | null;
    if (type === 'A' || type === 'AAAA') {
      value = norm.ip(rdata);
      if (value !== null && value.includes(':') !== (type === 'AAAA')) value = null;
    } else if (type === 'CNAME' || type === 'NS' || type === 'PTR' || type === 'DNAME') value = norm.name(rdata);
    else if (type === 'MX') value = p.length >= 6 ? norm.name(p[5]) : null;
    else if (type === 'TXT' || type === 'SPF') value = txtStrings(rdata).join('');
    else value = rdata;
    return value === null ? null : { name, type, value, ttl };
  }

  return {
    get skipped() { return skipped; },
    get merged() { return 0; },
    line(raw: string, lineNo: number, sink: Sink): void {
      const s = stripCr(raw);
      const qAt = s.indexOf(' query: ');
      const head = parseSyslogHead(s, year);
      if (qAt < 0) {
        if (s.trim() === '' || head !== null || !Number.isNaN(bindTimeAt(s, 0))) { skipped++; return; }
        sink.reject(lineNo, 'not a BIND query log line (no syslog header, no BIND timestamp)');
        return;
      }
      let ts = NaN;
      let i = 0;
      if (head !== null) { i = head.msg; ts = head.ts; }
      // BIND's own timestamp (with year and ms) wins over the syslog one.
      const bt = bindTimeAt(s, i);
      if (!Number.isNaN(bt)) { ts = bt; i += s.charCodeAt(i + 20) === 46 ? 25 : 21; }
      else if (head !== null && !yearUsed) { yearUsed = true; sink.note(note); }
      if (Number.isNaN(ts)) { sink.reject(lineNo, 'no timestamp'); return; }
      const cl = s.indexOf('client ', i);
      if (cl < 0 || cl > qAt) { sink.reject(lineNo, 'query line without a client'); return; }
      let j = cl + 7;
      if (s.startsWith('@0x', j)) j = s.indexOf(' ', j) + 1;
      let end = s.indexOf(' ', j);
      if (end < 0) end = s.length;
      // `IP#port` is followed by ` (name):` or directly by `:` (Infoblox); IPv6 holds colons too.
      const tok = s.charCodeAt(end - 1) === 58 ? s.slice(j, end - 1) : s.slice(j, end);
      const client = norm.ip(hostOfHashPort(tok));
      if (client === null) { sink.reject(lineNo, `bad client address: ${tok.slice(0, 60)}`); return; }
      const seg = s.slice(end, qAt);
      const proto = seg.includes(' TCP:') ? 'tcp' : seg.includes(' UDP:') ? 'udp' : undefined;
      const rest = s.slice(qAt + 8);
      const respAt = rest.indexOf(' response: ');
      const qpart = respAt < 0 ? rest : rest.slice(0, respAt);
      const t = qpart.split(' ');
      if (t.length < 3 || !CLASSES.has(t[1].toUpperCase()) && !/^CLASS\d+$/i.test(t[1])) { sink.reject(lineNo, 'query: expected NAME CLASS TYPE'); return; }
      const qname = norm.name(t[0]);
      if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${t[0].slice(0, 80)}`); return; }
      const e: DnsQueryEvent = { ts, client, qname, qtype: t[2].toUpperCase(), ref: lineNo };
      if (respAt < 0) {
        // Classic query log: flags then `(server)`; `T` in the flags means TCP.
        const flags = t[3] ?? '';
        e.proto = proto ?? (flags.includes('T') ? 'tcp' : 'udp');
        const last = t[t.length - 1];
        if (last.startsWith('(') && last.endsWith(')')) {
          const srv = norm.ip(last.slice(1, -1));
          if (srv !== null) e.server = srv;
        }
      } else {
        if (proto !== undefined) e.proto = proto;
        const r = rest.slice(respAt + 11);
        const sp1 = r.indexOf(' ');
        e.rcode = (sp1 < 0 ? r : r.slice(0, sp1)).toUpperCase();
        if (!/^[A-Z]+$/.test(e.rcode)) { sink.reject(lineNo, `bad response code: ${e.rcode.slice(0, 20)}`); return; }
        if (sp1 >= 0) {
          const sp2 = r.indexOf(' ', sp1 + 1);
          const rrs = sp2 < 0 ? [] : splitRrList(r.slice(sp2 + 1));
          if (rrs.length > 0) {
            e.answers = [];
            for (const rr of rrs) {
              const a = answer(rr);
              if (a === null) dropped++; else e.answers.push(a);
            }
          }
        }
      }
      sink.query(e);
    },
    end(sink: Sink): void {
      if (dropped > 0) sink.note(`${dropped} answer record(s) could not be read (rdata not valid for the type) and were dropped`);
    },
  };
}
