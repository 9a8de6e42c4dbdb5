// Registry-parser tests record through the shared sink (test/support/recording-sink.ts). Helpers
// here reduce the output to sorted, de-duplicated lists (the pipeline MERGEs, so repeats are not
// facts of their own).
import type { EdgeRow } from '../../../server/src/importers/types.ts';
import type { NodeKind } from '../../../server/src/model/index.ts';
import { collector, type Collected } from '../../support/recording-sink.ts';

export { collector, type Collected };

export function keys(c: Collected, kind: NodeKind): string[] {
  return [...new Set(c.entities.filter((e) => e.kind === kind).map((e) => e.key))].sort();
}

export function triples(c: Collected): string[] {
  return [...new Set(c.edges.map((e) => `${e.type} ${e.from.kind}:${e.from.key} -> ${e.to.kind}:${e.to.key}`))].sort();
}

/** Props of an entity, merged over its repeats in emission order (as MERGE + SET would). */
export function props(c: Collected, kind: NodeKind, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of c.entities) if (e.kind === kind && e.key === key) Object.assign(out, e.props ?? {});
  return out;
}

export function edgesOf(c: Collected, type: string, fromKey?: string, toKey?: string): EdgeRow[] {
  return c.edges.filter((e) => e.type === type && (fromKey === undefined || e.from.key === fromKey) && (toKey === undefined || e.to.key === toKey));
}

export function kinds(c: Collected): string[] {
  return [...new Set(c.entities.map((e) => e.kind))].sort();
}
