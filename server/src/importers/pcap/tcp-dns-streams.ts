// DNS over TCP (RFC 1035 4.2.2 / RFC 7766): each message is preceded by a 2-byte length. Each
// direction of a flow is followed in sequence order; a gap (a segment lost or out of order) means
// message boundaries are lost, so the partial message is rejected and the direction is ignored
// until a new SYN. Retransmissions of bytes already seen are skipped.
import type { Sink } from '../types.ts';

export const MAX_TCP_FLOWS = 10_000;
export const TCP_IDLE_MS = 300_000;

interface Flow {
  next: number; // next expected sequence number (uint32)
  buf: Buffer;
  lost: boolean;
  at: number;
  ref: number; // record that started the partial message
}

export interface TcpSegment {
  key: string; // src|sport|dst|dport
  seq: number;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  payload: Buffer;
}

export type SegmentOutcome = 'control' | 'retransmission' | 'buffered' | 'rejected' | 'messages';

export interface TcpDnsStreams {
  /** Feeds one segment; complete messages are passed to onMessage. */
  segment(s: TcpSegment, ts: number, ref: number, sink: Sink, onMessage: (msg: Buffer) => void): SegmentOutcome;
  flush(sink: Sink): void;
}

export function createTcpDnsStreams(): TcpDnsStreams {
  const flows = new Map<string, Flow>();

  const abandon = (f: Flow, why: string, sink: Sink): void => {
    if (f.buf.length) sink.reject(f.ref, `DNS-over-TCP message dropped: ${why} (${f.buf.length} bytes buffered)`);
    f.buf = Buffer.alloc(0);
  };

  const close = (key: string, f: Flow, why: string, sink: Sink): void => {
    abandon(f, why, sink);
    flows.delete(key);
  };

  return {
    segment(s, ts, ref, sink, onMessage) {
      if (!Number.isNaN(ts)) {
        for (const [k, old] of flows) {
          if (!(old.at < ts - TCP_IDLE_MS)) break;
          close(k, old, 'flow idle too long', sink);
        }
      }
      let f = flows.get(s.key);
      // Data carried in a SYN (TCP Fast Open) starts after the SYN's own sequence number.
      const seq = s.syn ? (s.seq + 1) >>> 0 : s.seq;
      if (s.syn) {
        if (f) close(s.key, f, 'connection restarted', sink);
        f = { next: (s.seq + 1) >>> 0, buf: Buffer.alloc(0), lost: false, at: ts, ref };
        flows.set(s.key, f);
        if (!s.payload.length) return 'control';
      }
      if (!s.payload.length) {
        if (f && (s.fin || s.rst)) close(s.key, f, s.rst ? 'connection reset inside a message' : 'connection closed inside a message', sink);
        return 'control';
      }
      if (!f) {
        // Capture started mid-connection: assume a message boundary here; a wrong guess fails to decode.
        f = { next: seq, buf: Buffer.alloc(0), lost: false, at: ts, ref };
        flows.set(s.key, f);
        if (flows.size > MAX_TCP_FLOWS) {
          const [k0, f0] = flows.entries().next().value!;
          close(k0, f0, 'too many open TCP flows', sink);
        }
      }
      // Keep the most recently used flows at the end of the Map, so eviction takes idle ones.
      flows.delete(s.key);
      flows.set(s.key, f);
      f.at = ts;
      if (f.lost) {
        sink.reject(ref, 'DNS-over-TCP segment after a gap in the stream: message boundaries unknown');
        return 'rejected';
      }
      let data = s.payload;
      const delta = (seq - f.next) | 0; // signed distance, modulo 2^32
      if (delta > 0) {
        abandon(f, `missing or out-of-order segment (${delta} bytes absent)`, sink);
        f.lost = true;
        sink.reject(ref, `DNS-over-TCP segment out of order or after missing data (${delta} bytes absent)`);
        return 'rejected';
      }
      if (delta < 0) {
        if (-delta >= data.length) return 'retransmission';
        data = data.subarray(-delta);
      }
      f.next = (f.next + data.length) >>> 0;
      if (!f.buf.length) f.ref = ref;
      f.buf = f.buf.length ? Buffer.concat([f.buf, data]) : Buffer.from(data);
      let off = 0;
      let n = 0;
      while (f.buf.length - off >= 2) {
        const len = f.buf.readUInt16BE(off);
        if (f.buf.length - off - 2 < len) break;
        onMessage(f.buf.subarray(off + 2, off + 2 + len));
        off += 2 + len;
        n++;
      }
      if (off) {
        f.buf = f.buf.subarray(off);
        if (f.buf.length) f.ref = ref;
      }
      if (s.fin || s.rst) close(s.key, f, 'connection closed inside a message', sink);
      return n ? 'messages' : 'buffered';
    },
    flush(sink) {
      for (const [k, f] of flows) close(k, f, 'capture ended inside a message', sink);
    },
  };
}
