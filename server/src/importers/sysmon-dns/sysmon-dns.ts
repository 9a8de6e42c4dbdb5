// Sysmon event 22 (DnsQuery): which program on which computer looked a name up. Each event is a
// DNS record (name, status, answers; no client address) plus endpoint facts: a Process node
// (key: computer + ProcessGuid) that RUNS_ON the computer's Host node and LOOKED_UP the name,
// aggregated per pair (count and first/last time) and written once at end().
import type { DnsQueryEvent, EdgeRow, LineParser, ParseOptions, Sink } from '../types.ts';
import type { PropValue } from '../../model/index.ts';
import { JsonAssembler } from '../normalize/json-values.ts';
import { feedJsonLine, finishJsonLines } from '../normalize/json-lines.ts';
import { nameKey } from '../normalize/names.ts';
import { isoToMs, msToIso } from '../normalize/time.ts';
import { chainAnswers } from '../normalize/dns-codes.ts';
import { fieldsFromJson, fieldsFromXml, type SysmonFields } from './sysmon-events.ts';

export interface SysmonDnsParser extends LineParser {
  readonly skipped: number;
  /** Lines that continued a record begun on an earlier line (pretty-printed JSON, XML). */
  readonly merged: number;
}

// Win32 DNS status codes (winerror.h) as response codes; 9501 "no records" is an empty NOERROR.
const STATUS: Record<number, string> = { 0: 'NOERROR', 9001: 'FORMERR', 9002: 'SERVFAIL', 9003: 'NXDOMAIN', 9004: 'NOTIMP', 9005: 'REFUSED', 9501: 'NOERROR' };

const XML_START = /<Event[\s>]/;
const XML_END = '</Event>';

interface Seen { first: number; last: number; ref: number; count: number }
interface ProcInfo extends Seen { props: Record<string, PropValue>; host?: string }

/** `type: 5 x.example.com;::ffff:1.2.3.4;` → typed values in order. */
export function parseQueryResults(s: string): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  for (const part of s.split(';')) {
    const p = part.trim();
    if (p === '' || p === '-') continue;
    const m = /^type:\s+(\d+)\s+(.*)$/.exec(p);
    if (m) { out.push({ type: m[1] === '5' ? 'CNAME' : `TYPE${m[1]}`, value: m[2].trim() }); continue; }
    out.push({ type: p.includes(':') && !p.startsWith('::ffff:') ? 'AAAA' : 'A', value: p });
  }
  return out;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function createSysmonDnsParser(opts: ParseOptions): SysmonDnsParser {
  void opts;
  const json = new JsonAssembler();
  let skipped = 0, badResults = 0;
  const otherIds = new Map<string, number>();
  let xmlBuf = '';
  let xmlStart = 0;
  let xmlMerged = 0;
  const procs = new Map<string, ProcInfo>();
  const lookedUp = new Map<string, Seen & { proc: string; host: string; statuses: Set<string> }>();

  function record(f: SysmonFields | null, ref: number, sink: Sink): void {
    if (f === null) { sink.reject(ref, 'not a Windows event (no Event, winlog or EventData)'); return; }
    if (f.eventId !== 22) { const k = String(f.eventId ?? 'none'); otherIds.set(k, (otherIds.get(k) ?? 0) + 1); skipped++; return; }
    const d = f.data;
    const qraw = d.QueryName;
    if (!qraw) { sink.reject(ref, 'event 22 without QueryName'); return; }
    const qname = nameKey(qraw);
    if (qname === null) { sink.reject(ref, `QueryName is not a DNS name: ${qraw.slice(0, 80)}`); return; }
    // UtcTime is when the query happened; TimeCreated when the event was written (can be days later).
    const ts = d.UtcTime ? isoToMs(d.UtcTime) : f.systemTime ? isoToMs(f.systemTime) : NaN;
    if (!Number.isFinite(ts)) { sink.reject(ref, 'missing or bad UtcTime'); return; }
    const e: DnsQueryEvent = { ts, qname, ref };
    const st = d.QueryStatus === undefined || d.QueryStatus === '' ? undefined : Number(d.QueryStatus);
    if (st !== undefined) {
      if (!Number.isInteger(st)) { sink.reject(ref, `bad QueryStatus: ${d.QueryStatus.slice(0, 20)}`); return; }
      e.rcode = STATUS[st] ?? `STATUS${st}`;
    }
    if (d.QueryResults) {
      const { answers, bad } = chainAnswers(qname, parseQueryResults(d.QueryResults));
      badResults += bad;
      e.answers = answers;
    }
    sink.query(e);

    const computer = f.computer ? nameKey(f.computer) ?? undefined : undefined;
    const guid = (d.ProcessGuid ?? '').replace(/[{}]/g, '').toLowerCase();
    const pid = d.ProcessId ?? '';
    const image = d.Image && d.Image !== '-' ? d.Image : '';
    if (!guid && !pid && !image) return;
    // ProcessGuid names one process instance; PIDs are reused, so without a GUID the image is part of the key.
    const pkey = `${computer ?? 'unknown-computer'}:${guid || `pid-${pid}-${basename(image).toLowerCase()}`}`;
    let p = procs.get(pkey);
    if (!p) {
      const props: Record<string, PropValue> = { name: image ? basename(image) : `pid ${pid}` };
      if (image) props.image = image;
      if (pid !== '' && Number.isInteger(Number(pid))) props.pid = Number(pid);
      if (guid) props.processGuid = guid;
      if (f.computer) props.computer = f.computer;
      if (d.User && d.User !== '-') props.user = d.User;
      procs.set(pkey, (p = { first: ts, last: ts, ref, count: 0, props, host: computer }));
    }
    p.count++;
    if (ts < p.first) { p.first = ts; p.ref = ref; }
    if (ts > p.last) p.last = ts;
    const lk = `${pkey}\t${qname}`;
    let l = lookedUp.get(lk);
    if (!l) lookedUp.set(lk, (l = { first: ts, last: ts, ref, count: 0, proc: pkey, host: qname, statuses: new Set() }));
    l.count++;
    if (ts < l.first) { l.first = ts; l.ref = ref; }
    if (ts > l.last) l.last = ts;
    if (e.rcode) l.statuses.add(e.rcode);
  }

  function xmlLine(text: string, lineNo: number, sink: Sink): boolean {
    if (!xmlBuf && !XML_START.test(text)) return false;
    if (!xmlBuf) xmlStart = lineNo; else xmlMerged++;
    xmlBuf += (xmlBuf ? '\n' : '') + text;
    for (;;) {
      const s = xmlBuf.search(XML_START);
      if (s < 0) { xmlBuf = ''; break; }
      const end = xmlBuf.indexOf(XML_END, s);
      if (end < 0) { xmlBuf = xmlBuf.slice(s); break; }
      const one = xmlBuf.slice(s, end + XML_END.length);
      xmlBuf = xmlBuf.slice(end + XML_END.length);
      let f: SysmonFields | null = null;
      let err = '';
      try { f = fieldsFromXml(one); } catch (x) { err = String((x as Error).message); }
      if (err) sink.reject(xmlStart, `malformed event XML: ${err.slice(0, 80)}`);
      else record(f, xmlStart, sink);
      xmlStart = lineNo;
      if (!XML_START.test(xmlBuf)) { xmlBuf = ''; break; }
    }
    return true;
  }

  return {
    get skipped() { return skipped; },
    get merged() { return json.merged + xmlMerged; },
    line(text: string, lineNo: number, sink: Sink): void {
      if (!xmlBuf) {
        const fed = feedJsonLine(json, text, lineNo, sink, (v, line) => record('#notObject' in v ? null : fieldsFromJson(v), line, sink));
        if (fed === 'empty') skipped++;
        if (fed !== 'text') return;
      }
      if (xmlLine(text, lineNo, sink)) return;
      const t = text.trim();
      // XML declaration and the <Events> wrapper of an exported log; blank lines.
      if (t === '' || /^<\?xml/.test(t) || /^<\/?Events\b/.test(t)) { skipped++; return; }
      sink.reject(lineNo, 'not a Sysmon event (JSON or XML)');
    },
    end(sink: Sink): void {
      finishJsonLines(json, sink);
      if (xmlBuf) sink.reject(xmlStart, 'event XML not terminated at end of file');
      for (const [key, p] of procs) {
        sink.entity({ kind: 'Process', key, props: p.props });
        if (p.host) {
          sink.entity({ kind: 'Host', key: p.host });
          sink.edge({ type: 'RUNS_ON', from: { kind: 'Process', key }, to: { kind: 'Host', key: p.host }, ref: p.ref, ...interval(p) });
        }
      }
      for (const l of lookedUp.values()) {
        const edge: EdgeRow = {
          type: 'LOOKED_UP', from: { kind: 'Process', key: l.proc }, to: { kind: 'Host', key: l.host }, ref: l.ref, ...interval(l),
          props: { count: l.count, statuses: [...l.statuses].sort() },
        };
        sink.edge(edge);
      }
      if (badResults) sink.note(`${badResults} QueryResults value(s) were not addresses or names and were dropped`);
      if (otherIds.size) sink.note(`${[...otherIds.values()].reduce((a, b) => a + b, 0)} event(s) other than Sysmon 22 skipped (ids ${[...otherIds.keys()].join(', ')})`);
    },
  };
}

function interval(s: Seen): { validFrom?: string; validTo?: string } {
  return Number.isFinite(s.first) ? { validFrom: msToIso(s.first), validTo: msToIso(s.last) } : {};
}
