// Unbound `log-replies` (and `log-queries`) lines:
//   [syslog header | `[epoch] unbound[pid:tid] `] info: CLIENT NAME. TYPE CLASS [RCODE TIME CACHED SIZE]
// Everything else unbound writes (stats, start/stop, systemd) is skipped (counted). A line that is
// not an unbound log line at all (no `[epoch]` or syslog header: another format read as unbound)
// is a reject, and so is one whose `info:` message starts with an IP but does not read as a query.
import type { DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { parseSyslogHead, resolveYear, stripCr } from '../line-parsers/syslog.ts';
import type { CountingLineParser } from '../line-parsers/counting-line-parser.ts';

const CLASS = /^(IN|CH|HS|ANY|NONE|CLASS\d+)$/;

export function createUnboundParser(opts: ParseOptions): CountingLineParser {
  const { year, note } = resolveYear(opts);
  let yearNoted = false;
  let skipped = 0;
  const norm = makeNormalizers();
  return {
    get skipped() { return skipped; },
    get merged() { return 0; },
    line(raw: string, lineNo: number, sink: Sink): void {
      const s = stripCr(raw);
      const at = s.indexOf('info: ');
      if (at < 0) {
        if (s.trim() === '' || /^\[\d+(\.\d+)?\] /.test(s) || parseSyslogHead(s, year) !== null) { skipped++; return; }
        sink.reject(lineNo, 'not an unbound log line (no [time] or syslog header)');
        return;
      }
      const msg = s.slice(at + 6);
      const sp = msg.indexOf(' ');
      const first = sp < 0 ? msg : msg.slice(0, sp);
      const c = first.charCodeAt(0);
      // Only messages that begin with an address are query records.
      if (!(c >= 48 && c <= 57) && !first.includes(':')) { skipped++; return; }
      const client = norm.ip(first);
      if (client === null) { skipped++; return; }
      const t = msg.split(' ');
      if (t.length < 4 || !CLASS.test(t[3])) { sink.reject(lineNo, 'expected CLIENT NAME TYPE CLASS after info:'); return; }
      let ts = NaN;
      if (s.charCodeAt(0) === 91 /* [ */) {
        // `[1589990959] unbound[79652:0] info:` (use-syslog: no, log-time-ascii: no)
        const close = s.indexOf(']');
        const v = Number(s.slice(1, close));
        if (close > 1 && Number.isFinite(v)) ts = Math.round(v * 1000);
      } else {
        const head = parseSyslogHead(s, year);
        if (head !== null) {
          ts = head.ts;
          if (!yearNoted && !/^\d/.test(s.replace(/^<\d+>/, ''))) { yearNoted = true; sink.note(note); }
        }
      }
      if (Number.isNaN(ts)) { sink.reject(lineNo, 'no timestamp'); return; }
      const qname = norm.name(t[1]);
      if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${t[1].slice(0, 80)}`); return; }
      const e: DnsQueryEvent = { ts, client, qname, qtype: t[2].toUpperCase(), ref: lineNo };
      if (t.length >= 5 && t[4] !== '') {
        if (!/^[A-Z][A-Z0-9]*$/.test(t[4])) { sink.reject(lineNo, `bad response code: ${t[4].slice(0, 20)}`); return; }
        e.rcode = t[4];
      }
      sink.query(e);
    },
    end(): void {},
  };
}
