// Passive-DNS exports → PassiveDnsRecords. Accepts, line by line:
//  - NDJSON records: CIRCL/COF (rdata array, epoch times) and Farsight DNSDB v1/v2 (trailing
//    dots, rdata string or list, time_* or zone_time_*, bailiwick, raw_rdata);
//  - the DNSDB v2 SAF wrapper ({"cond":"begin"}, {"obj":{...}}, {"cond":"succeeded"|"limited"|
//    "failed"}): objects are unwrapped and the parser stops at the terminal cond; a stream without
//    one was cut short, which a note says;
//  - pretty-printed JSON spanning lines (an array of records, or a wrapper object such as
//    {"input":[...],"output":[...]}).
// Pretty-printed documents are buffered whole and parsed with JSON.parse, bounded by
// MAX_DOCUMENT_BYTES. stream-json was considered: it is a Node Transform stream whose output
// events are not guaranteed to fire inside the synchronous line() call this interface needs, and
// such documents are API responses (DNSDB caps them at its result limit), not bulk exports,
// which come as NDJSON and never buffer here.
import type { LineParser, ParseOptions, PassiveDnsRecord, Sink } from '../types.ts';
import { nameKey } from '../normalize/names.ts';
import { isoToMs } from '../normalize/time.ts';
import { normalizeRdata } from './rdata.ts';
import { scanDepth, type DepthState } from './json-depth.ts';

export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const SAF_TERMINAL = new Set(['succeeded', 'limited', 'failed']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Epoch seconds (number or numeric text) or ISO-8601 text → epoch ms. */
function timeMs(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.floor(v * 1000) : NaN;
  if (typeof v !== 'string' || v === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.floor(Number(v) * 1000);
  return isoToMs(v);
}

function pick(a: number, b: number, f: (x: number, y: number) => number): number | undefined {
  if (Number.isNaN(a)) return Number.isNaN(b) ? undefined : b;
  return Number.isNaN(b) ? a : f(a, b);
}

export interface PassiveDnsStats {
  records: number;
  rejected: number;
  summaries: number;
  skippedArrays: string[];
}

export interface PassiveDnsParser extends LineParser {
  stats(): PassiveDnsStats;
}

export function createPassiveDnsParser(opts: ParseOptions): PassiveDnsParser {
  let records = 0;
  let rejected = 0;
  let summaries = 0;
  const skippedArrays: string[] = [];
  // SAF state
  let safBegun = false;
  let safDone = false;
  let afterTerminal = 0;
  // pretty-printed document state
  let doc: string[] | null = null;
  let docBytes = 0;
  let docStart = 0;
  let docTooBig = false;
  const depth: DepthState = { depth: 0, inString: false, escaped: false };

  const reject = (sink: Sink, ref: number, why: string): void => {
    rejected++;
    sink.reject(ref, why);
  };

  function record(o: Obj, ref: number, sink: Sink): void {
    const rawName = o.rrname;
    if (typeof rawName !== 'string') return reject(sink, ref, 'passive-DNS object without rrname');
    const rrname = nameKey(rawName);
    if (rrname === null) return reject(sink, ref, `rrname is not a host name: ${JSON.stringify(rawName.slice(0, 80))}`);
    const rrtype = typeof o.rrtype === 'string' ? o.rrtype.trim().toUpperCase() : '';
    if (!rrtype) return reject(sink, ref, `record for ${rrname} without rrtype`);
    const list = Array.isArray(o.rdata) ? o.rdata : o.rdata === undefined || o.rdata === null ? [] : [o.rdata];
    const rdata: string[] = [];
    const bad: string[] = [];
    for (const r of list) {
      const v = typeof r === 'string' ? normalizeRdata(rrtype, r) : null;
      if (v === null) bad.push(String(r));
      else if (!rdata.includes(v)) rdata.push(v);
    }
    if (!rdata.length) return reject(sink, ref, `${rrname} ${rrtype}: no usable rdata${bad.length ? ` (${bad.slice(0, 3).map((b) => JSON.stringify(b)).join(', ')})` : ''}`);
    if (bad.length) sink.note(`line ${ref}: ${rrname} ${rrtype}: ${bad.length} rdata value(s) unusable and dropped`);
    const rec: PassiveDnsRecord = { rrname, rrtype, rdata, ref };
    // Sensor times and zone-file times are both sightings; the record spans the union.
    const first = pick(timeMs(o.time_first), timeMs(o.zone_time_first), Math.min);
    const last = pick(timeMs(o.time_last), timeMs(o.zone_time_last), Math.max);
    if (first !== undefined) rec.firstSeen = first;
    if (last !== undefined) rec.lastSeen = last;
    if (typeof o.count === 'number' && Number.isFinite(o.count)) rec.count = o.count;
    if (typeof o.bailiwick === 'string') {
      const b = o.bailiwick.trim();
      const bk = b === '.' ? '.' : nameKey(b);
      if (bk) rec.bailiwick = bk;
    }
    records++;
    sink.passive(rec);
  }

  function value(v: unknown, ref: number, sink: Sink): void {
    if (Array.isArray(v)) {
      for (const x of v) value(x, ref, sink);
      return;
    }
    if (!isObj(v)) return reject(sink, ref, `expected a JSON object, got ${v === null ? 'null' : typeof v}`);
    if ('cond' in v || 'obj' in v) {
      if (isObj(v.obj)) value(v.obj, ref, sink);
      const cond = v.cond;
      if (cond === 'begin') safBegun = true;
      else if (typeof cond === 'string' && SAF_TERMINAL.has(cond)) {
        safDone = true;
        const msg = typeof v.msg === 'string' && v.msg ? `: ${v.msg}` : '';
        if (cond !== 'succeeded') sink.note(`line ${ref}: DNSDB stream ended "${cond}"${msg}; the export is incomplete`);
      }
      return;
    }
    if ('rrname' in v || 'rrtype' in v || 'rdata' in v) return record(v, ref, sink);
    if ('count' in v || 'num_results' in v) {
      // DNSDB summarize results count sightings but name no RRset.
      summaries++;
      return;
    }
    // A wrapper object: take the arrays that hold passive-DNS records. Arrays of anything else
    // (the Cisco fixture's "output": CTIM sightings derived from "input") would only duplicate them.
    let used = false;
    for (const [k, arr] of Object.entries(v)) {
      if (!Array.isArray(arr)) continue;
      if (arr.some((x) => isObj(x) && 'rrname' in x)) {
        value(arr, ref, sink);
        used = true;
      } else skippedArrays.push(k);
    }
    if (!used) reject(sink, ref, 'JSON object is neither a passive-DNS record nor a wrapper of records');
  }

  function parseDocument(text: string, ref: number, endLine: number, sink: Sink): void {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      return reject(sink, ref, `invalid JSON document (lines ${ref}-${endLine}): ${(err as Error).message}`);
    }
    value(v, ref, sink);
  }

  return {
    line(text, lineNo, sink) {
      if (doc !== null) {
        scanDepth(text, depth);
        if (!docTooBig) {
          docBytes += text.length + 1;
          if (docBytes > MAX_DOCUMENT_BYTES) {
            docTooBig = true;
            doc = [];
            reject(sink, docStart, `pretty-printed JSON document over ${MAX_DOCUMENT_BYTES >> 20} MB: not buffered; export as NDJSON (one record per line)`);
          } else doc.push(text);
        }
        if (depth.depth <= 0) {
          if (!docTooBig) parseDocument(doc.join('\n'), docStart, lineNo, sink);
          doc = null;
        }
        return;
      }
      const t = text.trim();
      if (t === '') return;
      if (safDone) {
        afterTerminal++;
        return;
      }
      let v: unknown;
      try {
        v = JSON.parse(t);
      } catch (err) {
        const first = t.charCodeAt(0);
        if (first === 123 || first === 91) {
          depth.depth = 0;
          depth.inString = false;
          depth.escaped = false;
          scanDepth(t, depth);
          if (depth.depth > 0) {
            doc = [t];
            docBytes = t.length + 1;
            docStart = lineNo;
            docTooBig = false;
            return;
          }
        }
        return reject(sink, lineNo, `invalid JSON: ${(err as Error).message}`);
      }
      value(v, lineNo, sink);
    },
    end(sink) {
      if (doc !== null) {
        reject(sink, docStart, 'JSON document not closed before the end of the file');
        doc = null;
      }
      const name = opts.fileName ? `${opts.fileName}: ` : '';
      if (safBegun && !safDone) sink.note(`${name}DNSDB stream has no terminal "cond" line: the export was cut short`);
      if (afterTerminal) sink.note(`${name}${afterTerminal} line(s) after the stream's terminal "cond" ignored`);
      if (summaries) sink.note(`${name}${summaries} summarize object(s) (count / num_results, no rrname) skipped`);
      if (skippedArrays.length) sink.note(`${name}arrays without passive-DNS records skipped: ${[...new Set(skippedArrays)].join(', ')}`);
      sink.note(`${name}${records} passive-DNS records, ${rejected} rejected`);
    },
    stats() {
      return { records, rejected, summaries, skippedArrays: [...skippedArrays] };
    },
  };
}
