// Zeek dns.log in the ASCII (TSV) writer format. Columns come from `#fields`, never by position:
// Zeek versions differ (23 vs 26 columns) and sites add fields.
import type { DnsAnswer, DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import type { ByteLineParser } from '../line-parsers/counting-line-parser.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { answerClassifier, answersFromKinds, zeekAnswers, type AnswerStats, type Kind } from './zeek-answers.ts';
import { ByteCache, decimalMs } from '../normalize/byte-cache.ts';

/** A cached normalized value with the sink's id for it (-1 until asked). */
interface Keyed { key: string; id: number }

const ids = (v: Keyed, intern: (key: string, compact: boolean) => number) => (v.id >= 0 ? v.id : (v.id = intern(v.key, true)));

const MASKED_TS = /^X+\.X+$/;

/** A cached answers field: its values classified, and the answers last built from them. */
interface AnswerSet { kinds: Kind[]; dropped: number; qname: string; qtype: string | undefined; answers: DnsAnswer[] }

const NO_TTLS: (number | undefined)[] = [];

/** Decode Zeek's `\xNN` escapes (used for separators and non-printables inside values). */
export function unescapeZeek(s: string): string {
  if (s.indexOf('\\x') < 0) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

interface Cols { ts: number; orig: number; resp: number; proto: number; query: number; qtype: number; qtypeNum: number; rcode: number; answers: number; ttls: number; count: number }

export function createZeekTsvParser(opts: ParseOptions): ByteLineParser {
  void opts;
  let sep = '\t';
  let setSep = ',';
  let empty = '(empty)';
  let unset = '-';
  let cols: Cols | null = null;
  let maskedNoted = false;
  let skipped = 0;
  const norm = makeNormalizers();
  const stats: AnswerStats = { dropped: 0 };
  const classify = answerClassifier(norm);

  function directive(text: string): void {
    // `#separator \x09` uses a space; the others use the separator; btest baselines write
    // `#open XXXX...` with a space too, and `###` banner lines are not directives at all.
    if (text.startsWith('#separator ')) {
      sep = unescapeZeek(text.slice(11)) || '\t';
      return;
    }
    const cut = text.indexOf(sep);
    const key = cut < 0 ? text : text.slice(0, cut);
    const val = cut < 0 ? '' : text.slice(cut + sep.length);
    if (key === '#set_separator') setSep = unescapeZeek(val);
    else if (key === '#empty_field') empty = unescapeZeek(val);
    else if (key === '#unset_field') unset = unescapeZeek(val);
    else if (key === '#fields') {
      const f = val.split(sep);
      const at = (name: string) => f.indexOf(name);
      cols = {
        ts: at('ts'), orig: at('id.orig_h'), resp: at('id.resp_h'), proto: at('proto'), query: at('query'),
        qtype: at('qtype_name'), qtypeNum: at('qtype'), rcode: at('rcode_name'), answers: at('answers'), ttls: at('TTLs'),
        count: f.length,
      };
    }
  }

  // Column start offsets of the current line, reused across lines (no per-line split array).
  let starts = new Int32Array(64);
  let cur = '';
  const f = {
    get(i: number): string { return cur.slice(starts[i], starts[i + 1] - sep.length); },
  };
  /** Index the line's columns; returns the column count. */
  function index(text: string): number {
    cur = text;
    let n = 0, pos = 0;
    for (;;) {
      if (n + 2 >= starts.length) { const b = new Int32Array(starts.length * 2); b.set(starts); starts = b; }
      starts[n++] = pos;
      const t = text.indexOf(sep, pos);
      if (t < 0) break;
      pos = t + sep.length;
    }
    starts[n] = text.length + sep.length;
    return n;
  }
  const upper = new Map<string, string>();
  function up(v: string): string {
    let u = upper.get(v);
    if (u === undefined) { u = v.toUpperCase(); if (upper.size < 1000) upper.set(v, u); }
    return u;
  }

  function val(_f: unknown, i: number): string | undefined {
    if (i < 0) return undefined;
    const v = f.get(i);
    if (v === unset || v === empty || v === '') return undefined;
    return v.indexOf('\\x') < 0 ? v : unescapeZeek(v);
  }

  // The byte path: plain lines (tab-separated, no escapes, the usual unset/empty markers) are
  // read from the input bytes, each field looked up in a cache of its normalized value; any
  // other line, and every line that will be rejected, goes through line() for the same result.
  const dec = (b: Buffer, s: number, e: number) => b.toString('utf8', s, e);
  // Sized for the distinct names of a large log (a few hundred thousand): a cache that keeps
  // clearing would decode and validate the long tail again and again.
  // Values keep the sink's id beside them once a record using them has been emitted.
  const keyed = (key: string | null): Keyed | null => (key === null ? null : { key, id: -1 });
  const nameCache = new ByteCache((b, s, e) => keyed(norm.name(dec(b, s, e))), 1 << 18, 1 << 23);
  const ipCache = new ByteCache((b, s, e) => keyed(norm.ip(dec(b, s, e))), 1 << 16, 1 << 20);
  // One cache per column: each remembers its last value, and a column mostly repeats itself.
  const qtypeCache = new ByteCache((b, s, e) => up(dec(b, s, e)), 1024, 1 << 16);
  const rcodeCache = new ByteCache((b, s, e) => up(dec(b, s, e)), 1024, 1 << 16);
  // Whole answer fields are cached, not single values: a name's answer set repeats on every
  // lookup of it (in rotating order for round-robin names, each order its own entry). 64k sets
  // (about 15 MB with their answers): 128k parsed 10M lines 6 % faster for 40 MB more memory.
  const answerSets = new ByteCache((b, s, e): AnswerSet => {
    const kinds: Kind[] = [];
    let dropped = 0;
    for (let i = s, from = s; i <= e; i++) {
      if (i === e || b[i] === 44) { const k = classify(dec(b, from, i)); if (k === null) dropped++; kinds.push(k); from = i + 1; }
    }
    return { kinds, dropped, qname: '', qtype: undefined, answers: [] };
  }, 1 << 16, 1 << 22);
  let bstarts = new Int32Array(64);
  const isUnset = (b: Buffer, s: number, e: number) => e - s === 1 && b[s] === 45; // '-'
  const isNone = (b: Buffer, s: number, e: number) => e === s || isUnset(b, s, e) || (e - s === 7 && b[s] === 40 && b.toString('latin1', s, e) === '(empty)');

  const parser: ByteLineParser = {
    get skipped() { return skipped; },
    get merged() { return 0; },
    bytes(buf: Buffer, start: number, end: number, lineNo: number, sink: Sink): void {
      const c = cols as Cols | null;
      const interner = sink.interner;
      if (c === null || start === end || buf[start] === 35 || sep !== '\t' || setSep !== ',' || unset !== '-' || empty !== '(empty)') {
        parser.line(buf.toString('utf8', start, end), lineNo, sink);
        return;
      }
      // Tab offsets; a line with more columns than the header stops at one past them (and the
      // string path reports it), so the array never grows here.
      const B = bstarts.length >= c.count + 2 ? bstarts : (bstarts = new Int32Array(c.count + 2));
      const last = c.count;
      let n = 0;
      B[0] = start;
      for (let i = start; i < end; i++) {
        const b = buf[i];
        if (b === 9) {
          B[++n] = i + 1;
          if (n === last) break;
        } else if (b === 92) { n = -1; break; } // a `\x` escape: the string path decodes it
      }
      if (n + 1 !== c.count) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      B[n + 1] = end + 1;
      // Field k is bytes [B[k], B[k + 1] - 1).
      let k = c.query;
      if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      const qv = nameCache.get(buf, B[k], B[k + 1] - 1);
      if (qv === null) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      const qname = qv.key;
      let ts = NaN;
      k = c.ts;
      if (k >= 0 && !isUnset(buf, B[k], B[k + 1] - 1)) {
        ts = decimalMs(buf, B[k], B[k + 1] - 1);
        if (ts !== ts) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      }
      let cv: Keyed | null = null;
      k = c.orig;
      if (k >= 0 && !isNone(buf, B[k], B[k + 1] - 1)) {
        cv = ipCache.get(buf, B[k], B[k + 1] - 1);
        if (cv === null) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      }
      let sv: Keyed | null = null;
      k = c.resp;
      if (k >= 0 && !isNone(buf, B[k], B[k + 1] - 1)) {
        sv = ipCache.get(buf, B[k], B[k + 1] - 1);
        if (sv === null) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      }
      let proto: 'udp' | 'tcp' | undefined;
      k = c.proto;
      if (k >= 0 && B[k + 1] - 1 - B[k] === 3) {
        const p0 = buf[B[k]], p1 = buf[B[k] + 1], p2 = buf[B[k] + 2];
        if (p0 === 117 && p1 === 100 && p2 === 112) proto = 'udp';
        else if (p0 === 116 && p1 === 99 && p2 === 112) proto = 'tcp';
      }
      k = c.qtype;
      if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) { parser.line(buf.toString('utf8', start, end), lineNo, sink); return; }
      const qtype = qtypeCache.get(buf, B[k], B[k + 1] - 1);
      k = c.rcode;
      const rcode = k >= 0 && !isNone(buf, B[k], B[k + 1] - 1) ? rcodeCache.get(buf, B[k], B[k + 1] - 1) : undefined;
      // Ids asked for the name, then the client, then A/AAAA/CNAME answers (for other answers
      // the sink numbers what it uses itself): the numbering may differ from the string path's,
      // which is fine — each line takes one path, decided by its bytes alone.
      const qnameId = interner ? ids(qv, interner.host) : undefined;
      const clientId = interner && cv !== null ? ids(cv, interner.ip) : undefined;
      let answers: DnsAnswer[] | undefined;
      k = c.answers;
      if (k >= 0 && !isNone(buf, B[k], B[k + 1] - 1)) {
        const set = answerSets.get(buf, B[k], B[k + 1] - 1);
        if (sink.sharesAnswers === true) {
          // Without TTLs the answers depend only on the name, the query type and the set.
          if (set.qname !== qname || set.qtype !== qtype) {
            set.answers = answersFromKinds(qname, qtype, set.kinds, NO_TTLS, stats, qnameId ?? -1, interner);
            set.qname = qname; set.qtype = qtype;
          } else stats.dropped += set.dropped;
          answers = set.answers;
        } else {
          const ttls: (number | undefined)[] = [];
          k = c.ttls;
          if (k >= 0 && !isNone(buf, B[k], B[k + 1] - 1)) {
            for (let s = B[k], i = s, to = B[k + 1] - 1; i <= to; i++) {
              if (i === to || buf[i] === 44) { const ms = decimalMs(buf, s, i); ttls.push(ms === ms ? ms / 1000 : Number(buf.toString('latin1', s, i))); s = i + 1; }
            }
          }
          answers = answersFromKinds(qname, qtype, set.kinds, ttls, stats, qnameId ?? -1, interner);
        }
      }
      // One object of one shape, built once (adding fields one by one reshapes it each time).
      // Every string here is a cached value decoded from its own field, not a slice of the line.
      sink.query({
        ts, qname, ref: lineNo, compact: true, client: cv?.key, server: sv?.key, proto, qtype, rcode, answers, qnameId, clientId,
      });
    },
    line(raw: string, lineNo: number, sink: Sink): void {
      const text = raw.length > 0 && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
      if (text.length === 0) { skipped++; return; }
      if (text.charCodeAt(0) === 35 /* # */) { directive(text); skipped++; return; }
      const c = cols as Cols | null;
      if (c === null) { sink.reject(lineNo, 'data line before the #fields header'); return; }
      const ncols = index(text);
      if (ncols !== c.count) { sink.reject(lineNo, `expected ${c.count} columns, found ${ncols}`); return; }
      const qraw = val(f, c.query);
      if (qraw === undefined) { sink.reject(lineNo, 'no query name'); return; }
      const qname = norm.name(qraw);
      if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${qraw.slice(0, 80)}`); return; }
      let ts = NaN;
      const tsRaw = c.ts < 0 ? undefined : f.get(c.ts);
      if (tsRaw !== undefined && tsRaw !== unset) {
        const exact = decimalMs(Buffer.from(tsRaw, 'latin1'), 0, tsRaw.length);
        const v = Number(tsRaw);
        if (exact === exact) ts = exact;
        else if (Number.isFinite(v)) ts = Math.round(v * 1000);
        else if (MASKED_TS.test(tsRaw)) {
          if (!maskedNoted) { maskedNoted = true; sink.note('timestamps are masked (XXXXXXXXXX.XXXXXX, a Zeek test baseline): events have no time'); }
        } else { sink.reject(lineNo, `bad ts: ${tsRaw.slice(0, 40)}`); return; }
      }
      const e: DnsQueryEvent = { ts, qname, ref: lineNo };
      const o = val(f, c.orig);
      if (o !== undefined) {
        const ip = norm.ip(o);
        if (ip === null) { sink.reject(lineNo, `bad id.orig_h: ${o.slice(0, 60)}`); return; }
        e.client = ip;
      }
      const r = val(f, c.resp);
      if (r !== undefined) {
        const ip = norm.ip(r);
        if (ip === null) { sink.reject(lineNo, `bad id.resp_h: ${r.slice(0, 60)}`); return; }
        e.server = ip;
      }
      const p = val(f, c.proto);
      if (p === 'udp' || p === 'tcp') e.proto = p;
      let qt = val(f, c.qtype);
      if (qt === undefined) {
        const num = val(f, c.qtypeNum);
        if (num !== undefined && /^\d+$/.test(num)) qt = `TYPE${num}`;
      }
      if (qt !== undefined) e.qtype = up(qt);
      const rc = val(f, c.rcode);
      if (rc !== undefined) e.rcode = up(rc);
      const ans = c.answers < 0 ? undefined : f.get(c.answers);
      if (ans !== undefined && ans !== unset && ans !== empty && ans !== '') {
        // Split before unescaping: a `,` inside an element is written as \x2c.
        const parts = ans.split(setSep);
        if (ans.indexOf('\\x') >= 0) for (let k = 0; k < parts.length; k++) parts[k] = unescapeZeek(parts[k]);
        const tt = c.ttls < 0 ? undefined : f.get(c.ttls);
        const ttls = tt === undefined || tt === unset || tt === empty ? [] : tt.split(setSep);
        e.answers = zeekAnswers(qname, e.qtype, parts, ttls, classify, stats);
      }
      sink.query(e);
    },
    end(sink: Sink): void {
      if (stats.dropped > 0) sink.note(`${stats.dropped} answer value(s) were neither an IP, a host name nor TXT and were dropped`);
    },
  };
  return parser;
}
