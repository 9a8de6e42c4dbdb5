// The one recording Sink of the parser tests, and drivers that feed a parser the way the importer
// does: text split on LF (no trailing empty line after a final newline), bytes in chunks of a
// chosen size (to exercise incremental framing).
import { readFileSync } from 'node:fs';
import type { ByteParser, DnsQueryEvent, EdgeRow, EntityRow, LineParser, PassiveDnsRecord, Sink } from '../../server/src/importers/types.ts';

export interface Collected {
  events: DnsQueryEvent[];
  passive: PassiveDnsRecord[];
  entities: EntityRow[];
  edges: EdgeRow[];
  rejects: { ref: number; reason: string }[];
  notes: string[];
  /** Lines fed (text drivers only). */
  lines: number;
  sink: Sink;
}

/**
 * Output a parser family must never produce: the sink throws on it, so a lookup-log parser that
 * starts emitting entities fails its tests instead of having them dropped unseen.
 */
export type Unexpected = readonly ('passive' | 'entity' | 'edge')[];

export function collector(unexpected: Unexpected = []): Collected {
  const refuse = (what: string) => () => { throw new Error(`unexpected ${what}`); };
  const c: Collected = {
    events: [], passive: [], entities: [], edges: [], rejects: [], notes: [], lines: 0,
    sink: {
      query: (e) => { c.events.push(e); },
      passive: unexpected.includes('passive') ? refuse('passive record') : (r) => { c.passive.push(r); },
      entity: unexpected.includes('entity') ? refuse('entity') : (e) => { c.entities.push(e); },
      edge: unexpected.includes('edge') ? refuse('edge') : (e) => { c.edges.push(e); },
      reject: (ref, reason) => { c.rejects.push({ ref, reason }); },
      note: (m) => { c.notes.push(m); },
    },
  };
  return c;
}

export function feedLines(parser: LineParser, text: string, unexpected: Unexpected = []): Collected {
  const c = collector(unexpected);
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => parser.line(l, i + 1, c.sink));
  parser.end(c.sink);
  c.lines = lines.length;
  return c;
}

export function feedFile(parser: LineParser, file: string, unexpected: Unexpected = []): Collected {
  return feedLines(parser, readFileSync(file, 'utf8'), unexpected);
}

export function feedBytes(p: ByteParser, buf: Buffer, chunk = 65536): Collected {
  const c = collector();
  for (let i = 0; i < buf.length; i += chunk) p.chunk(buf.subarray(i, i + chunk), c.sink);
  p.end(c.sink);
  return c;
}
