// Turns parser output into graph-shaped aggregates, in DuckDB. Millions of raw lookups become one
// QUERIED edge per (client, name) with counts, first/last times and a 15-minute histogram, so
// the database writes far fewer rows and timelines never rescan raw logs.
//
// Formats DuckDB reads itself (Zeek TSV) are loaded by SQL (FormatSpec.load, zeek/zeek-tsv-duckdb.ts); every other
// parser feeds this Sink, which appends its records to the same tables through DuckDB's
// appender. The aggregation is SQL (duckdb-aggregate-sql.ts) and runs out of core under the
// engine's memory limit, so memory stays bounded whatever the input size.
import { registeredDomain } from '../normalize/names.ts';
import { reverseNameToIp } from '../normalize/ip.ts';
import { cached } from '../normalize/name-cache.ts';
import type { DnsAnswer, DnsQueryEvent, EdgeRow, EntityRow, PassiveDnsRecord } from '../types.ts';
import type { TableEngine } from '../table-loader.ts';
import { LIST, VARCHAR, type DuckDBAppender } from '@duckdb/node-api';
import { KeyTable } from './key-table.ts';
import { DuckEngine, type EngineOptions } from './duckdb-engine.ts';
import { DNS_EDGES_SQL, NODES_SQL, NS_MX_DOMAINS_SQL, SCHEMA_SQL } from './duckdb-aggregate-sql.ts';
import { readDnsEdges, readKeys } from './duckdb-read-out.ts';
import { aggregatePairs, readLookups } from './duckdb-pairs.ts';
import { copyLeanLookupsCsv, type LookupsCsv } from './duckdb-lookups-csv.ts';

export { BUCKET_MS } from './duckdb-aggregate-sql.ts';
export { DNS_EDGE_TYPES, type Chunk, type Counters, type DnsEdgeAgg, type DnsEdgeType, type LookupAgg, type NodeTables, type RejectInfo } from './aggregate-rows.ts';
import { DNS_EDGE_TYPES, type Chunk, type Counters, type DnsEdgeAgg, type LookupAgg, type NodeTables, type RejectInfo } from './aggregate-rows.ts';


/** The range of a JavaScript Date (and of Neo4j datetimes we write): ±8.64e15 ms. */
const MAX_MS = 8.64e15;

export interface AggregatorOptions {
  /** Stated facts per chunk. */
  flushAt: number;
  /** Scratch directory of the engine (DuckDB database and its temp files); removed by cleanup(). */
  spillDir: string;
  onChunk: (c: Chunk) => void;
  onReject: (r: RejectInfo) => void;
  memoryLimit?: string;
  /** Lookups with their 15-minute histogram (default true); without it the engine groups by pair only. */
  histogram?: boolean;
  threads?: number;
  /** Lookups per pass of the pair aggregation at 512 MB (duckdb-pairs.ts LOOKUPS_PER_PASS); tests set it low. */
  lookupsPerPass?: number;
}

/** One DNS answer as an edge observation: [type index, from, to], or null when it makes no edge. */
export type AnswerEdge = [number, string, string] | null;

/**
 * The edge an answer stands for. `domainOf` is registeredDomain (callers may memoize it).
 * A/AAAA: host → IP; CNAME: host → host; NS/MX: the owner's registered domain → host;
 * PTR: the address the reverse name spells → host. TXT, SOA, DS… relate no entities.
 */
export function answerEdge(a: DnsAnswer, domainOf: (h: string) => string | null): AnswerEdge {
  switch (a.type) {
    case 'A':
    case 'AAAA': return [0, a.name, a.value];
    case 'CNAME': return [1, a.name, a.value];
    case 'NS':
    case 'MX': {
      const d = domainOf(a.name);
      return d ? [a.type === 'NS' ? 2 : 3, d, a.value] : null;
    }
    case 'PTR': {
      const ip = reverseNameToIp(a.name);
      return ip ? [4, ip, a.value] : null;
    }
    default: return null;
  }
}

/**
 * A Sink that aggregates. Stated facts are handed to `onChunk` every `flushAt` records; lookups
 * and DNS answers go to DuckDB, and `finish()` aggregates them; `lookups()` / `dnsEdges()` then
 * stream the aggregates out in an order that depends only on the input.
 */
export class Aggregator implements TableEngine {
  readonly counters: Counters = { events: 0, passive: 0, entities: 0, edges: 0, rejects: 0 };
  readonly notes: string[] = [];
  readonly answerTable = 'de';
  /** Answers are read, never changed, and their TTLs are not kept in the graph. */
  readonly sharesAnswers = true;
  readonly tables: NodeTables = { Host: new KeyTable(), IP: new KeyTable(), Domain: new KeyTable() };
  private engine: DuckEngine | null = null;
  private qa: DuckDBAppender | null = null;
  private de: DuckDBAppender | null = null;
  private hn: DuckDBAppender | null = null;
  private cur: Chunk = { entities: [], edges: [] };
  private outOfRange = 0;
  // registeredDomain memoized: names repeat on every lookup.
  private readonly domainOf = cached(registeredDomain, 100_000);
  /** SELECTs of the `ev` and `evs` columns for lookups loaded by SQL rather than appended. */
  private readonly sqlEvents: string[] = [];
  private readonly sqlStoreEvents: string[] = [];
  /** SELECTs of (qtype, rcode) covering every lookup's codes: the code bits are numbered from them. */
  private readonly codeSelects = ['SELECT qtype, rcode FROM qa'];
  private nodes: { Domain: string[]; IP: string[]; Host: string[] } | null = null;

  constructor(private readonly o: AggregatorOptions) {}

  /** Open the engine (before any record is fed). */
  async open(): Promise<void> {
    const opts: EngineOptions = { dir: this.o.spillDir, memoryLimit: this.o.memoryLimit, threads: this.o.threads };
    this.engine = await DuckEngine.open(opts);
    await this.engine.run(SCHEMA_SQL);
    this.qa = await this.engine.conn.createAppender('qa');
    this.de = await this.engine.conn.createAppender('de');
    this.hn = await this.engine.conn.createAppender('hn');
  }

  /** The engine, for loaders that read a file with SQL (see duckdb-zeek-tsv.ts). */
  get db(): DuckEngine {
    if (!this.engine) throw new Error('Aggregator.open() was not called');
    return this.engine;
  }

  /** Lookups a loader put in a table of its own: SELECTs giving the `ev` and the `evs` columns. */
  addSqlEvents(select: string, storeSelect: string, events: number, codes?: string): void {
    this.codeSelects.push(codes ?? `SELECT qtype, rcode FROM (${select})`);
    this.sqlEvents.push(select);
    this.sqlStoreEvents.push(storeSelect);
    this.counters.events += events;
  }

  query(e: DnsQueryEvent): void {
    this.counters.events++;
    const ts = this.inRange(e.ts);
    const a = this.qa!;
    a.appendDouble(e.ref);
    if (ts === ts) a.appendDouble(ts); else a.appendNull();
    str(a, e.client);
    str(a, e.server);
    a.appendVarchar(e.qname);
    str(a, e.qtype);
    str(a, e.rcode);
    // Pre-aggregated sensors say how many lookups a record stands for; answers count once per record.
    const count = e.count ?? 1;
    a.appendInteger(count);
    const ans = e.answers;
    if (ans === undefined) a.appendNull();
    else a.appendList(ans.map((x) => `${x.type} ${x.value}`), ANSWERS);
    a.endRow();
    if (ans !== undefined) for (let i = 0; i < ans.length; i++) this.answer(ans[i], ts, ts, 1, e.ref);
  }

  passive(r: PassiveDnsRecord): void {
    this.counters.passive++;
    this.hn!.appendVarchar(r.rrname);
    this.hn!.endRow();
    const first = this.inRange(r.firstSeen ?? NaN);
    const last = this.inRange(r.lastSeen ?? r.firstSeen ?? NaN);
    for (const v of r.rdata) this.answer({ name: r.rrname, type: r.rrtype, value: v }, first, last, r.count ?? 1, r.ref);
  }

  entity(e: EntityRow): void {
    this.counters.entities++;
    this.cur.entities.push(e);
    this.maybeFlush();
  }

  edge(e: EdgeRow): void {
    this.counters.edges++;
    this.cur.edges.push(e);
    this.maybeFlush();
  }

  reject(ref: number, reason: string): void {
    this.counters.rejects++;
    this.o.onReject({ ref, reason });
  }

  note(message: string): void {
    this.notes.push(message);
  }

  /** One DNS edge observation (loaders that type answers per distinct answer set use it too). */
  edgeObservation(t: number, src: string, dst: string, rrtype: string, count: number, first: number, last: number, ref: number): void {
    const d = this.de!;
    d.appendUTinyInt(t);
    d.appendVarchar(src);
    d.appendVarchar(dst);
    d.appendVarchar(rrtype);
    d.appendDouble(count);
    if (first === first) d.appendDouble(first); else d.appendNull();
    if (last === last) d.appendDouble(last); else d.appendNull();
    d.appendDouble(ref);
    d.endRow();
  }

  answerObservation(a: DnsAnswer, first: number, last: number, count: number, ref: number): void {
    this.answer(a, first, last, count, ref);
  }

  private answer(a: DnsAnswer, first: number, last: number, count: number, ref: number): void {
    const e = answerEdge(a, this.domainOf);
    if (e !== null) this.edgeObservation(e[0], e[1], e[2], a.type, count, first, last, ref);
  }

  /** A time no date type can hold (a garbled field) is kept as "no time", and counted. */
  private inRange(ms: number): number {
    if (ms >= -MAX_MS && ms <= MAX_MS) return ms;
    if (ms === ms) this.outOfRange++;
    return NaN;
  }

  /** Emit the last chunk of stated facts and aggregate lookups and DNS answers. */
  async finish(): Promise<void> {
    this.flush();
    if (this.outOfRange) this.notes.push(`${this.outOfRange} record time(s) lay outside the years −271821 to 275760 and were kept without a time`);
    for (const a of [this.qa, this.de, this.hn]) a!.closeSync();
    const db = this.db;
    // Times stay DOUBLE for the aggregation (a capture's are fractional ms); the event store
    // keeps whole ms, truncated as EventWriter truncates them.
    const ev = ['SELECT line::BIGINT AS line, ts, client, server, qname, qtype, rcode, cnt FROM qa', ...this.sqlEvents];
    await db.run(`CREATE VIEW ev AS ${ev.join(' UNION ALL ')}`);
    const evs = ['SELECT line::BIGINT AS line, trunc(ts)::BIGINT AS ts, client, server, qname, qtype, rcode, cnt, answers FROM qa', ...this.sqlStoreEvents];
    await db.run(`CREATE VIEW evs AS ${evs.join(' UNION ALL ')}`);
    // The pair aggregation needs none of the DNS edges or node lists: it runs on a second
    // connection meanwhile, and takes the core the node lists' JavaScript (tldts, numbering)
    // leaves idle. Both are settled before an error is thrown, so the engine is never closed under either.
    const done = await Promise.allSettled([this.aggregatePairsBeside(), this.dnsEdgesAndNodes()]);
    const failed = done.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async dnsEdgesAndNodes(): Promise<void> {
    await this.db.run(DNS_EDGES_SQL);
    await this.db.run(NODES_SQL);
    await this.numberNodes();
  }

  /**
   * Node ids follow key order: ids, and so batches, depend only on the input. Registered domains
   * (tldts) are computed once per distinct host name.
   */
  private async numberNodes(): Promise<void> {
    const db = this.db;
    const domains = new Set<string>();
    const hosts = await readKeys(db, 'hosts', 'h');
    // Each host once: no memo.
    for (const h of hosts) {
      const d = registeredDomain(h);
      if (d) domains.add(d);
    }
    for (const [d] of await db.rows(NS_MX_DOMAINS_SQL)) domains.add(d as string);
    const ips = await readKeys(db, 'ips', 'ip');
    const doms = [...domains].sort();
    const da = await db.appender('doms');
    for (let i = 0; i < doms.length; i++) { da.appendVarchar(doms[i]); da.appendDouble(i); da.endRow(); }
    da.closeSync();
    this.tables.Host.load(hosts);
    this.tables.IP.load(ips);
    this.tables.Domain.load(doms);
    this.nodes = { Domain: doms, IP: ips, Host: hosts };
  }

  /** aggregatePairs on a connection of its own. */
  private async aggregatePairsBeside(): Promise<void> {
    const side = await this.db.sibling();
    try {
      await aggregatePairs(side, this.o.histogram ?? true, this.codeSelects.join(' UNION ALL '), this.counters.events, this.o.lookupsPerPass);
    } finally {
      side.close();
    }
  }

  /** The import's nodes, per kind, once (after finish(); domains first: hosts point at them). */
  takeNewNodes(): { Domain: string[]; IP: string[]; Host: string[] } {
    const n = this.nodes ?? { Domain: [], IP: [], Host: [] };
    this.nodes = { Domain: [], IP: [], Host: [] };
    return n;
  }

  /** Nodes waiting to be written before the aggregation ends: none (they come out of finish()). */
  get pendingNodes(): number {
    return 0;
  }

  /** Every lookup pair once, fully aggregated, ordered by (client, name). */
  lookups(): AsyncGenerator<LookupAgg> {
    return readLookups(this.db, this.tables);
  }

  /** The lookups without histograms as the offline importer's CSV, written by DuckDB (null: not possible, read lookups() instead). */
  copyLeanLookupsCsv(o: LookupsCsv): Promise<number | null> {
    return copyLeanLookupsCsv(this.db, o);
  }

  /** Every DNS edge once, fully aggregated, grouped by type. */
  dnsEdges(): AsyncGenerator<DnsEdgeAgg> {
    return readDnsEdges(this.db, this.tables);
  }

  /** Close the engine and remove its scratch files. */
  async cleanup(): Promise<void> {
    this.engine?.close();
    this.engine = null;
  }

  private maybeFlush(): void {
    if (this.cur.entities.length + this.cur.edges.length >= this.o.flushAt) this.flush();
  }

  private flush(): void {
    const c = this.cur;
    this.cur = { entities: [], edges: [] };
    if (c.entities.length || c.edges.length) this.o.onChunk(c);
  }
}

const ANSWERS = LIST(VARCHAR);

function str(a: DuckDBAppender, v: string | undefined): void {
  if (v === undefined) a.appendNull(); else a.appendVarchar(v);
}
