// Test helper: a Sink that records everything, and drivers that feed bytes in chunks of a
// chosen size (to exercise the parsers' incremental framing) or text line by line.
import type { ByteParser, DnsQueryEvent, EdgeRow, EntityRow, LineParser, PassiveDnsRecord, Sink } from '../../../../server/src/importers/types.ts';

export interface Collected {
  events: DnsQueryEvent[];
  passive: PassiveDnsRecord[];
  /** Facts that are not lookups (UPDATED / NOTIFIED / ANNOUNCED and their nodes). */
  entities: EntityRow[];
  edges: EdgeRow[];
  rejects: { ref: number; reason: string }[];
  notes: string[];
  sink: Sink;
}

export function collector(): Collected {
  const c: Collected = {
    events: [], passive: [], entities: [], edges: [], rejects: [], notes: [],
    sink: {
      query: (e) => { c.events.push(e); },
      passive: (r) => { c.passive.push(r); },
      entity: (e) => { c.entities.push(e); },
      edge: (e) => { c.edges.push(e); },
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
