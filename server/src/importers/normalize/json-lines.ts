// The line step shared by parsers of JSON-record logs (Route 53 Resolver, Suricata EVE, Windows
// DNS events, Sysmon): feed the line to a JsonAssembler, reject what does not parse, hand each
// record on. What a non-JSON line means differs by format, so that stays with the caller.
import type { Sink } from '../types.ts';
import type { JsonAssembler } from './json-values.ts';

/**
 * What became of a line: 'text' when it is not JSON and not inside a value (the caller reads it
 * as its own text form, a banner or a reject); 'empty' when it closed a value holding no records
 * (an empty array or wrapper: the caller counts it skipped); 'taken' otherwise.
 */
export type JsonLineOutcome = 'text' | 'empty' | 'taken';

export function feedJsonLine(
  json: JsonAssembler,
  text: string,
  lineNo: number,
  sink: Sink,
  onRecord: (value: Record<string, unknown>, line: number, sink: Sink) => void,
): JsonLineOutcome {
  const r = json.feed(text, lineNo);
  if (r.kind === 'text') return 'text';
  if (r.kind === 'pending') return 'taken';
  if (r.kind === 'error') { sink.reject(r.line, r.reason); return 'taken'; }
  for (const x of r.records) onRecord(x.value, x.line, sink);
  return r.records.length === 0 ? 'empty' : 'taken';
}

/** At end of input: a value still open is a reject at the line it started on. */
export function finishJsonLines(json: JsonAssembler, sink: Sink): void {
  const r = json.finish();
  if (r?.kind === 'error') sink.reject(r.line, r.reason);
}
