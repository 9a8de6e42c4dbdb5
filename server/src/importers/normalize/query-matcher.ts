// Folds a DNS response into the query it answers, so one DnsQueryEvent carries both. Shared by
// the pcap and dnstap parsers. Pending queries live in an insertion-ordered Map: packets arrive
// (nearly) in time order, so expiry walks from the front and stops at the first young entry.
import type { DnsQueryEvent, Sink } from '../types.ts';
import type { DnsMessage } from './dns-message.ts';
import { isGroupAddress } from './dns-changes.ts';

/** A response more than this long after its query is not folded into it. */
export const MATCH_WINDOW_MS = 30_000;
/** Unanswered queries kept at most; beyond it the oldest are emitted without a response. */
export const MAX_PENDING_QUERIES = 100_000;

export interface Endpoints {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  proto?: 'udp' | 'tcp';
}

interface Pending {
  ev: DnsQueryEvent;
  at: number;
}


export interface QueryMatcher {
  /** Feed one decoded message; ts in epoch ms (NaN when unknown), ref = its record number. */
  message(msg: DnsMessage, ends: Endpoints, ts: number, ref: number, sink: Sink): void;
  /** Emit every pending query as unanswered. */
  flush(sink: Sink): void;
  readonly emitted: number;
  readonly folded: number;
}

export function createQueryMatcher(windowMs = MATCH_WINDOW_MS): QueryMatcher {
  const pending = new Map<string, Pending>();
  let emitted = 0;
  let folded = 0;

  const emit = (ev: DnsQueryEvent, sink: Sink): void => {
    emitted++;
    sink.query(ev);
  };

  const expire = (now: number, sink: Sink): void => {
    if (Number.isNaN(now)) return;
    for (const [k, p] of pending) {
      if (!(p.at < now - windowMs)) break;
      pending.delete(k);
      emit(p.ev, sink);
    }
  };

  return {
    get emitted() { return emitted; },
    get folded() { return folded; },
    message(msg, ends, ts, ref, sink) {
      expire(ts, sink);
      const proto = ends.proto ?? '';
      if (!msg.isResponse) {
        const key = `${ends.src}|${ends.srcPort}|${ends.dst}|${ends.dstPort}|${proto}|${msg.id}`;
        const old = pending.get(key);
        if (old) {
          // A retransmission (same ports and id): the earlier copy stays unanswered.
          pending.delete(key);
          emit(old.ev, sink);
        }
        const ev: DnsQueryEvent = { ts, qname: msg.qname, ref };
        if (ends.src) ev.client = ends.src;
        if (ends.dst) ev.server = ends.dst;
        if (msg.qtype !== undefined) ev.qtype = msg.qtype;
        if (ends.proto) ev.proto = ends.proto;
        pending.set(key, { ev, at: ts });
        if (pending.size > MAX_PENDING_QUERIES) {
          const [k0, p0] = pending.entries().next().value!;
          pending.delete(k0);
          emit(p0.ev, sink);
        }
        return;
      }
      const key = `${ends.dst}|${ends.dstPort}|${ends.src}|${ends.srcPort}|${proto}|${msg.id}`;
      const q = pending.get(key);
      if (q && (Number.isNaN(ts) || Number.isNaN(q.at) || (ts >= q.at - 1000 && ts - q.at <= windowMs))) {
        pending.delete(key);
        folded++;
        if (msg.rcode !== undefined) q.ev.rcode = msg.rcode;
        q.ev.answers = msg.answers;
        emit(q.ev, sink);
        return;
      }
      // A response whose query was not seen. Sent to a multicast group (mDNS announcements) it
      // answers nobody in particular, so no client is invented.
      const ev: DnsQueryEvent = { ts, qname: msg.qname, ref, answers: msg.answers };
      if (ends.dst && !isGroupAddress(ends.dst)) ev.client = ends.dst;
      if (ends.src) ev.server = ends.src;
      if (msg.qtype !== undefined) ev.qtype = msg.qtype;
      if (msg.rcode !== undefined) ev.rcode = msg.rcode;
      if (ends.proto) ev.proto = ends.proto;
      emit(ev, sink);
    },
    flush(sink) {
      for (const p of pending.values()) emit(p.ev, sink);
      pending.clear();
    },
  };
}
