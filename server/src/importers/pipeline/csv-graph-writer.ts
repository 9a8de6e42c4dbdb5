// The same graph GraphWriter writes, as CSV files for Neo4j's offline importer (`neo4j-admin
// database import full`): used only to build an EMPTY store (domain/imports/bulk-load.ts). Node
// and relationship properties are those of the CREATE paths in edge-cypher.ts, with types in the
// headers (datetime, long, arrays split on ';').
//
// Differences the importer imposes, repaired after the store starts (bulk-load.ts): an empty
// array or an array of empty strings cannot be written, so `srcFrom`/`srcTo` of edges without a
// validity and empty `rcodes` are set there.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../errors.ts';
import type { Chunk, DnsEdgeAgg, LookupAgg, NodeTables } from './aggregate.ts';
import { displayName, registeredDomain } from '../normalize/names.ts';
import { ipVersion } from '../normalize/ip.ts';
import { isoMillis as iso } from '../normalize/time.ts';
import type { LayerWriter, Rows } from './layer-writer.ts';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function f(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const arr = (xs: (string | number)[]) => f(xs.join(';'));

class CsvFile {
  private readonly ws: WriteStream;
  private buf = '';
  rows = 0;
  constructor(readonly file: string, header: string) {
    this.ws = createWriteStream(file);
    this.buf = header + '\n';
  }
  async row(fields: string[]): Promise<void> {
    this.buf += fields.join(',') + '\n';
    this.rows++;
    if (this.buf.length > 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    const b = this.buf;
    this.buf = '';
    if (!this.ws.write(b)) await new Promise<void>((r) => this.ws.once('drain', () => r()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((r, j) => this.ws.end((e?: Error | null) => (e ? j(e) : r())));
  }
}

const PROV = 'sources:string[],srcConf:long[],srcRef:string[],srcCount:long[],srcFrom:string[],srcTo:string[]';
const OBS = 'count:long,confidence:long,firstSeen:datetime,lastSeen:datetime,validFrom:datetime,validTo:datetime';

export interface CsvFiles { nodes: [string, string][]; relationships: [string, string][] }

export class CsvGraphWriter implements LayerWriter {
  readonly stats = { nodesCreated: 0, edgeRows: 0, batchesSkipped: 0 };
  readonly marks: [string, number][] = [];
  readonly timings = new Map<string, { ms: number; rows: number }>();
  private readonly nodes = new Map<string, CsvFile>();
  private readonly rels = new Map<string, CsvFile>();
  private readonly domains = new Set<string>();
  private readonly now = new Date().toISOString();

  constructor(private readonly dir: string, private readonly ctx: { sourceKey: string; refName: string; confidence: number; histogram: boolean }) {}

  async open(): Promise<void> { await mkdir(this.dir, { recursive: true }); }

  mark(label: string): void { this.marks.push([label, Date.now()]); }

  private nodeFile(label: string, header: string): CsvFile {
    let c = this.nodes.get(label);
    if (!c) this.nodes.set(label, (c = new CsvFile(path.join(this.dir, `nodes-${label}.csv`), header)));
    return c;
  }

  private relFile(type: string, fk: string, tk: string, header: string): CsvFile {
    const id = `${type}-${fk}-${tk}`;
    let c = this.rels.get(id);
    if (!c) this.rels.set(id, (c = new CsvFile(path.join(this.dir, `rels-${id}.csv`), `:START_ID(${fk}),:END_ID(${tk}),${header}`)));
    return c;
  }

  async writeNodesAndFacts(c: Chunk): Promise<void> {
    if (c.entities.length || c.edges.length) {
      throw new AppError(ErrorCode.IMPORT_FAILED, 'the offline bulk load takes DNS logs only (this file states entities or facts)');
    }
  }

  async writeDnsNodes(n: { Domain: string[]; IP: string[]; Host: string[] }, _tables: NodeTables): Promise<void> {
    const dom = this.nodeFile('Domain', 'key:ID(Domain),name,addedAt:datetime');
    for (const k of n.Domain) {
      if (this.domains.has(k)) continue;
      this.domains.add(k);
      await dom.row([f(k), f(displayName(k)), this.now]);
    }
    const ip = this.nodeFile('IP', 'key:ID(IP),name,version:long,addedAt:datetime');
    for (const k of n.IP) await ip.row([f(k), f(k), String(ipVersion(k)), this.now]);
    const host = this.nodeFile('Host', 'key:ID(Host),name,addedAt:datetime');
    const sub = this.relFile('SUBDOMAIN_OF', 'Host', 'Domain', `${PROV},confidence:long`);
    for (const k of n.Host) {
      await host.row([f(k), f(displayName(k)), this.now]);
      const d = registeredDomain(k);
      if (!d || d === k) continue;
      if (!this.domains.has(d)) { this.domains.add(d); await dom.row([f(d), f(displayName(d)), this.now]); }
      await sub.row([f(k), f(d), f(this.ctx.sourceKey), '100', f(this.ctx.refName), '1', '', '', '100']);
    }
    this.stats.nodesCreated += n.Domain.length + n.IP.length + n.Host.length;
  }

  private obs(count: number, first: number, last: number, ref: number): string[] {
    const fs = Number.isFinite(first) ? iso(first) : '';
    const ls = Number.isFinite(last) ? iso(last) : '';
    return [
      f(this.ctx.sourceKey), String(this.ctx.confidence), f(`${this.ctx.refName}:${ref}`), String(count), f(fs), f(ls),
      String(count), String(this.ctx.confidence), fs, ls, fs, ls,
    ];
  }

  async writeDnsLayer(lookups: Rows<LookupAgg>, dnsEdges: Rows<DnsEdgeAgg>): Promise<void> {
    const hist = this.ctx.histogram ? ',buckets:long[],bucketCounts:long[]' : '';
    const q = this.relFile('QUERIED', 'IP', 'Host', `${PROV},${OBS},qtypes:string[],rcodes:string[]${hist}`);
    for await (const l of lookups) {
      const row = [f(l.client), f(l.host), ...this.obs(l.count, l.first, l.last, l.ref), arr(l.qtypes), arr(l.rcodes)];
      if (this.ctx.histogram) {
        const bk: number[] = [], bc: number[] = [];
        for (let i = 0; i < l.buckets.length; i += 2) { bk.push(l.buckets[i]); bc.push(l.buckets[i + 1]); }
        row.push(arr(bk), arr(bc));
      }
      await q.row(row);
    }
    for await (const e of dnsEdges) {
      const c = this.relFile(e.type, e.fromKind, e.toKind, `${PROV},${OBS},rrtype`);
      await c.row([f(e.from), f(e.to), ...this.obs(e.count, e.first, e.last, e.ref), f(e.rrtype)]);
    }
    for (const c of this.rels.values()) this.stats.edgeRows += c.rows;
  }

  /** Close every file; the importer's --nodes / --relationships arguments. */
  async close(): Promise<CsvFiles> {
    for (const c of [...this.nodes.values(), ...this.rels.values()]) await c.close();
    return {
      nodes: [...this.nodes].map(([label, c]) => [label, c.file]),
      relationships: [...this.rels].map(([id, c]) => [id.split('-')[0], c.file]),
    };
  }
}
