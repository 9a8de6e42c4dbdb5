// Cypher for the analysis layer of a case file (claims, hypotheses, evidence, events). A reference
// may point at any entity or record label; labels cannot be parameters, so the lookup is a UNION
// over a fixed list of labels, each branch an index seek on its key constraint.

import { ANALYSIS_RECORD_KINDS, ENTITY_KINDS, NODE_KINDS } from '../../model/index.ts';

// Entity kinds in NODE_KINDS order, then the analysis records (the order of the UNION branches).
const REF_LABELS: readonly string[] = [
  ...NODE_KINDS.filter((k) => (ENTITY_KINDS as readonly string[]).includes(k)), ...ANALYSIS_RECORD_KINDS,
];

/** `CALL { ... }` that binds `target` for a row variable `ref` with {label, key}. */
const resolveRef = (ref: string) => `CALL {
  WITH ${ref}
  ${REF_LABELS.map((l) => `MATCH (target:${l} {key: ${ref}.key}) WHERE ${ref}.label = '${l}' RETURN target`).join(`
  UNION
  WITH ${ref}
  `)}
}`;

// Events come before evidence: evidence refers to events, and a reference is resolved by MATCH.
export const WRITE_ANALYSIS_CYPHER: string[] = [
  `MERGE (c:Case {key: $caseRow.key})
   SET c.id = $caseRow.id, c.title = $caseRow.title, c.summary = $caseRow.summary, c.created = datetime($caseRow.created)
   WITH c
   MATCH (f:Source {key: $caseRow.fileSource})
   MERGE (c)-[:DEFINED_IN]->(f)`,

  `UNWIND $claims AS row
   MERGE (cl:Claim {key: row.key})
   SET cl.id = row.id, cl.attribute = row.attribute, cl.value = row.value, cl.valueType = row.valueType,
       cl.unit = row.unit, cl.confidence = row.confidence, cl.quote = row.quote, cl.notes = row.notes,
       cl.date = CASE WHEN row.date IS NULL THEN null ELSE datetime(row.date) END, cl.ref = row.ref,
       cl.source = row.source, cl.subjectKey = row.subject.key, cl.subjectKind = row.subject.label
   WITH cl, row
   MATCH (c:Case {key: $caseRow.key}) MERGE (c)-[:CONTAINS]->(cl)
   WITH cl, row
   MATCH (s:Source {key: row.source}) MERGE (cl)-[:CITES]->(s)
   WITH cl, row.subject AS ref
   ${resolveRef('ref')}
   MERGE (cl)-[:ABOUT]->(target)`,

  `UNWIND $hypotheses AS row
   MERGE (h:Hypothesis {key: row.key})
   SET h.id = row.id, h.title = row.title, h.name = row.title, h.description = row.description, h.ref = row.ref
   WITH h, row
   MATCH (c:Case {key: $caseRow.key}) MERGE (c)-[:CONTAINS]->(h)
   WITH h, row
   UNWIND row.proponents AS p
   MATCH (s:Source {key: p}) MERGE (h)-[:PROPOSED_BY]->(s)`,

  `UNWIND $events AS row
   MERGE (ev:Event {key: row.key})
   SET ev.id = row.id, ev.date = datetime(row.date), ev.precision = row.precision, ev.title = row.title, ev.name = row.title,
       ev.description = row.description, ev.confidence = row.confidence, ev.source = row.source, ev.ref = row.ref,
       ev.relRefs = [r IN row.refs WHERE r.label = 'Relationship' | r.key]
   WITH ev, row
   MATCH (c:Case {key: $caseRow.key}) MERGE (c)-[:CONTAINS]->(ev)
   WITH ev, row
   OPTIONAL MATCH (s:Source {key: row.source})
   FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (ev)-[:CITES]->(s))
   WITH ev, row
   UNWIND [r IN row.refs WHERE r.label <> 'Relationship'] AS ref
   ${resolveRef('ref')}
   MERGE (ev)-[:INVOLVES]->(target)`,
  `UNWIND $evidence AS row
   MERGE (e:Evidence {key: row.key})
   SET e.id = row.id, e.title = row.title, e.name = row.title, e.description = row.description, e.kind = row.kind,
       e.missing = row.missing, e.ref = row.ref,
       e.relRefs = [r IN row.refs WHERE r.label = 'Relationship' | r.key]
   WITH e, row
   MATCH (c:Case {key: $caseRow.key}) MERGE (c)-[:CONTAINS]->(e)
   WITH e, row
   UNWIND row.links AS link
   MATCH (h:Hypothesis {key: link.hypothesis})
   MERGE (e)-[b:BEARS_ON]->(h)
   SET b.effect = link.effect, b.weight = link.weight, b.rationale = link.rationale`,

  `UNWIND $evidence AS row
   MATCH (e:Evidence {key: row.key})
   UNWIND [r IN row.refs WHERE r.label <> 'Relationship'] AS ref
   ${resolveRef('ref')}
   MERGE (e)-[:REFERS_TO]->(target)`,

];
