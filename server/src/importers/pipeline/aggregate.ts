// Turns parser output into graph-shaped aggregates. Millions of raw lookups become one
// QUERIED edge per (client, name) with counts, first/last times and a 15-minute histogram, so
// the database writes far fewer rows and timelines never rescan raw logs.
import { registeredDomain } from '../normalize/names.ts';
import { reverseNameToIp } from '../normalize/ip.ts';
import type { DnsAnswer, DnsQueryEvent, EdgeRow, EntityRow, NodeKind, PassiveDnsRecord, Sink } from '../types.ts';

/** Histogram bucket width. 15 minutes keeps every real time-zone offset exact (e.g. +05:45). */
export const BUCKET_MS = 15 * 60 * 1000;

export interface LookupAgg {
  client: string;
  host: string;
  count: number;
  first: number;
  last: number;
  /** Distinct query types and response codes (a handful: arrays beat Sets in memory). */
  qtypes: string[];
  rcodes: string[];
  /**
   * Histogram as flat pairs [bucket, count, bucket, count, …]. Flat arrays cost a fraction of a
   * Map per edge, and events mostly arrive in time order, so the last pair is the one to bump.
   */
  buckets: number[];
  ref: number;
}

/** A DNS-derived edge (RESOLVES_TO, ALIAS_OF, NAME_SERVER, MAIL_SERVER, PTR). */
export interface DnsEdgeAgg {
  type: 'RESOLVES_TO' | 'ALIAS_OF' | 'NAME_SERVER' | 'MAIL_SERVER' | 'PTR';
  fromKind: NodeKind;
  from: string;
  toKind: NodeKind;
  to: string;
  count: number;
  first: number;
  last: number;
  rrtype: string;
  ref: number;
}

export interface Chunk {
  hosts: Map<string, string>; // key → display name
  ips: Set<string>;
  domains: Set<string>;
  lookups: LookupAgg[];
  dnsEdges: DnsEdgeAgg[];
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

/**
 * A Sink that aggregates. When the number of distinct aggregates reaches `flushAt`, `onChunk`
 * is called with what has been gathered so far: importer memory stays bounded however large the
 * input. Chunk boundaries depend only on the input, so a re-run produces the same chunks.
 */
export class Aggregator implements Sink {
  readonly counters: Counters = { events: 0, passive: 0, entities: 0, edges: 0, rejects: 0 };
  readonly notes: string[] = [];
  private cur: Chunk = emptyChunk();
  private lookups = new Map<string, LookupAgg>();
  private dnsEdges = new Map<string, DnsEdgeAgg>();
  private size = 0;

  constructor(
    private readonly flushAt: number,
    private readonly onChunk: (c: Chunk) => void,
    private readonly onReject: (r: RejectInfo) => void,
  ) {}

  query(e: DnsQueryEvent): void {
    this.counters.events++;
    this.host(e.qname);
    if (e.client) {
      this.ip(e.client);
      const k = e.client + '\t' + e.qname;
      let a = this.lookups.get(k);
      if (!a) {
        a = { client: e.client, host: e.qname, count: 0, first: Infinity, last: -Infinity, qtypes: [], rcodes: [], buckets: [], ref: e.ref };
        this.lookups.set(k, a);
        this.size++;
      }
      a.count++;
      if (e.qtype && !a.qtypes.includes(e.qtype)) a.qtypes.push(e.qtype);
      if (e.rcode && !a.rcodes.includes(e.rcode)) a.rcodes.push(e.rcode);
      if (e.ts === e.ts) {
        if (e.ts < a.first) { a.first = e.ts; a.ref = e.ref; }
        if (e.ts > a.last) a.last = e.ts;
        const b = Math.floor(e.ts / BUCKET_MS);
        addToBucket(a.buckets, b, 1);
      }
    }
    if (e.answers) for (const ans of e.answers) this.answer(ans, e.ts, e.ts, 1, e.ref);
    this.maybeFlush();
  }

  passive(r: PassiveDnsRecord): void {
    this.counters.passive++;
    this.host(r.rrname);
    const first = r.firstSeen ?? NaN;
    const last = r.lastSeen ?? r.firstSeen ?? NaN;
    for (const v of r.rdata) this.answer({ name: r.rrname, type: r.rrtype, value: v }, first, last, r.count ?? 1, r.ref);
    this.maybeFlush();
  }

  entity(e: EntityRow): void {
    this.counters.entities++;
    this.cur.entities.push(e);
    this.size++;
    this.maybeFlush();
  }

  edge(e: EdgeRow): void {
    this.counters.edges++;
    this.cur.edges.push(e);
    this.size++;
    this.maybeFlush();
  }

  reject(ref: number, reason: string): void {
    this.counters.rejects++;
    this.onReject({ ref, reason });
  }

  note(message: string): void {
    this.notes.push(message);
  }

  /** Emit what remains. */
  finish(): void {
    this.flush();
  }

  private host(name: string): void {
    if (this.cur.hosts.has(name)) return;
    this.cur.hosts.set(name, name);
    const d = registeredDomain(name);
    if (d) this.cur.domains.add(d);
  }

  private ip(addr: string): void {
    this.cur.ips.add(addr);
  }

  private answer(a: DnsAnswer, first: number, last: number, count: number, ref: number): void {
    let type: DnsEdgeAgg['type'];
    let fromKind: NodeKind = 'Host';
    let toKind: NodeKind = 'Host';
    let from = a.name;
    const to = a.value;
    switch (a.type) {
      case 'A':
      case 'AAAA':
        type = 'RESOLVES_TO'; toKind = 'IP'; this.host(from); this.ip(to); break;
      case 'CNAME':
        type = 'ALIAS_OF'; this.host(from); this.host(to); break;
      case 'NS':
      case 'MX': {
        const d = registeredDomain(from);
        if (!d) return;
        type = a.type === 'NS' ? 'NAME_SERVER' : 'MAIL_SERVER';
        fromKind = 'Domain'; from = d; this.cur.domains.add(d); this.host(to); break;
      }
      case 'PTR': {
        const ip = reverseNameToIp(from);
        if (!ip) return;
        type = 'PTR'; fromKind = 'IP'; from = ip; this.ip(ip); this.host(to); break;
      }
      default:
        return; // TXT, SOA, DS... are kept by no edge; they are not relations between entities.
    }
    const k = type + '\t' + from + '\t' + to;
    let e = this.dnsEdges.get(k);
    if (!e) {
      e = { type, fromKind, from, toKind, to, count: 0, first: Infinity, last: -Infinity, rrtype: a.type, ref };
      this.dnsEdges.set(k, e);
      this.size++;
    }
    e.count += count;
    if (first === first && first < e.first) { e.first = first; e.ref = ref; }
    if (last === last && last > e.last) e.last = last;
  }

  private maybeFlush(): void {
    if (this.size >= this.flushAt) this.flush();
  }

  private flush(): void {
    const c = this.cur;
    c.lookups = [...this.lookups.values()];
    c.dnsEdges = [...this.dnsEdges.values()];
    const empty = !c.hosts.size && !c.ips.size && !c.entities.length && !c.edges.length;
    this.cur = emptyChunk();
    this.lookups = new Map();
    this.dnsEdges = new Map();
    this.size = 0;
    if (!empty) this.onChunk(c);
  }
}

/** Add n to bucket b of a flat [bucket, count, …] histogram. */
export function addToBucket(h: number[], b: number, n: number): void {
  const len = h.length;
  if (len && h[len - 2] === b) { h[len - 1] += n; return; }
  for (let i = 0; i < len; i += 2) if (h[i] === b) { h[i + 1] += n; return; }
  h.push(b, n);
}

/** The histogram as sorted parallel arrays (what the edge stores). */
export function sortedBuckets(h: number[]): { bk: number[]; bc: number[] } {
  const idx: number[] = [];
  for (let i = 0; i < h.length; i += 2) idx.push(i);
  idx.sort((x, y) => h[x] - h[y]);
  return { bk: idx.map((i) => h[i]), bc: idx.map((i) => h[i + 1]) };
}

function emptyChunk(): Chunk {
  return { hosts: new Map(), ips: new Set(), domains: new Set(), lookups: [], dnsEdges: [], entities: [], edges: [] };
}

