// The contract between the import engine (pipeline/aggregate.ts) and a format that DuckDB reads
// itself (FormatSpec.load): the loader puts the file's lookups into the engine's tables with SQL,
// hands the lines it cannot take to its parser through the engine's Sink side, and says how much
// of the file it covered. Declared here, beside types.ts, so that formats.ts names it without
// reaching into pipeline/.
import type { DuckDBAppender, DuckDBValue } from '@duckdb/node-api';
import type { DnsAnswer, Sink } from './types.ts';

/** The part of a file a table loader reads (always a whole file: resumed segments go to the parser). */
export interface TableSegment {
  file: string;
  gz: boolean;
  /** As ParseSegment.takePartialLast: false (or a function saying false) holds an unfinished last line back. */
  takePartialLast: boolean | (() => Promise<boolean>);
  maxLineBytes?: number;
}

/** What a table loader did: read the file into the engine, or left it to the parser (`handled: false`). */
export interface TableLoad {
  handled: boolean;
  /** Why the file was left to the parser. */
  reason?: string;
  lines: number;
  endByte: number;
}

/** The engine's DuckDB connection as loaders use it. */
export interface EngineDb {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<DuckDBValue[][]>;
  /** A result chunk by chunk, as columns. */
  columns(sql: string): AsyncGenerator<DuckDBValue[][]>;
  appender(table: string): Promise<DuckDBAppender>;
}

/** The engine: a Sink for what the parser reads, plus its tables for what SQL reads. */
export interface TableEngine extends Sink {
  readonly db: EngineDb;
  /**
   * Lookups a loader put in a table of its own: a SELECT of the engine's `ev` columns
   * (line, ts, client, server, qname, qtype, rcode, cnt), the same with `answers` for the event
   * store, and how many lookups they are; `codes`, when the loader has it already, a SELECT of
   * (qtype, rcode) holding at least every pair of codes in `select` (else it is taken from `select`).
   */
  addSqlEvents(select: string, storeSelect: string, events: number, codes?: string): void;
  /**
   * The table answerObservation() appends to, for loaders that type answers in SQL: columns
   * (t UTINYINT: index in DNS_EDGE_TYPES, src, dst, rrtype, cnt, first, last, line), times in ms.
   */
  readonly answerTable: string;
  /** One DNS answer observed `count` times between first and last (ms, NaN: none); ref is a line. */
  answerObservation(a: DnsAnswer, first: number, last: number, count: number, ref: number): void;
}

export type TableLoader = (engine: TableEngine, seg: TableSegment) => Promise<TableLoad>;
