// Test helper for the security-sensor, server and cloud DNS formats: a Sink that records queries,
// entities, edges, rejects and notes, fed line by line as the importer feeds it (split on LF).
import { readFileSync } from 'node:fs';
import type { DnsQueryEvent, EdgeRow, EntityRow, LineParser, Sink } from '../../../server/src/importers/types.ts';

export interface Collected {
  events: DnsQueryEvent[];
  entities: EntityRow[];
  edges: EdgeRow[];
  rejects: { ref: number; reason: string }[];
  notes: string[];
  lines: number;
}

export function feed(parser: LineParser, text: string): Collected {
  const c: Collected = { events: [], entities: [], edges: [], rejects: [], notes: [], lines: 0 };
  const sink: Sink = {
    query: (e) => { c.events.push(e); },
    passive: () => { throw new Error('unexpected passive record'); },
    entity: (e) => { c.entities.push(e); },
    edge: (e) => { c.edges.push(e); },
    reject: (ref, reason) => { c.rejects.push({ ref, reason }); },
    note: (m) => { c.notes.push(m); },
  };
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => parser.line(l, i + 1, sink));
  parser.end(sink);
  c.lines = lines.length;
  return c;
}

export function feedFile(parser: LineParser, file: string): Collected {
  return feed(parser, readFileSync(file, 'utf8'));
}

/** Lookups a set of events stands for (what the aggregator counts: events with a client, times their count). */
export function lookups(events: DnsQueryEvent[]): number {
  return events.reduce((n, e) => n + (e.client !== undefined ? e.count ?? 1 : 0), 0);
}
