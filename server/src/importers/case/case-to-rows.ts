// The entity/relationship part of a case file as graph rows. One EdgeRow per (relationship,
// cited source): two reports of the same fact stay two provenance records with their own
// confidence, and a [U] source never borrows the confidence of an [S] one.
import type { EdgeRow, EntityRow } from '../types.ts';
import type { PropValue } from '../../model/index.ts';
import type { CaseFile } from './case-model.ts';
import { periodEnd } from './case-dates.ts';

export function caseToRows(cf: CaseFile): { entities: EntityRow[]; edges: EdgeRow[] } {
  const entities: EntityRow[] = cf.entities.map((e) => {
    const props: Record<string, PropValue> = { ...e.props, name: e.name };
    if (e.aliases.length > 0) props.aliases = e.aliases;
    if (e.notes !== undefined) props.notes = e.notes;
    if (e.sources.length > 0) {
      props.sources = e.sources.map((s) => s.source);
      props.confidence = Math.max(...e.sources.map((s) => s.confidence));
    }
    props.caseId = cf.case.id;
    return { kind: e.kind, key: e.key, props };
  });

  const edges: EdgeRow[] = [];
  for (const r of cf.relationships) {
    for (const s of r.sources) {
      const props: Record<string, PropValue> = { source: s.source, caseId: cf.case.id };
      if (s.ref !== undefined) props.sourceRef = s.ref;
      if (r.id !== undefined) props.relId = r.id;
      if (r.notes !== undefined) props.notes = r.notes;
      if (r.validFrom) props.validFromPrecision = r.validFrom.precision;
      if (r.validTo) props.validToPrecision = r.validTo.precision;
      if (r.asOf) {
        props.asOf = r.asOf.iso;
        props.asOfPrecision = r.asOf.precision;
      }
      edges.push({
        type: r.type,
        from: { kind: r.from.kind, key: r.from.key },
        to: { kind: r.to.kind, key: r.to.key },
        confidence: s.confidence,
        ...(r.validFrom ? { validFrom: r.validFrom.iso } : {}),
        // A period end ("validTo: 2016") means the last instant of that period, so that "as of
        // 2016-06" still finds the fact; the written precision stays in validToPrecision.
        ...(r.validTo ? { validTo: new Date(periodEnd(r.validTo) - 1).toISOString() } : {}),
        ref: r.line,
        props,
      });
    }
  }
  return { entities, edges };
}
