// Zeek dns.log in the ASCII (TSV) writer format. Columns come from `#fields`, never by position:
// Zeek versions differ (23 vs 26 columns) and sites add fields. The import engine reads plain
// files with DuckDB (pipeline/duckdb-zeek-tsv.ts) and hands this parser the lines SQL sets aside
// (rejects, escapes, odd times) and the files DuckDB would number differently.
import type { DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import type { CountingLineParser } from '../bind/syslog.ts';
import { makeNormalizers } from './name-cache.ts';
import { answerClassifier, zeekAnswers, type AnswerStats } from './zeek-answers.ts';

const MASKED_TS = /^X+\.X+$/;

/** Decode Zeek's `\xNN` escapes (used for separators and non-printables inside values). */
export function unescapeZeek(s: string): string {
  if (s.indexOf('\\x') < 0) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

interface Cols { ts: number; orig: number; resp: number; proto: number; query: number; qtype: number; qtypeNum: number; rcode: number; answers: number; ttls: number; count: number }

export function createZeekTsvParser(opts: ParseOptions): CountingLineParser {
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

  const parser: CountingLineParser = {
    get skipped() { return skipped; },
    get merged() { return 0; },
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
        const exact = decimalMs(tsRaw);
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

/**
 * Epoch seconds written as plain decimal digits → ms, exactly (no float rounding of the text):
 * the fraction is rounded half up at the fourth digit. NaN for anything else (at most 15 integer digits).
 */
export function decimalMs(t: string): number {
  let i = 0, int = 0;
  const n = t.length;
  while (i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) int = int * 10 + (t.charCodeAt(i++) - 48);
  if (i === 0 || i > 15) return NaN;
  let frac = 0, k = 0, up = 0;
  if (i < n && t.charCodeAt(i) === 46) {
    i++;
    for (; i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57; i++, k++) {
      if (k < 3) frac = frac * 10 + (t.charCodeAt(i) - 48);
      else if (k === 3) up = t.charCodeAt(i) >= 53 ? 1 : 0;
    }
  }
  if (i !== n) return NaN;
  for (; k < 3; k++) frac *= 10;
  return int * 1000 + frac + up;
}
