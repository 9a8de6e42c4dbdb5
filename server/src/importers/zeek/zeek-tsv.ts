// Zeek dns.log in the ASCII (TSV) writer format. Columns come from `#fields`, never by position:
// Zeek versions differ (23 vs 26 columns) and sites add fields.
import type { DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import type { ByteLineParser } from '../line-parsers/counting-line-parser.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { answerClassifier, zeekAnswers, type AnswerStats, type Kind } from './zeek-answers.ts';
import { decimalMs } from '../normalize/byte-cache.ts';
import { ZeekHeader, unescapeZeek, upperCache, type Cols } from './zeek-tsv-header.ts';
import { ZeekByteReader } from './zeek-tsv-bytes.ts';

const MASKED_TS = /^X+\.X+$/;

/** Returned by a step that has rejected the line (and told the sink why). */
const REJECTED = null;

export function createZeekTsvParser(opts: ParseOptions): ByteLineParser {
  void opts;
  return new ZeekTsvParser();
}

/**
 * Two paths to one result: bytes() reads plain lines straight from the input (ZeekByteReader);
 * line() reads the rest, and is the only one that rejects a line or notes anything about it.
 */
class ZeekTsvParser implements ByteLineParser {
  private readonly header = new ZeekHeader();
  private readonly norm = makeNormalizers();
  private readonly stats: AnswerStats = { dropped: 0 };
  private readonly classify: (v: string) => Kind = answerClassifier(this.norm);
  private readonly up = upperCache();
  private readonly fast = new ZeekByteReader(this.norm, this.classify, this.stats, this.up);
  private maskedNoted = false;
  private skippedLines = 0;
  // Column start offsets of the current line, reused across lines (no per-line split array).
  private starts = new Int32Array(64);
  private cur = '';

  get skipped(): number { return this.skippedLines; }
  get merged(): number { return 0; }

  bytes(buf: Buffer, start: number, end: number, lineNo: number, sink: Sink): void {
    const c = this.header.cols;
    if (c === null || start === end || buf[start] === 35 || !this.header.plain || !this.fast.read(buf, start, end, lineNo, sink, c)) {
      this.line(buf.toString('utf8', start, end), lineNo, sink);
    }
  }

  line(raw: string, lineNo: number, sink: Sink): void {
    const text = raw.length > 0 && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (text.length === 0) { this.skippedLines++; return; }
    if (text.charCodeAt(0) === 35 /* # */) { this.header.directive(text); this.skippedLines++; return; }
    const c = this.header.cols;
    if (c === null) { sink.reject(lineNo, 'data line before the #fields header'); return; }
    const ncols = this.index(text);
    if (ncols !== c.count) { sink.reject(lineNo, `expected ${c.count} columns, found ${ncols}`); return; }
    const e = this.event(c, lineNo, sink);
    if (e !== REJECTED) sink.query(e);
  }

  end(sink: Sink): void {
    if (this.stats.dropped > 0) sink.note(`${this.stats.dropped} answer value(s) were neither an IP, a host name nor TXT and were dropped`);
  }

  /** The indexed line as an event, or REJECTED. */
  private event(c: Cols, lineNo: number, sink: Sink): DnsQueryEvent | null {
    const qraw = this.val(c.query);
    if (qraw === undefined) { sink.reject(lineNo, 'no query name'); return REJECTED; }
    const qname = this.norm.name(qraw);
    if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${qraw.slice(0, 80)}`); return REJECTED; }
    const ts = this.timestamp(c.ts, lineNo, sink);
    if (ts === REJECTED) return REJECTED;
    const e: DnsQueryEvent = { ts, qname, ref: lineNo };
    const client = this.ip(c.orig, 'id.orig_h', lineNo, sink);
    if (client === REJECTED) return REJECTED;
    if (client !== undefined) e.client = client;
    const server = this.ip(c.resp, 'id.resp_h', lineNo, sink);
    if (server === REJECTED) return REJECTED;
    if (server !== undefined) e.server = server;
    const p = this.val(c.proto);
    if (p === 'udp' || p === 'tcp') e.proto = p;
    const qt = this.queryType(c);
    if (qt !== undefined) e.qtype = this.up(qt);
    const rc = this.val(c.rcode);
    if (rc !== undefined) e.rcode = this.up(rc);
    this.answers(c, e);
    return e;
  }

  /** Index the line's columns; returns the column count. */
  private index(text: string): number {
    const sep = this.header.sep;
    this.cur = text;
    let n = 0, pos = 0;
    for (;;) {
      if (n + 2 >= this.starts.length) { const b = new Int32Array(this.starts.length * 2); b.set(this.starts); this.starts = b; }
      this.starts[n++] = pos;
      const t = text.indexOf(sep, pos);
      if (t < 0) break;
      pos = t + sep.length;
    }
    this.starts[n] = text.length + sep.length;
    return n;
  }

  /** Column i of the indexed line, raw. */
  private get(i: number): string {
    return this.cur.slice(this.starts[i], this.starts[i + 1] - this.header.sep.length);
  }

  /** Column i unescaped, undefined when absent, unset or empty. */
  private val(i: number): string | undefined {
    if (i < 0) return undefined;
    const v = this.get(i);
    const h = this.header;
    if (v === h.unset || v === h.empty || v === '') return undefined;
    return v.indexOf('\\x') < 0 ? v : unescapeZeek(v);
  }

  /** Milliseconds, NaN when unset or masked, REJECTED when unreadable. */
  private timestamp(k: number, lineNo: number, sink: Sink): number | null {
    const tsRaw = k < 0 ? undefined : this.get(k);
    if (tsRaw === undefined || tsRaw === this.header.unset) return NaN;
    const exact = decimalMs(Buffer.from(tsRaw, 'latin1'), 0, tsRaw.length);
    if (exact === exact) return exact;
    const v = Number(tsRaw);
    if (Number.isFinite(v)) return Math.round(v * 1000);
    if (MASKED_TS.test(tsRaw)) {
      if (!this.maskedNoted) { this.maskedNoted = true; sink.note('timestamps are masked (XXXXXXXXXX.XXXXXX, a Zeek test baseline): events have no time'); }
      return NaN;
    }
    sink.reject(lineNo, `bad ts: ${tsRaw.slice(0, 40)}`);
    return REJECTED;
  }

  /** The normalized address, undefined when absent, REJECTED when it is not an IP. */
  private ip(k: number, field: string, lineNo: number, sink: Sink): string | undefined | null {
    const o = this.val(k);
    if (o === undefined) return undefined;
    const ip = this.norm.ip(o);
    if (ip === null) { sink.reject(lineNo, `bad ${field}: ${o.slice(0, 60)}`); return REJECTED; }
    return ip;
  }

  /** `qtype_name`, or `TYPE<n>` from the numeric `qtype` when the name is missing. */
  private queryType(c: Cols): string | undefined {
    const qt = this.val(c.qtype);
    if (qt !== undefined) return qt;
    const num = this.val(c.qtypeNum);
    return num !== undefined && /^\d+$/.test(num) ? `TYPE${num}` : undefined;
  }

  private answers(c: Cols, e: DnsQueryEvent): void {
    const h = this.header;
    const ans = c.answers < 0 ? undefined : this.get(c.answers);
    if (ans === undefined || ans === h.unset || ans === h.empty || ans === '') return;
    // Split before unescaping: a `,` inside an element is written as \x2c.
    const parts = ans.split(h.setSep);
    if (ans.indexOf('\\x') >= 0) for (let k = 0; k < parts.length; k++) parts[k] = unescapeZeek(parts[k]);
    const tt = c.ttls < 0 ? undefined : this.get(c.ttls);
    const ttls = tt === undefined || tt === h.unset || tt === h.empty ? [] : tt.split(h.setSep);
    e.answers = zeekAnswers(e.qname, e.qtype, parts, ttls, this.classify, this.stats);
  }
}
