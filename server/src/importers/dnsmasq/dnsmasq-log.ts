// dnsmasq / Pi-hole query logs (log-queries[=extra]). One query is spread over several lines:
//   query[A] NAME from CLIENT · forwarded NAME to UPSTREAM · reply|cached|config NAME is VALUE ...
// They are joined into one event. With `log-queries=extra` each line carries dnsmasq's query serial
// (`45 192.168.1.2/50123 query[A] ...`) and lines are keyed on pid + serial; otherwise on pid + name
// (the most recent open query for that name), which is what plain logs allow.
//
// Answer lines with no open query (the Pi-hole sample holds only `reply`/`gravity blocked` lines)
// still carry facts, so each becomes its own event without a client; consecutive lines for the same
// name and second join one event while they add a new answer. Blocked lines (`gravity blocked`,
// `regex blacklisted`, ...) set the response code but add no answer: the sinkhole address is not a
// fact about the name. Startup, config and dnsmasq-dhcp lines are skipped (counted); a line that
// is not a dnsmasq syslog line at all (no syslog header, or another program's) is a reject.
import type { DnsAnswer, DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { hostOfHashPort, parseSyslogHead, resolveYear, stripCr } from '../line-parsers/syslog.ts';
import type { CountingLineParser } from '../line-parsers/counting-line-parser.ts';

interface Pending {
  e: DnsQueryEvent;
  key: string;
  /** Names under which this event is found (qname and CNAME targets). */
  names: string[];
  pid: string;
  /** Owner of a `<CNAME>` reply waiting for its target (the next answer line's name). */
  cnameFrom: string | null;
  hasQuery: boolean;
  last: number;
}

const RCODE_VALUES: Record<string, string> = {
  NXDOMAIN: 'NXDOMAIN', NODATA: 'NOERROR', 'NODATA-IPV4': 'NOERROR', 'NODATA-IPV6': 'NOERROR',
  SERVFAIL: 'SERVFAIL', REFUSED: 'REFUSED', NOTIMP: 'NOTIMP',
};
function wantedType(value: string): string | undefined {
  if (value === 'NODATA-IPv4') return 'A';
  if (value === 'NODATA-IPv6') return 'AAAA';
  const c = value.charCodeAt(0);
  if (!(c >= 48 && c <= 57) && !(c >= 97 && c <= 102) && !(c >= 65 && c <= 70) && c !== 58) return undefined;
  return value.includes(':') ? 'AAAA' : value.includes('.') ? 'A' : undefined;
}
const MAX_PENDING = 10_000;
/** An open query untouched for this many lines is complete (dnsmasq logs a reply within moments). */
const STALE_LINES = 2_000;

export function createDnsmasqParser(opts: ParseOptions): CountingLineParser {
  const { year, note } = resolveYear(opts);
  let noted = false;
  let skipped = 0, merged = 0;
  const norm = makeNormalizers();
  const open = new Map<string, Pending>(); // key → pending
  const byName = new Map<string, Pending>(); // pid|name → pending
  let lastSeen = 0;

  function emit(p: Pending, sink: Sink): void {
    if (open.get(p.key) === p) open.delete(p.key);
    for (const n of p.names) if (byName.get(`${p.pid}|${n}`) === p) byName.delete(`${p.pid}|${n}`);
    sink.query(p.e);
  }

  function sweep(lineNo: number, sink: Sink): void {
    for (const p of open.values()) if (lineNo - p.last > STALE_LINES || open.size > MAX_PENDING) emit(p, sink);
  }

  function start(key: string, pid: string, e: DnsQueryEvent, hasQuery: boolean, sink: Sink): Pending {
    const old = open.get(key);
    if (old) emit(old, sink);
    const p: Pending = { e, key, names: [e.qname], pid, cnameFrom: null, hasQuery, last: e.ref };
    open.set(key, p);
    byName.set(`${pid}|${e.qname}`, p);
    return p;
  }

  /** The oldest open query for this name still waiting for its reply (A before AAAA, as dnsmasq logs them). */
  function oldestUnanswered(pid: string, name: string): Pending | undefined {
    for (const p of open.values()) if (p.pid === pid && p.hasQuery && p.e.rcode === undefined && p.names.includes(name)) return p;
    return undefined;
  }

  /** Apply `NAME is VALUE`; returns false when the line adds nothing new to p. */
  function apply(p: Pending, name: string, value: string, blocked: boolean): boolean {
    if (p.cnameFrom !== null && name !== p.cnameFrom) {
      (p.e.answers ??= []).push({ name: p.cnameFrom, type: 'CNAME', value: name });
      p.names.push(name);
      byName.set(`${p.pid}|${name}`, p);
      p.cnameFrom = null;
    }
    const up = value.toUpperCase();
    const rc = RCODE_VALUES[up];
    if (rc !== undefined) {
      if (p.e.rcode !== undefined && !p.hasQuery) return false;
      p.e.rcode = rc;
      return true;
    }
    p.e.rcode = 'NOERROR';
    if (blocked) return true;
    if (value === '<CNAME>') { p.cnameFrom = name; return true; }
    if (value.startsWith('<')) return true; // a record dnsmasq does not print (<HTTPS>, <SRV>, ...)
    let a: DnsAnswer | null = null;
    const ip = norm.ip(value);
    if (ip !== null) a = { name, type: ip.includes(':') ? 'AAAA' : 'A', value: ip };
    else {
      const host = norm.name(value);
      if (host !== null) a = { name, type: name.endsWith('.arpa') ? 'PTR' : 'CNAME', value: host };
    }
    if (a === null) return true;
    const list = (p.e.answers ??= []);
    for (const x of list) if (x.name === a.name && x.type === a.type && x.value === a.value) return false;
    list.push(a);
    return true;
  }

  return {
    get skipped() { return skipped; },
    get merged() { return merged; },
    line(raw: string, lineNo: number, sink: Sink): void {
      const s = stripCr(raw);
      if ((lineNo & 255) === 0) sweep(lineNo, sink);
      const head = parseSyslogHead(s, year);
      if (head === null || head.program !== 'dnsmasq') {
        if (s.trim() === '' || head?.program.startsWith('dnsmasq')) { skipped++; return; }
        sink.reject(lineNo, head === null ? 'not a dnsmasq log line (no syslog header)' : `not a dnsmasq log line (program ${head.program.slice(0, 40)})`);
        return;
      }
      let msg = s.slice(head.msg).trimEnd();
      let serial = '';
      // log-queries=extra: `<serial> <client>/<port> ` before the verb.
      const c0 = msg.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57) {
        const sp = msg.indexOf(' ');
        const sp2 = sp < 0 ? -1 : msg.indexOf(' ', sp + 1);
        if (sp > 0 && sp2 > 0 && /^\d+$/.test(msg.slice(0, sp)) && msg.slice(sp + 1, sp2).includes('/')) {
          serial = msg.slice(0, sp);
          msg = msg.slice(sp2 + 1);
        }
      }
      const pid = head.pid;
      if (!noted && !/^(<\d+>)?\d/.test(s)) { noted = true; sink.note(note); }
      lastSeen = lineNo;
      if (msg.startsWith('query[')) {
        const close = msg.indexOf('] ');
        const from = msg.lastIndexOf(' from ');
        if (close < 0 || from < close) { sink.reject(lineNo, 'query line: expected query[TYPE] NAME from CLIENT'); return; }
        const qname = norm.name(msg.slice(close + 2, from));
        if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${msg.slice(close + 2, from).slice(0, 80)}`); return; }
        const client = norm.ip(hostOfHashPort(msg.slice(from + 6)));
        if (client === null) { sink.reject(lineNo, `bad client address: ${msg.slice(from + 6).slice(0, 60)}`); return; }
        const e: DnsQueryEvent = { ts: head.ts, client, qname, qtype: msg.slice(6, close).toUpperCase(), ref: lineNo };
        start(serial ? `${pid}|#${serial}` : `${pid}|${qname}|${e.qtype}`, pid, e, true, sink);
        return;
      }
      if (msg.startsWith('forwarded ')) {
        const to = msg.lastIndexOf(' to ');
        const name = to < 0 ? null : norm.name(msg.slice(10, to));
        const p = serial ? open.get(`${pid}|#${serial}`) : name === null ? undefined : byName.get(`${pid}|${name}`);
        if (p === undefined || to < 0) { skipped++; return; } // nothing to record without its query
        const srv = norm.ip(hostOfHashPort(msg.slice(to + 4)));
        if (srv !== null) p.e.server = srv;
        p.last = lineNo;
        merged++;
        return;
      }
      const isAt = msg.lastIndexOf(' is ');
      if (isAt < 0) { skipped++; return; }
      const nameSp = msg.lastIndexOf(' ', isAt - 1);
      const source = nameSp < 0 ? '' : msg.slice(0, nameSp);
      const isAnswerVerb = source === 'reply' || source.startsWith('cached') || source === 'config' || source.startsWith('/');
      const blocked = !isAnswerVerb && /blocked|blacklisted|denied|special domain/.test(source);
      if (!isAnswerVerb && !blocked) { skipped++; return; }
      const rawName = msg.slice(nameSp + 1, isAt);
      const name = norm.name(rawName);
      const value = msg.slice(isAt + 4).trim();
      if (name === null || value === '') { sink.reject(lineNo, `answer line: bad name or value: ${msg.slice(0, 80)}`); return; }
      // A and AAAA queries for one name are often open together: route by the kind of answer.
      const want = wantedType(value);
      // A `<CNAME>` on the previous line means this line names its target: that wins over lookups.
      let p: Pending | undefined;
      if (!serial) for (const q of open.values()) if (q.pid === pid && q.cnameFrom !== null && q.last === lineNo - 1) p = q;
      p ??= serial ? open.get(`${pid}|#${serial}`)
        : (want === undefined ? oldestUnanswered(pid, name) : open.get(`${pid}|${name}|${want}`)) ?? byName.get(`${pid}|${name}`);
      if (p !== undefined && (p.hasQuery || p.e.ts === head.ts) && apply(p, name, value, blocked)) {
        p.last = lineNo;
        merged++;
        return;
      }
      const e: DnsQueryEvent = { ts: head.ts, qname: name, ref: lineNo };
      const np = start(serial ? `${pid}|#${serial}` : `${pid}|${name}|?`, pid, e, false, sink);
      apply(np, name, value, blocked);
    },
    end(sink: Sink): void {
      void lastSeen;
      for (const p of [...open.values()]) emit(p, sink);
    },
  };
}
