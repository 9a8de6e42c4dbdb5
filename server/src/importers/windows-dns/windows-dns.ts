// Windows DNS Server: the debug log (PACKET lines, see debug-log-line.ts) and the analytical
// channel's events exported as JSON (Elastic/winlogbeat `winlog.event_data`, or EVTX-style
// `Event.EventData`). Lookups are counted where a client's query came in (debug log: Rcv, no R,
// opcode Q; analytical: 256 query received, 259 query ignored); the server's own forwarding and
// responses add names, response codes and (analytical PacketData) answers without counting twice.
import dnsPacket from 'dns-packet';
import type { DnsAnswer, DnsQueryEvent, LineParser, ParseOptions, Sink } from '../types.ts';
import { JsonAssembler, pathField, strField } from '../normalize/json-values.ts';
import { feedJsonLine, finishJsonLines } from '../normalize/json-lines.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { nameKey } from '../normalize/names.ts';
import { isoToMs } from '../normalize/time.ts';
import { rcodeName, textAnswer, typeName } from '../normalize/dns-codes.ts';
import { parseDebugLine, type DateState } from './debug-log-line.ts';

export interface WindowsDnsParser extends LineParser {
  readonly skipped: number;
  /** Lines that continued a record begun on an earlier line (pretty-printed JSON, XML). */
  readonly merged: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Analytical event ids (Microsoft-Windows-DNSServer/Analytical).
const QUERY_RECEIVED = 256, IGNORED_QUERY = 259;
// The header, and the first line of a "Details" packet dump (its other lines are indented).
const HEADER_LINE = /^(Log file wrap at|DNS Server log file creation at|Log file creation|Message logging key|(UDP|TCP) (question|response|request|packet) info at )/i;

/** Answers of a DNS message given as `0x…` hex; [] when it does not decode. */
function packetAnswers(hex: string, qname: string): DnsAnswer[] {
  const h = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!/^[0-9A-Fa-f]*$/.test(h) || h.length % 2) return [];
  let msg: dnsPacket.Packet;
  try { msg = dnsPacket.decode(Buffer.from(h, 'hex')); } catch { return []; }
  const out: DnsAnswer[] = [];
  for (const a of msg.answers ?? []) {
    const owner = nameKey(a.name ?? '') ?? qname;
    const data = (a as { data?: unknown }).data;
    let v: string | undefined;
    if (typeof data === 'string') v = data;
    else if (a.type === 'MX' && isObj(data)) v = String(data.exchange ?? '');
    else if (a.type === 'TXT' && Array.isArray(data)) v = data.map((x) => String(x)).join('');
    if (v === undefined) continue;
    const x = textAnswer(owner, a.type, v, (a as { ttl?: number }).ttl);
    if (x) out.push(x);
  }
  return out;
}

export function createWindowsDnsParser(opts: ParseOptions): WindowsDnsParser {
  void opts;
  const json = new JsonAssembler();
  const dates: DateState = { assumed: 0 };
  let skipped = 0, nonQuery = 0, otherLines = 0, packets = 0, rootNames = 0, ignored = 0;
  const otherEvents = new Map<string, number>();

  function fromEvent(o: Obj, ref: number, sink: Sink): void {
    if ('#notObject' in o) { sink.reject(ref, 'not a JSON object'); return; }
    const ev = isObj(o.Event) ? o.Event as Obj : o;
    const data = (pathField(ev, 'winlog.event_data') ?? ev.EventData ?? ev.event_data) as unknown;
    const codeRaw = pathField(ev, 'event.code') ?? pathField(ev, 'winlog.event_id') ?? pathField(ev, 'System.EventID') ?? ev.EventID;
    const code = Number(strField(codeRaw));
    if (!isObj(data)) { sink.reject(ref, 'no event data (winlog.event_data / EventData)'); return; }
    const qraw = strField(data.QNAME);
    if (qraw === undefined) {
      otherEvents.set(String(code), (otherEvents.get(String(code)) ?? 0) + 1);
      skipped++;
      return;
    }
    const qname = nameKey(qraw);
    if (qname === null) { sink.reject(ref, `QNAME is not a DNS name: ${qraw.slice(0, 80)}`); return; }
    const tRaw = strField(ev['@timestamp']) ?? strField(pathField(ev, 'winlog.time_created')) ?? strField(pathField(ev, 'System.TimeCreated.#attributes.SystemTime'));
    const ts = tRaw === undefined ? NaN : isoToMs(tRaw);
    if (!Number.isFinite(ts)) { sink.reject(ref, 'missing or bad event time'); return; }
    const e: DnsQueryEvent = { ts, qname, ref };
    const qt = strField(data.QTYPE);
    if (qt !== undefined) e.qtype = typeName(qt);
    const rc = strField(data.RCODE);
    if (rc !== undefined) e.rcode = rcodeName(rc);
    if (strField(data.TCP) !== undefined) e.proto = data.TCP === '1' || data.TCP === 1 ? 'tcp' : 'udp';
    const srcRaw = strField(data.Source), dstRaw = strField(data.Destination);
    const src = srcRaw === undefined ? undefined : canonicalIp(srcRaw);
    const dst = dstRaw === undefined ? undefined : canonicalIp(dstRaw);
    if (src === null || dst === null) { sink.reject(ref, `bad address: ${String(src === null ? srcRaw : dstRaw).slice(0, 60)}`); return; }
    if (code === QUERY_RECEIVED || code === IGNORED_QUERY) {
      if (src === undefined) { sink.reject(ref, `event ${code} without Source`); return; }
      e.client = src;
      if (code === IGNORED_QUERY) ignored++;
    } else {
      const flags = Number(strField(data.Flags) ?? 0);
      const pd = strField(data.PacketData);
      // 0x8000 = QR: the packet is a response, so its answer section is worth reading.
      if (pd !== undefined && (flags & 0x8000) !== 0) e.answers = packetAnswers(pd, qname);
      if (src !== undefined) e.server = src;
    }
    sink.query(e);
  }

  return {
    get skipped() { return skipped; },
    get merged() { return json.merged; },
    line(text: string, lineNo: number, sink: Sink): void {
      const fed = feedJsonLine(json, text, lineNo, sink, fromEvent);
      if (fed === 'empty') skipped++;
      if (fed !== 'text') return;
      // Blank lines, the header and its TAB-indented key table, and "Details" packet dumps.
      if (text.trim() === '' || /^\s/.test(text) || HEADER_LINE.test(text)) { skipped++; return; }
      const d = parseDebugLine(text, dates);
      if (d.kind === 'none') { sink.reject(lineNo, 'not a Windows DNS debug log line'); return; }
      if (d.kind === 'bad') { sink.reject(lineNo, d.reason); return; }
      if (d.kind === 'other') { otherLines++; skipped++; return; }
      const p = d.packet;
      packets++;
      if (p.opcode !== 'Q') { nonQuery++; skipped++; return; }
      if (p.name === '') { rootNames++; skipped++; return; }
      const qname = nameKey(p.name);
      if (qname === null) { sink.reject(lineNo, `name is not a DNS name: ${p.name.slice(0, 80)}`); return; }
      const remote = canonicalIp(p.remote);
      if (remote === null) { sink.reject(lineNo, `bad remote address: ${p.remote.slice(0, 60)}`); return; }
      const e: DnsQueryEvent = { ts: p.ts, qname, qtype: p.qtype, proto: p.proto, ref: lineNo };
      if (!p.send && !p.response) e.client = remote; // a client's query reaching this server
      else if (p.send && !p.response) e.server = remote; // forwarded upstream
      if (p.response) e.rcode = p.rcode.toUpperCase();
      sink.query(e);
    },
    end(sink: Sink): void {
      finishJsonLines(json, sink);
      if (packets) sink.note('debug-log times are the server\'s local time (the log has no zone): taken as UTC');
      if (dates.assumed && !dates.order) sink.note(`day/month order never settled by a date (no part over 12): ${dates.assumed} date(s) read as ${'day first unless a 12-hour clock'}`);
      if (nonQuery) sink.note(`${nonQuery} packet(s) with opcode Notify/Update/unknown are not lookups: skipped`);
      if (rootNames) sink.note(`${rootNames} packet(s) for the root name skipped`);
      if (otherLines) sink.note(`${otherLines} dated non-PACKET line(s) skipped`);
      if (ignored) sink.note(`${ignored} query(ies) ignored by server policy (event 259) counted as lookups`);
      if (otherEvents.size) sink.note(`${[...otherEvents.values()].reduce((a, b) => a + b, 0)} event(s) without QNAME skipped (ids ${[...otherEvents.keys()].join(', ')})`);
    },
  };
}
