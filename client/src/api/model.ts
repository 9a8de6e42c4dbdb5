// The client's own graph model, independent of the API's exact field names (api/queries.ts maps).
// The vocabulary (kinds, relationship types, families) is the server's model, bundled as is.
import { CLAIM_REL_TYPES, ENDPOINT_KINDS, REL_FAMILY, type EdgeFamily, type NodeKind, type RelType } from '../../../server/src/model/index.ts';

/** Kind filter order: parties and names first, endpoint kinds last (bench.ts draws from the first 7). */
export const KINDS: readonly NodeKind[] = ['Organization', 'Domain', 'Host', 'IP', 'Prefix', 'ASN', 'Person', 'Source', ...ENDPOINT_KINDS];

export interface GNode {
  id: string; // `${kind}:${key}`: keys are unique per label only
  kind: string;
  key: string;
  name: string;
  degree?: number;
  props?: Record<string, unknown>;
  /** The API's element id (stable within one database only). */
  apiId?: string;
}

export interface ProvenanceSlot {
  source: string;
  sourceName?: string;
  url?: string | null;
  /** Publisher of a cited document. */
  publisher?: string | null;
  /** The cited document's date at its precision, else when the file was retrieved or imported. */
  date?: string | null;
  confidence: number | null;
  ref?: string | null;
  count?: number | null;
  validFrom?: string | null;
  validTo?: string | null;
  kind?: string | null;
  synthetic?: boolean;
}

export interface GEdge {
  id: string;
  type: string;
  source: string; // node ids
  target: string;
  confidence: number | null;
  validFrom?: string | null;
  validTo?: string | null;
  count?: number | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  /** 15-minute bucket numbers and their counts (QUERIED only). */
  buckets?: number[];
  bucketCounts?: number[];
  sources?: string[];
}

export interface Subgraph {
  nodes: GNode[];
  edges: GEdge[];
}

export const nodeId = (kind: string, key: string): string => `${kind}:${key}`;

export type UiFamily = 'control' | 'dns' | 'lookup' | 'claim' | 'registry' | 'analysis';

// The canvas colours by the model's families, with one difference: structure edges take the
// colour of what they structure (names, address ranges, premises).
const BY_FAMILY: Record<Exclude<EdgeFamily, 'STRUCTURE' | 'CLAIM'>, UiFamily> = { LOOKUP: 'lookup', DNS: 'dns', CONTROL: 'control', NETWORK: 'registry' };
const STRUCTURE: Partial<Record<RelType, UiFamily>> = { SUBDOMAIN_OF: 'dns', SUBPREFIX_OF: 'registry', LOCATED_IN: 'control' };

/** Line style family; relationship types without a model family are claims (CLAIM_REL_TYPES) or 'analysis'. */
export function relFamily(type: string): UiFamily {
  const family = REL_FAMILY[type as RelType];
  if (family === 'STRUCTURE') return STRUCTURE[type as RelType] ?? 'analysis';
  if (family && family !== 'CLAIM') return BY_FAMILY[family];
  return (CLAIM_REL_TYPES as readonly string[]).includes(type) ? 'claim' : 'analysis';
}
