// Zeek dns.log written by the JSON writer (NDJSON, dotted keys, unset fields omitted).
import type { DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import type { CountingLineParser } from '../line-parsers/counting-line-parser.ts';
import { isoToMs } from '../normalize/time.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { answerClassifier, zeekAnswers, type AnswerStats } from './zeek-answers.ts';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v !== '-' ? v : undefined;
}

export function createZeekJsonParser(opts: ParseOptions): CountingLineParser {
  void opts;
  let skipped = 0;
  const norm = makeNormalizers();
  const stats: AnswerStats = { dropped: 0 };
  const classify = answerClassifier(norm);
  return {
    get skipped() { return skipped; },
    get merged() { return 0; },
    line(raw: string, lineNo: number, sink: Sink): void {
      const text = raw.trim();
      if (text === '') { skipped++; return; }
      let o: unknown;
      try { o = JSON.parse(text); } catch { sink.reject(lineNo, 'not valid JSON'); return; }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) { sink.reject(lineNo, 'not a JSON object'); return; }
      const r = o as Record<string, unknown>;
      const qraw = str(r.query);
      if (qraw === undefined) { sink.reject(lineNo, 'no query name'); return; }
      const qname = norm.name(qraw);
      if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${qraw.slice(0, 80)}`); return; }
      let ts: number;
      // JSON::TS_ISO8601 writes ts as a string; the default is an epoch float.
      if (typeof r.ts === 'number') ts = Math.round(r.ts * 1000);
      else if (typeof r.ts === 'string') ts = /^\d+(\.\d+)?$/.test(r.ts) ? Math.round(Number(r.ts) * 1000) : isoToMs(r.ts);
      else ts = NaN;
      if (!Number.isFinite(ts)) { sink.reject(lineNo, 'missing or bad ts'); return; }
      const e: DnsQueryEvent = { ts, qname, ref: lineNo };
      const o1 = str(r['id.orig_h']);
      if (o1 !== undefined) {
        const ip = norm.ip(o1);
        if (ip === null) { sink.reject(lineNo, `bad id.orig_h: ${o1.slice(0, 60)}`); return; }
        e.client = ip;
      }
      const r1 = str(r['id.resp_h']);
      if (r1 !== undefined) {
        const ip = norm.ip(r1);
        if (ip === null) { sink.reject(lineNo, `bad id.resp_h: ${r1.slice(0, 60)}`); return; }
        e.server = ip;
      }
      if (r.proto === 'udp' || r.proto === 'tcp') e.proto = r.proto;
      const qt = str(r.qtype_name) ?? (typeof r.qtype === 'number' ? `TYPE${r.qtype}` : undefined);
      if (qt !== undefined) e.qtype = qt.toUpperCase();
      const rc = str(r.rcode_name);
      if (rc !== undefined) e.rcode = rc.toUpperCase();
      if (Array.isArray(r.answers)) {
        const raw = r.answers.filter((x): x is string => typeof x === 'string');
        const ttls = Array.isArray(r.TTLs) ? r.TTLs.map((x) => (typeof x === 'number' ? x : undefined)) : [];
        stats.dropped += r.answers.length - raw.length;
        e.answers = zeekAnswers(qname, e.qtype, raw, ttls, classify, stats);
      }
      sink.query(e);
    },
    end(sink: Sink): void {
      if (stats.dropped > 0) sink.note(`${stats.dropped} answer value(s) were neither an IP, a host name nor TXT and were dropped`);
    },
  };
}
