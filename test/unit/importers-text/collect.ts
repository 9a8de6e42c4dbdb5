// Test helper: a Sink that records everything, and a driver that feeds a text line by line the way
// the importer does (split on LF, no trailing empty line after a final newline).
import { readFileSync } from 'node:fs';
import type { DnsQueryEvent, LineParser, Sink } from '../../../server/src/importers/types.ts';

export interface Collected {
  events: DnsQueryEvent[];
  rejects: { ref: number; reason: string }[];
  notes: string[];
  lines: number;
  sink: Sink;
}

export function collector(): Collected {
  const c: Collected = {
    events: [], rejects: [], notes: [], lines: 0,
    sink: {
      query: (e) => { c.events.push(e); },
      passive: () => { throw new Error('unexpected passive record'); },
      entity: () => { throw new Error('unexpected entity'); },
      edge: () => { throw new Error('unexpected edge'); },
      reject: (ref, reason) => { c.rejects.push({ ref, reason }); },
      note: (m) => { c.notes.push(m); },
    },
  };
  return c;
}

export function feed(parser: LineParser, text: string): Collected {
  const c = collector();
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => parser.line(l, i + 1, c.sink));
  parser.end(c.sink);
  c.lines = lines.length;
  return c;
}

export function feedFile(parser: LineParser, file: string): Collected {
  return feed(parser, readFileSync(file, 'utf8'));
}

export function summary(c: Collected) {
  return {
    events: c.events.length,
    clients: new Set(c.events.map((e) => e.client).filter(Boolean)).size,
    qnames: new Set(c.events.map((e) => e.qname)).size,
    answers: c.events.reduce((n, e) => n + (e.answers?.length ?? 0), 0),
    rejects: c.rejects.length,
  };
}

export function byRef(c: Collected, ref: number): DnsQueryEvent {
  const e = c.events.find((x) => x.ref === ref);
  if (!e) throw new Error(`no event for line ${ref}`);
  return e;
}
