// The analysis layer that case files write beside the entities (docs/model.md): its labels and
// the links from its records to what they concern. Plain data, no imports.

/** Labels of the analysis layer, after the entity kinds. */
export const ANALYSIS_KINDS = ['Case', 'Claim', 'Hypothesis', 'Evidence', 'Event', 'Note'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** Analysis records that evidence and events may point at (a case's claims, events, hypotheses, evidence). */
export const ANALYSIS_RECORD_KINDS = ['Claim', 'Event', 'Hypothesis', 'Evidence'] as const satisfies readonly AnalysisKind[];
export type AnalysisRecordKind = (typeof ANALYSIS_RECORD_KINDS)[number];

/** Links from claims, events, evidence and hypotheses to what they concern, cite or bear on. */
export const CLAIM_REL_TYPES = ['ABOUT', 'CITES', 'BEARS_ON', 'REFERS_TO', 'INVOLVES', 'PROPOSED_BY'] as const;
