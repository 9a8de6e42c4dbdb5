// IPv4/IPv6 fragment reassembly with bounded memory: at most MAX_DATAGRAMS datagrams and
// MAX_BYTES bytes pending, each for at most TIMEOUT_MS of capture time. What is dropped is
// rejected with the record number of its first fragment, so nothing disappears silently.
import type { Sink } from '../types.ts';
import type { IpFragment } from './ip-packet.ts';

export const FRAG_TIMEOUT_MS = 30_000;
export const FRAG_MAX_DATAGRAMS = 1024;
export const FRAG_MAX_BYTES = 16 << 20;
const MAX_DATAGRAM = 65_535;

interface Piece { offset: number; data: Buffer }
interface Datagram {
  pieces: Piece[];
  total: number; // -1 until the last fragment is seen
  bytes: number;
  firstRef: number;
  count: number;
  at: number;
  proto: number;
}

export interface Reassembled { payload: Buffer; proto: number }

export interface Reassembler {
  /** Add a fragment; returns the whole payload when this fragment completes it. */
  add(f: IpFragment, data: Buffer, ts: number, ref: number, sink: Sink): Reassembled | null;
  /** Drop datagrams older than the timeout, measured against this packet time. */
  expire(ts: number, sink: Sink): void;
  /** Reject everything still pending. */
  flush(sink: Sink): void;
  readonly dropped: number;
}

export function createReassembler(): Reassembler {
  const pending = new Map<string, Datagram>();
  let bytes = 0;
  let dropped = 0;

  const drop = (key: string, d: Datagram, why: string, sink: Sink): void => {
    pending.delete(key);
    bytes -= d.bytes;
    dropped++;
    sink.reject(d.firstRef, `IP datagram dropped: ${why} (${d.count} fragment${d.count === 1 ? '' : 's'}, ${d.bytes} bytes held)`);
  };

  return {
    get dropped() { return dropped; },
    expire(ts, sink) {
      if (Number.isNaN(ts) || pending.size === 0) return;
      for (const [k, d] of pending) {
        if (!(d.at < ts - FRAG_TIMEOUT_MS)) break;
        drop(k, d, `reassembly incomplete after ${FRAG_TIMEOUT_MS / 1000} s`, sink);
      }
    },
    add(f, data, ts, ref, sink) {
      let d = pending.get(f.key);
      if (!d) {
        d = { pieces: [], total: -1, bytes: 0, firstRef: ref, count: 0, at: ts, proto: f.proto };
        pending.set(f.key, d);
      }
      d.count++;
      const end = f.offset + data.length;
      if (end > MAX_DATAGRAM) {
        drop(f.key, d, 'fragments extend past 65535 bytes', sink);
        return null;
      }
      if (!f.more) {
        if (d.total >= 0 && d.total !== end) {
          drop(f.key, d, 'two different last fragments', sink);
          return null;
        }
        d.total = end;
      }
      if (f.offset === 0) d.proto = f.proto;
      // Overlapping fragments are an evasion technique (RFC 5722): refuse the datagram.
      for (const p of d.pieces) {
        if (f.offset < p.offset + p.data.length && p.offset < end) {
          drop(f.key, d, 'overlapping fragments', sink);
          return null;
        }
      }
      d.pieces.push({ offset: f.offset, data: Buffer.from(data) });
      d.bytes += data.length;
      bytes += data.length;
      while (bytes > FRAG_MAX_BYTES || pending.size > FRAG_MAX_DATAGRAMS) {
        const [k0, d0] = pending.entries().next().value!;
        drop(k0, d0, 'reassembly buffers full', sink);
        if (k0 === f.key) return null;
      }
      if (d.total < 0 || d.bytes < d.total) return null;
      if (d.bytes > d.total || d.pieces.some((p) => p.offset + p.data.length > d.total)) {
        drop(f.key, d, 'fragments extend past the last fragment', sink);
        return null;
      }
      // No overlaps and the byte count equals the total, so the pieces tile 0..total exactly.
      pending.delete(f.key);
      bytes -= d.bytes;
      const out = Buffer.alloc(d.total);
      for (const p of d.pieces) p.data.copy(out, p.offset);
      return { payload: out, proto: d.proto };
    },
    flush(sink) {
      for (const [k, d] of pending) drop(k, d, 'capture ended before the datagram was complete', sink);
    },
  };
}
