// The client's own graph model, independent of the API's exact field names (api/queries.ts maps).

export const KINDS = ['Organization', 'Domain', 'Host', 'IP', 'Prefix', 'ASN', 'Person', 'Source'] as const;

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

export function relFamily(type: string): 'control' | 'dns' | 'lookup' | 'claim' | 'registry' | 'analysis' {
  if (type === 'QUERIED') return 'lookup';
  if (['RESOLVES_TO', 'ALIAS_OF', 'NAME_SERVER', 'MAIL_SERVER', 'PTR', 'SUBDOMAIN_OF'].includes(type)) return 'dns';
  if (['CLIENT_OF', 'OPERATES', 'OUTSOURCES_TO', 'OWNS', 'CONTROLS', 'EMPLOYED_BY', 'SUBSIDIARY_OF', 'CONTRACTED_BY',
    'AFFILIATED_WITH', 'CREATED', 'HOSTS', 'LOCATED_IN', 'REGISTERED_BY', 'ADMINISTERED_BY', 'TECH_CONTACT', 'REGISTRAR',
    'MEMBER_OF'].includes(type)) return 'control';
  if (['ABOUT', 'CITES', 'BEARS_ON', 'REFERS_TO', 'INVOLVES', 'PROPOSED_BY'].includes(type)) return 'claim';
  if (['IN_PREFIX', 'ANNOUNCED_BY', 'ALLOCATED_TO', 'SUBPREFIX_OF'].includes(type)) return 'registry';
  return 'analysis';
}
