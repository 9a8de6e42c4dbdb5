// What the import engine hands the writers: aggregated lookups and DNS edges, stated facts in
// chunks, counters and rejects, and the node tables that give every key its id.
import type { EdgeRow, EntityRow } from '../types.ts';
import type { NodeKind } from '../../model/index.ts';
import type { KeyTable } from './key-table.ts';

/** An aggregated lookup edge as the writer takes it. */
export interface LookupAgg {
  client: string;
  host: string;
  cid: number;
  hid: number;
  count: number;
  first: number;
  last: number;
  qtypes: string[];
  rcodes: string[];
  /** Histogram as flat pairs [bucket, count, …], sorted by bucket. */
  buckets: number[];
  ref: number;
}

export type DnsEdgeType = 'RESOLVES_TO' | 'ALIAS_OF' | 'NAME_SERVER' | 'MAIL_SERVER' | 'PTR';

/** A DNS-derived edge (RESOLVES_TO, ALIAS_OF, NAME_SERVER, MAIL_SERVER, PTR). */
export interface DnsEdgeAgg {
  type: DnsEdgeType;
  fromKind: NodeKind;
  from: string;
  fromId: number;
  toKind: NodeKind;
  to: string;
  toId: number;
  count: number;
  first: number;
  last: number;
  rrtype: string;
  ref: number;
}

/** DNS edge types in a fixed order (their index is the `t` column) with endpoint kinds. */
export const DNS_EDGE_TYPES: readonly { type: DnsEdgeType; from: 'Host' | 'Domain' | 'IP'; to: 'Host' | 'IP' }[] = [
  { type: 'RESOLVES_TO', from: 'Host', to: 'IP' },
  { type: 'ALIAS_OF', from: 'Host', to: 'Host' },
  { type: 'NAME_SERVER', from: 'Domain', to: 'Host' },
  { type: 'MAIL_SERVER', from: 'Domain', to: 'Host' },
  { type: 'PTR', from: 'IP', to: 'Host' },
];

/** Stated facts (registry records, case files): written as they come, chunk by chunk. */
export interface Chunk {
  entities: EntityRow[];
  edges: EdgeRow[];
}

export interface Counters {
  events: number;
  passive: number;
  entities: number;
  edges: number;
  rejects: number;
}

export interface RejectInfo { ref: number; reason: string }

/** The node keys an import has seen, by kind. */
export interface NodeTables { Host: KeyTable; IP: KeyTable; Domain: KeyTable }
