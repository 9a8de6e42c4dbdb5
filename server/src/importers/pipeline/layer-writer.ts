// Where an import's aggregated output goes: Neo4j through transactions (GraphWriter) or CSV files
// for the offline importer of an empty store (CsvGraphWriter). The parse step does not care.
import type { Chunk, DnsEdgeAgg, LookupAgg, NodeTables } from './aggregate.ts';
import type { LookupsCsv } from './duckdb-lookups-csv.ts';

export interface LayerWriter {
  readonly stats: { nodesCreated: number; edgeRows: number; batchesSkipped: number; batchesSplit?: number; nodeBatchesSplit?: number };
  readonly marks: [string, number][];
  readonly timings: Map<string, { ms: number; rows: number }>;
  mark(label: string): void;
  writeNodesAndFacts(c: Chunk): Promise<void>;
  writeDnsNodes(nodes: { Domain: string[]; IP: string[]; Host: string[] }, tables: NodeTables, writers?: number): Promise<void>;
  /** `engine`: where a writer of files may have the engine write lean lookups itself (null: it cannot). */
  writeDnsLayer(lookups: Rows<LookupAgg>, dnsEdges: Rows<DnsEdgeAgg>, tables: NodeTables, tag: string, engine?: LookupsCsvEngine): Promise<void>;
}

export interface LookupsCsvEngine {
  copyLeanLookupsCsv(o: LookupsCsv): Promise<number | null>;
}

/** Aggregates as the engine streams them out (or any iterable). */
export type Rows<T> = AsyncIterable<T> | Iterable<T>;

