// The normalized model of a case file (docs/case-file.md). Everything here has been validated:
// references resolve, keys are canonical, dates are ISO UTC with their original precision.
import type { SourceKind } from '../types.ts';
import { ANALYSIS_RECORD_KINDS, type AnalysisRecordKind, type EntityKind, type PropValue, type RelType } from '../../model/index.ts';

// The kinds a case file may name (ENTITY_KINDS) are the model's: endpoint kinds (Process, Vpc,
// CloudInstance) come from host and cloud logs, not from case files.

/** Things that are not graph entities but that evidence and events may point at. */
export type RecordKind = 'Relationship' | AnalysisRecordKind;
export const RECORD_KINDS: readonly RecordKind[] = ['Relationship', ...ANALYSIS_RECORD_KINDS];

export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** A date as written, normalized to the first instant of the stated period (UTC). */
export interface CaseDate {
  iso: string;
  precision: DatePrecision;
  /** The text as written in the file. */
  text: string;
}

export interface CaseError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** e.g. `relationships[3].type`; empty for the whole document. */
  path: string;
  message: string;
}
export type CaseFileError = CaseError;

export interface CaseHeader {
  id: string;
  title: string;
  summary: string;
  created: CaseDate;
}

export interface CaseSource {
  id: string;
  kind: SourceKind;
  title: string;
  url?: string;
  publisher?: string;
  date?: CaseDate;
  retrieved?: CaseDate;
  reliability: number;
  notes?: string;
  line: number;
}

export interface Citation {
  source: string;
  confidence: number;
  ref?: string;
}

export interface EntityKey {
  kind: EntityKind;
  key: string;
}

export interface CaseEntity extends EntityKey {
  /** Only organizations and people have ids (explicit, or orgKey/personKey of the name). */
  id?: string;
  name: string;
  aliases: string[];
  props: Record<string, PropValue>;
  notes?: string;
  sources: Citation[];
  line: number;
}

export interface CaseRelationship {
  id?: string;
  type: RelType;
  from: EntityKey;
  to: EntityKey;
  validFrom?: CaseDate;
  validTo?: CaseDate;
  asOf?: CaseDate;
  notes?: string;
  sources: Citation[];
  line: number;
}

export interface CaseClaim {
  id: string;
  subject: EntityKey;
  attribute: string;
  value: string | number | boolean;
  unit?: string;
  source: string;
  confidence: number;
  date?: CaseDate;
  quote?: string;
  notes?: string;
  line: number;
}

export interface CaseHypothesis {
  id: string;
  title: string;
  description: string;
  proponents: string[];
  line: number;
}

/** A resolved reference: an entity (by kind and key) or a record of this file (by kind and id). */
export type CaseRef = EntityKey | { kind: RecordKind; key: string };

export type EvidenceEffect = 'supports' | 'contradicts' | 'neutral';

export interface EvidenceLink {
  hypothesis: string;
  effect: EvidenceEffect;
  /** 1 (barely bears on it) … 5 (decisive). */
  weight: number;
  rationale: string;
}

export interface CaseEvidence {
  id: string;
  title: string;
  description: string;
  kind: 'fact' | 'claim' | 'absence' | 'observation';
  refs: CaseRef[];
  /** Evidence an investigator would want but which does not exist (or is not public). */
  missing: boolean;
  links: EvidenceLink[];
  line: number;
}

export interface CaseEvent {
  id: string;
  date: CaseDate;
  title: string;
  description?: string;
  refs: CaseRef[];
  source: string;
  confidence: number;
  line: number;
}

export interface CaseFile {
  fileName: string;
  case: CaseHeader;
  sources: CaseSource[];
  entities: CaseEntity[];
  relationships: CaseRelationship[];
  claims: CaseClaim[];
  hypotheses: CaseHypothesis[];
  evidence: CaseEvidence[];
  events: CaseEvent[];
}

export type ParseCaseResult = { ok: true; caseFile: CaseFile } | { ok: false; errors: CaseFileError[] };
