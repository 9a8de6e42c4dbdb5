// Test helper: a Sink that records everything, and drivers that feed bytes in chunks of a
// chosen size (to exercise the parsers' incremental framing) or text line by line.
import type { ByteParser, DnsQueryEvent, LineParser, PassiveDnsRecord, Sink } from '../../../../server/src/importers/types.ts';

export interface Collected {
  events: DnsQueryEvent[];
  passive: PassiveDnsRecord[];
  rejects: { ref: number; reason: string }[];
  notes: string[];
  sink: Sink;
}

export function collector(): Collected {
  const c: Collected = {
    events: [], passive: [], rejects: [], notes: [],
    sink: {
      query: (e) => { c.events.push(e); },
      passive: (r) => { c.passive.push(r); },
      entity: () => { throw new Error('unexpected entity'); },
      edge: () => { throw new Error('unexpected edge'); },
      reject: (ref, reason) => { c.rejects.push({ ref, reason }); },
      note: (m) => { c.notes.push(m); },
    },
  };
  return c;
}

export function feedBytes(p: ByteParser, buf: Buffer, chunk = 65536): Collected {
  const c = collector();
  for (let i = 0; i < buf.length; i += chunk) p.chunk(buf.subarray(i, i + chunk), c.sink);
  p.end(c.sink);
  return c;
}

export function feedLines(p: LineParser, text: string): Collected {
  const c = collector();
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => p.line(l, i + 1, c.sink));
  p.end(c.sink);
  return c;
}
