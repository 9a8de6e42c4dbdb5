// Turns parser output into graph-shaped aggregates. Millions of raw lookups become one
// QUERIED edge per (client, name) with counts, first/last times and a 15-minute histogram, so
// the database writes far fewer rows and timelines never rescan raw logs.
//
// Node keys are interned once per import (KeyTable); lookups are counted in a columnar table
// (LookupTable) and DNS answers in a map keyed by interned ids. Both spill sorted runs to disk
// past a budget and merge them at the end, so memory stays bounded whatever the input size and
// every edge comes out once, fully aggregated.
import { mkdirSync, rmSync } from 'node:fs';
import { registeredDomain } from '../normalize/names.ts';
import { reverseNameToIp } from '../normalize/ip.ts';
import type { DnsAnswer, DnsQueryEvent, EdgeRow, EntityRow, NodeInterner, PassiveDnsRecord, Sink } from '../types.ts';
import type { NodeKind } from '../../model/index.ts';
import { KeyTable } from './key-table.ts';
import { LookupTable, MAX_CODES, PAIR_RUNS, type PairRecord } from './lookup-table.ts';
import { CodeTable } from './code-table.ts';
import { DNS_RUNS, sortedCells, type DnsEdgeCell } from './dns-edge-runs.ts';
import { RunSet } from './sorted-runs.ts';

export { BUCKET_MS } from './lookup-table.ts';

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

/** DNS edge types in a fixed order (their index is part of the sort key) with endpoint kinds. */
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

// Ids up to 2^26 on each side keep (from, to) exact as one number key.
const ID_SPACE = 2 ** 26;

/** The range of a JavaScript Date (and of Neo4j datetimes we write): ±8.64e15 ms. */
const MAX_MS = 8.64e15;

export interface AggregatorOptions {
  /** Stated facts per chunk; also scales the lookup budget (see below). */
  flushAt: number;
  /** Where sorted runs go when the in-memory budget is exceeded. */
  spillDir: string;
  onChunk: (c: Chunk) => void;
  onReject: (r: RejectInfo) => void;
}

/**
 * A Sink that aggregates. Stated facts are handed to `onChunk` every `flushAt` records; lookups
 * and DNS edges stay here (bounded, spilled in sorted runs) until `lookups()` / `dnsEdges()`
 * stream them out at the end. Chunk and run contents depend only on the input.
 */
export class Aggregator implements Sink {
  readonly counters: Counters = { events: 0, passive: 0, entities: 0, edges: 0, rejects: 0 };
  readonly notes: string[] = [];
  /** Answers are read, never changed, and their TTLs are not kept in the graph. */
  readonly sharesAnswers = true;
  readonly tables: NodeTables = { Host: new KeyTable(), IP: new KeyTable(), Domain: new KeyTable() };
  private readonly qtypes = new CodeTable();
  private readonly rcodes = new CodeTable();
  private readonly table: LookupTable;
  private readonly lookupRuns: RunSet<PairRecord>;
  private dns: Map<number, DnsEdgeCell>[] = DNS_EDGE_TYPES.map(() => new Map());
  private dnsSize = 0;
  private readonly dnsRuns: RunSet<DnsEdgeCell>;
  private readonly maxDns: number;
  private cur: Chunk = { entities: [], edges: [] };
  private spilled = 0;
  private outOfRange = 0;

  constructor(private readonly o: AggregatorOptions) {
    // About 80 bytes per pair (slot, hash entries at load ≤ 0.5) and 12 per histogram bucket: at
    // the default flushAt (100k) a run is written past 250k pairs or 2M buckets, about 45 MB of
    // typed arrays. 250k keeps the table at 2^18 slots: twice that cost 40 MB of peak memory
    // at 10M events for no faster parse (the merge of twice the runs costs 0.5 s).
    this.table = new LookupTable(o.flushAt * 2.5, o.flushAt * 20);
    this.maxDns = o.flushAt * 5;
    let runNo = 0;
    const dir = () => this.spillDir();
    this.lookupRuns = new RunSet('lookups', PAIR_RUNS, dir, () => runNo++);
    this.dnsRuns = new RunSet('dns', DNS_RUNS, dir, () => runNo++);
  }

  query(e: DnsQueryEvent): void {
    this.counters.events++;
    const ts = this.inRange(e.ts);
    const compact = e.compact === true;
    const h = e.qnameId ?? this.host(e.qname, compact);
    if (e.client !== undefined) {
      const c = e.clientId ?? this.tables.IP.intern(e.client, compact);
      this.table.add(c, h, ts, e.ref, this.qtypes.code(e.qtype), this.rcodes.code(e.rcode), e.count ?? 1);
      if (this.table.full) this.lookupRuns.add(this.table.drain());
    }
    const ans = e.answers;
    if (ans !== undefined) {
      // Answers are owned by the query name, then by each CNAME target in turn: the owner's
      // id is usually the one just interned.
      this.lastName = e.qname;
      this.lastId = h;
      for (let i = 0; i < ans.length; i++) this.answer(ans[i], ts, ts, 1, e.ref, compact);
    }
  }

  private lastName = '\u0000'; // never a name
  private lastId = -1;

  passive(r: PassiveDnsRecord): void {
    this.counters.passive++;
    this.host(r.rrname);
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

  /** A time no date type can hold (a garbled field) is kept as "no time", and counted. */
  private inRange(ms: number): number {
    if (ms >= -MAX_MS && ms <= MAX_MS) return ms;
    if (ms === ms) this.outOfRange++;
    return NaN;
  }

  /** Emit the last chunk of stated facts; lookups and DNS edges wait for `lookups()`/`dnsEdges()`. */
  finish(): void {
    this.flush();
    if (this.outOfRange) this.notes.push(`${this.outOfRange} record time(s) lay outside the years −271821 to 275760 and were kept without a time`);
    if (this.qtypes.overflow || this.rcodes.overflow) {
      this.notes.push(`more than ${MAX_CODES} distinct query types or response codes: lookups keep the first ${MAX_CODES} of each`);
    }
  }

  /** Nodes interned since the last call, per kind (domains first: hosts point at them). */
  takeNewNodes(): { Domain: string[]; IP: string[]; Host: string[] } {
    const keys = (t: KeyTable) => t.takeNew().map((id) => t.keys[id]);
    return { Domain: keys(this.tables.Domain), IP: keys(this.tables.IP), Host: keys(this.tables.Host) };
  }

  get pendingNodes(): number {
    return this.tables.Domain.pending + this.tables.IP.pending + this.tables.Host.pending;
  }

  /** Every lookup pair once, fully aggregated, ordered by (client id, host id). */
  *lookups(): Generator<LookupAgg> {
    const ip = this.tables.IP.keys, host = this.tables.Host.keys;
    for (const r of this.lookupRuns.merge(this.table.drain())) {
      yield {
        client: ip[r.cid], host: host[r.hid], cid: r.cid, hid: r.hid, count: r.count, first: r.first, last: r.last,
        ref: r.ref, qtypes: this.qtypes.decode(r.qLo, r.qHi), rcodes: this.rcodes.decode(r.rLo, r.rHi), buckets: r.buckets,
      };
    }
  }

  /** Every DNS edge once, fully aggregated, grouped by type. */
  *dnsEdges(): Generator<DnsEdgeAgg> {
    for (const c of this.dnsRuns.merge(sortedCells(this.dns))) {
      const k = DNS_EDGE_TYPES[c.t];
      yield {
        type: k.type, fromKind: k.from, from: this.tables[k.from].keys[c.from], fromId: c.from,
        toKind: k.to, to: this.tables[k.to].keys[c.to], toId: c.to,
        count: c.count, first: c.first, last: c.last, rrtype: c.rrtype, ref: c.ref,
      };
    }
  }

  /** Remove spill files. */
  cleanup(): void {
    if (this.spilled) rmSync(this.o.spillDir, { recursive: true, force: true });
  }

  /** Numbering for parsers that cache ids (Sink.interner). */
  readonly interner: NodeInterner = {
    host: (name, compact) => this.host(name, compact),
    ip: (addr, compact) => this.tables.IP.intern(addr, compact),
  };

  private host(name: string, compact = false): number {
    if (name === this.lastName) return this.lastId;
    const t = this.tables.Host;
    const n = t.size;
    const id = t.intern(name, compact);
    if (id === n) {
      const d = registeredDomain(name);
      if (d) this.tables.Domain.intern(d);
    }
    this.lastName = name;
    this.lastId = id;
    return id;
  }

  private answer(a: DnsAnswer, first: number, last: number, count: number, ref: number, compact = false): void {
    let t: number;
    let from: number;
    let to: number;
    switch (a.type) {
      case 'A':
      case 'AAAA':
        t = 0; from = a.nameId ?? this.host(a.name, compact); to = a.valueId ?? this.tables.IP.intern(a.value, compact); break;
      case 'CNAME':
        t = 1; from = a.nameId ?? this.host(a.name, compact); to = a.valueId ?? this.host(a.value, compact); break;
      case 'NS':
      case 'MX': {
        const d = registeredDomain(a.name);
        if (!d) return;
        t = a.type === 'NS' ? 2 : 3; from = this.tables.Domain.intern(d); to = this.host(a.value); break;
      }
      case 'PTR': {
        const ip = reverseNameToIp(a.name);
        if (!ip) return;
        t = 4; from = this.tables.IP.intern(ip); to = this.host(a.value); break;
      }
      default:
        return; // TXT, SOA, DS... are kept by no edge; they are not relations between entities.
    }
    if (from >= ID_SPACE || to >= ID_SPACE) throw new Error(`more than ${ID_SPACE} distinct names in one import; split the input`);
    const k = from * ID_SPACE + to;
    let e = this.dns[t].get(k);
    if (e === undefined) {
      if (this.dnsSize >= this.maxDns) this.spillDns();
      e = { t, from, to, count: 0, first: Infinity, last: -Infinity, rrtype: a.type, ref };
      this.dns[t].set(k, e);
      this.dnsSize++;
    }
    e.count += count;
    if (first === first && (first < e.first || (first === e.first && ref < e.ref))) { e.first = first; e.ref = ref; }
    if (last === last && last > e.last) e.last = last;
  }

  private spillDir(): string {
    if (this.spilled++ === 0) { rmSync(this.o.spillDir, { recursive: true, force: true }); mkdirSync(this.o.spillDir, { recursive: true }); }
    return this.o.spillDir;
  }

  private spillDns(): void {
    this.dnsRuns.add(sortedCells(this.dns));
    this.dns = DNS_EDGE_TYPES.map(() => new Map<number, DnsEdgeCell>());
    this.dnsSize = 0;
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
