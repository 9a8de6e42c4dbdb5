// Tables of query events (CSV, TSV, pipe- or semicolon-separated) with a header line, e.g. the
// published three-column form `timestamp | host name | query originator IP`.
//
// Fields are split by a small RFC 4180 splitter rather than csv-parse: csv-parse's sync API builds
// a parser per call (≈ 10× slower per line than this), and its streaming API is not line-at-a-time
// as LineParser requires. Quoted fields may not span lines here (one record per line).
import type { DnsQueryEvent, ParseOptions, Sink } from '../types.ts';
import { isoToMs } from '../normalize/time.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import type { CountingLineParser } from '../line-parsers/counting-line-parser.ts';

type Field = 'ts' | 'qname' | 'client' | 'qtype' | 'rcode' | 'server';
const FIELDS: Field[] = ['ts', 'qname', 'client', 'qtype', 'rcode', 'server'];

/** Header spellings recognised without a map (compared lower-case with non-alphanumerics removed). */
const KNOWN: Record<Field, string[]> = {
  ts: ['timestamp', 'time', 'ts', 'datetime', 'date', 'querytime', 'eventtime'],
  qname: ['hostname', 'qname', 'query', 'domain', 'queryname', 'name', 'host', 'domainname'],
  client: ['queryoriginatorip', 'client', 'clientip', 'srcip', 'sourceip', 'ip', 'src', 'originator', 'idorigh'],
  qtype: ['qtype', 'querytype', 'type', 'rrtype', 'qtypename'],
  rcode: ['rcode', 'responsecode', 'rcodename'],
  server: ['server', 'serverip', 'dstip', 'resolver', 'idresph'],
};

const squash = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The delimiter that occurs most often (outside quotes) in a header line, or null. */
export function detectDelimiter(header: string): string | null {
  let best: string | null = null, bestN = 0;
  for (const d of [',', '\t', '|', ';']) {
    let n = 0, q = false;
    for (let i = 0; i < header.length; i++) {
      const c = header[i];
      if (c === '"') q = !q; else if (c === d && !q) n++;
    }
    if (n > bestN) { best = d; bestN = n; }
  }
  return best;
}

/** Split one record; `""` inside quotes is a quote. Unquoted fields are trimmed (pipe tables pad). */
export function splitRecord(line: string, d: string): string[] {
  if (line.indexOf('"') < 0) {
    const f = line.split(d);
    for (let i = 0; i < f.length; i++) f[i] = f[i].trim();
    return f;
  }
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    while (i < n && line[i] === ' ') i++;
    if (line[i] === '"') {
      let buf = '';
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) { buf += line.slice(i); i = n; break; }
        buf += line.slice(i, j);
        if (line[j + 1] === '"') { buf += '"'; i = j + 2; } else { i = j + 1; break; }
      }
      const next = line.indexOf(d, i);
      out.push(buf);
      if (next < 0) break;
      i = next + d.length;
    } else {
      const next = line.indexOf(d, i);
      if (next < 0) { out.push(line.slice(i).trim()); break; }
      out.push(line.slice(i, next).trim());
      i = next + d.length;
    }
  }
  return out;
}

/** ISO-8601, `YYYY-MM-DD HH:MM:SS` (UTC), optional ` UTC`, epoch seconds or ms → epoch ms. */
export function tableTimeToMs(s: string): number {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57 && /^\d+(\.\d+)?$/.test(s)) {
    const v = Number(s);
    // 1e11 s is the year 5138: anything larger is milliseconds.
    return v >= 1e11 ? Math.round(v) : Math.round(v * 1000);
  }
  const t = s.endsWith(' UTC') ? s.slice(0, -4) : s;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return NaN;
  return isoToMs(t);
}

export function createQueryTableParser(opts: ParseOptions): CountingLineParser {
  let delim: string | null = null;
  let idx: Record<Field, number> | null = null;
  let width = 0;
  let skipped = 0;
  const norm = makeNormalizers();

  function header(text: string, lineNo: number, sink: Sink): void {
    delim = detectDelimiter(text) ?? ',';
    const heads = splitRecord(text, delim).map((h) => h.replace(/^\uFEFF/, ''));
    width = heads.length;
    const sq = heads.map(squash);
    const map: Partial<Record<Field, number>> = {};
    for (const f of FIELDS) {
      const want = opts.map?.[f];
      if (want !== undefined) {
        const k = heads.findIndex((h) => h.toLowerCase() === want.toLowerCase());
        if (k < 0) sink.note(`column "${want}" (mapped to ${f}) is not in the header`);
        else map[f] = k;
      } else {
        const k = sq.findIndex((h) => KNOWN[f].includes(h));
        if (k >= 0 && !Object.values(map).includes(k)) map[f] = k;
      }
    }
    idx = { ts: -1, qname: -1, client: -1, qtype: -1, rcode: -1, server: -1, ...map };
    if (idx.qname < 0 || idx.ts < 0) sink.note(`header on line ${lineNo} has no ${idx.qname < 0 ? 'query-name' : 'timestamp'} column: every row will be rejected`);
    const dn = delim === '\t' ? 'tab' : delim;
    sink.note(`table: delimiter "${dn}", columns ${FIELDS.filter((f) => idx![f] >= 0).map((f) => `${f}=${heads[idx![f]]}`).join(', ')}`);
  }

  return {
    get skipped() { return skipped; },
    get merged() { return 0; },
    line(raw: string, lineNo: number, sink: Sink): void {
      const text = raw.length > 0 && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
      if (text.trim() === '' || text.charCodeAt(0) === 35 /* # comment */) { skipped++; return; }
      if (idx === null) { header(text, lineNo, sink); skipped++; return; }
      const ix = idx as Record<Field, number>;
      const f = splitRecord(text, delim!);
      if (f.length < width) { sink.reject(lineNo, `expected ${width} fields, found ${f.length}`); return; }
      const qraw = ix.qname < 0 ? '' : f[ix.qname];
      if (qraw === '') { sink.reject(lineNo, 'missing query name'); return; }
      const qname = norm.name(qraw);
      if (qname === null) { sink.reject(lineNo, `query is not a DNS name: ${qraw.slice(0, 80)}`); return; }
      const traw = ix.ts < 0 ? '' : f[ix.ts];
      const ts = traw === '' ? NaN : tableTimeToMs(traw);
      if (Number.isNaN(ts)) { sink.reject(lineNo, `bad or missing timestamp: ${traw.slice(0, 40)}`); return; }
      const e: DnsQueryEvent = { ts, qname, ref: lineNo };
      if (ix.client >= 0 && f[ix.client] !== '') {
        const ip = norm.ip(f[ix.client]);
        if (ip === null) { sink.reject(lineNo, `bad client address: ${f[ix.client].slice(0, 60)}`); return; }
        e.client = ip;
      }
      if (ix.server >= 0 && f[ix.server] !== '') {
        const ip = norm.ip(f[ix.server]);
        if (ip === null) { sink.reject(lineNo, `bad server address: ${f[ix.server].slice(0, 60)}`); return; }
        e.server = ip;
      }
      if (ix.qtype >= 0 && f[ix.qtype] !== '') e.qtype = f[ix.qtype].toUpperCase();
      if (ix.rcode >= 0 && f[ix.rcode] !== '') e.rcode = f[ix.rcode].toUpperCase();
      sink.query(e);
    },
    end(): void {},
  };
}
