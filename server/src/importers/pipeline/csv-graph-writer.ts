// The same graph GraphWriter writes, as CSV files for Neo4j's offline importer (`neo4j-admin
// database import full`): used only to build an EMPTY store (domain/imports/bulk-load.ts). Node
// and relationship properties are those of the CREATE paths in edge-cypher.ts, with types in the
// headers (datetime, long, arrays split on ';').
//
// An array of one empty string (`srcFrom`/`srcTo` of structural edges, which carry no validity)
// cannot be written as such: an empty field is no property. It is written as a quoted blank,
// `" "`, which the importer's --trim-strings turns into [''], so no repair pass is needed after
// the store starts. Trimming is safe only while no other text value has blanks at either end;
// the writer watches for that (`untrimmed`), and then bulk-load.ts imports without trimming and
// repairs those arrays afterwards (cypher/queries/imports/bulk-subdomain-validity.cypher).
// An empty `rcodes` array is written as no property (readers coalesce it).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../errors.ts';
import type { Chunk, DnsEdgeAgg, LookupAgg, NodeTables } from './aggregate.ts';
import { displayName, registeredDomain } from '../normalize/names.ts';
import { ipVersion } from '../normalize/ip.ts';
import { isoMillis as iso } from '../normalize/time.ts';
import type { LayerWriter, LookupsCsvEngine, Rows } from './layer-writer.ts';
import { queriedKey } from './edge-cypher.ts';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function f(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** Java's String.trim() removes code points up to U+0020 at either end. */
const BLANK_END = /^[\x00-\x20]|[\x00-\x20]$/;
/** Same for each element of an array field. */
const BLANK_ELEMENT_END = /(?:^|;)[\x00-\x20]|[\x00-\x20](?:;|$)/;
/** The quoted blank that --trim-strings imports as an array of one empty string. */
export const ONE_EMPTY_STRING = '" "';

class CsvFile {
  private readonly ws: WriteStream;
  // Rows are joined once per flush: appending each to one string builds a rope that is slow to write.
  private parts: string[] = [];
  private chars = 0;
  rows = 0;
  constructor(readonly file: string, header: string) {
    this.ws = createWriteStream(file);
    this.parts.push(header);
  }
  async row(fields: string[]): Promise<void> {
    if (this.line(fields.join(','))) await this.flush();
  }
  /** One row of ready-made fields; true when the buffer should be flushed (hot loops await only then). */
  line(text: string): boolean {
    this.parts.push(text);
    this.rows++;
    this.chars += text.length;
    return this.chars > 1 << 20;
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const b = this.parts.join('\n') + '\n';
    this.parts = [];
    this.chars = 0;
    if (!this.ws.write(b)) await new Promise<void>((r) => this.ws.once('drain', () => r()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((r, j) => this.ws.end((e?: Error | null) => (e ? j(e) : r())));
  }
}

const PROV = 'sources:string[],srcConf:long[],srcRef:string[],srcCount:long[],srcFrom:string[],srcTo:string[]';
const OBS = 'count:long,confidence:long,firstSeen:datetime,lastSeen:datetime,validFrom:datetime,validTo:datetime';
// A lookup edge's validity is its firstSeen/lastSeen (edge-cypher.ts, LOOKUP_VALIDITY_ITEMS): not written again.
const LOOKUP_OBS = 'count:long,confidence:long,firstSeen:datetime,lastSeen:datetime';

export interface CsvFiles { nodes: [string, string][]; relationships: [string, string][] }

export class CsvGraphWriter implements LayerWriter {
  readonly stats = { nodesCreated: 0, edgeRows: 0, batchesSkipped: 0 };
  readonly marks: [string, number][] = [];
  readonly timings = new Map<string, { ms: number; rows: number }>();
  private readonly nodes = new Map<string, CsvFile>();
  private readonly rels = new Map<string, CsvFile>();
  /** Relationship files the engine wrote: [type, "header file,data file"]. */
  private readonly copied: [string, string][] = [];
  private readonly domains = new Set<string>();
  /** The nodes' addedAt; their Source, recorded after the offline import, gets the same. */
  readonly now = new Date().toISOString();
  /** Array texts already checked for blank ends (qtype and rcode sets repeat). */
  private readonly checkedArrays = new Set<string>();
  /** True once a text value has blanks at an end: the importer must not trim (see the top). */
  untrimmed = false;

  private readonly sourceField: string;
  private readonly refQuoted: boolean;

  constructor(private readonly dir: string, private readonly ctx: { sourceKey: string; refName: string; confidence: number; histogram: boolean }) {
    this.sourceField = this.text(ctx.sourceKey);
    this.refQuoted = this.text(ctx.refName) !== ctx.refName;
  }

  /** A text value, noting blank ends. */
  private text(v: string): string {
    if (BLANK_END.test(v)) this.untrimmed = true;
    return f(v);
  }

  /** An array field of texts, noting blank ends of its elements. */
  private texts(xs: string[]): string {
    const joined = xs.join(';');
    if (!this.checkedArrays.has(joined)) {
      if (this.checkedArrays.size < 100_000) this.checkedArrays.add(joined);
      if (BLANK_ELEMENT_END.test(joined)) this.untrimmed = true;
    }
    return f(joined);
  }

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
    const dom = this.nodeFile('Domain', 'key:ID(Domain),name,addedAt:datetime,addedBy');
    for (const k of n.Domain) {
      if (this.domains.has(k)) continue;
      this.domains.add(k);
      await dom.row([this.text(k), this.text(displayName(k)), this.now, this.sourceField]);
    }
    const ip = this.nodeFile('IP', 'key:ID(IP),name,version:long,addedAt:datetime,addedBy');
    for (const k of n.IP) { const t = this.text(k); await ip.row([t, t, String(ipVersion(k)), this.now, this.sourceField]); }
    const host = this.nodeFile('Host', 'key:ID(Host),name,addedAt:datetime,addedBy');
    const sub = this.relFile('SUBDOMAIN_OF', 'Host', 'Domain', `${PROV},confidence:long`);
    for (const k of n.Host) {
      await host.row([this.text(k), this.text(displayName(k)), this.now, this.sourceField]);
      const d = registeredDomain(k);
      if (!d || d === k) continue;
      if (!this.domains.has(d)) { this.domains.add(d); await dom.row([this.text(d), this.text(displayName(d)), this.now, this.sourceField]); }
      await sub.row([f(k), f(d), f(this.ctx.sourceKey), '100', f(this.ctx.refName), '1', ONE_EMPTY_STRING, ONE_EMPTY_STRING, '100']);
    }
    this.stats.nodesCreated += n.Domain.length + n.IP.length + n.Host.length;
  }

  /** PROV and OBS (or LOOKUP_OBS) fields of an observation, one text (ISO times and numbers need no quoting). */
  private obs(count: number, first: number, last: number, ref: number, validity = true): string {
    const fs = Number.isFinite(first) ? iso(first) : '';
    const ls = Number.isFinite(last) ? iso(last) : '';
    const c = this.ctx.confidence;
    const srcRef = this.refQuoted ? f(`${this.ctx.refName}:${ref}`) : `${this.ctx.refName}:${ref}`;
    // Array joins give flat strings; long template concatenations build ropes that are slow to write.
    return validity ? [this.sourceField, c, srcRef, count, fs, ls, count, c, fs, ls, fs, ls].join(',')
      : [this.sourceField, c, srcRef, count, fs, ls, count, c, fs, ls].join(',');
  }

  async writeDnsLayer(lookups: Rows<LookupAgg>, dnsEdges: Rows<DnsEdgeAgg>, _tables?: NodeTables, _tag?: string, engine?: LookupsCsvEngine): Promise<void> {
    const copied = !this.ctx.histogram && !!engine && await this.copyLookups(engine);
    if (!copied) await this.writeLookups(lookups);
    for await (const e of dnsEdges) {
      const c = this.relFile(e.type, e.fromKind, e.toKind, `${PROV},${OBS},rrtype`);
      if (c.line([f(e.from), f(e.to), this.obs(e.count, e.first, e.last, e.ref), this.text(e.rrtype)].join(','))) await c.flush();
    }
    for (const c of this.rels.values()) this.stats.edgeRows += c.rows;
  }

  /** Lookups row by row; k is the lookup edge's key, spelled as the transactional writer spells it (queriedKey). */
  private async writeLookups(lookups: Rows<LookupAgg>): Promise<void> {
    const hist = this.ctx.histogram ? ',buckets:long[],bucketCounts:long[]' : '';
    const q = this.relFile('QUERIED', 'IP', 'Host', `${PROV},${LOOKUP_OBS},k,qtypes:string[],rcodes:string[]${hist}`);
    // The bulk of a big log's CSV (millions of rows): one string per row, awaiting only flushes.
    for await (const l of lookups) {
      const row = [f(l.client), f(l.host), this.obs(l.count, l.first, l.last, l.ref, false), f(queriedKey(l.client, l.host)), this.texts(l.qtypes), this.texts(l.rcodes)];
      if (this.ctx.histogram) {
        const b = l.buckets;
        const bk: number[] = [], bc: number[] = [];
        for (let i = 0; i < b.length; i += 2) { bk.push(b[i]); bc.push(b[i + 1]); }
        row.push(bk.join(';'), bc.join(';'));
      }
      if (q.line(row.join(','))) await q.flush();
    }
  }

  /**
   * Lean lookups written by the engine (duckdb-lookups-csv.ts), with the fields writeDnsLayer
   * writes: 5.3M pairs of a 10M-line log took 24 s row by row here (2026-12-03).
   */
  private async copyLookups(engine: LookupsCsvEngine): Promise<boolean> {
    const id = 'QUERIED-IP-Host';
    const header = path.join(this.dir, `rels-${id}-header.csv`), data = path.join(this.dir, `rels-${id}-engine.csv`);
    const n = await engine.copyLeanLookupsCsv({
      file: data, sourceKey: this.ctx.sourceKey, refName: this.ctx.refName, confidence: this.ctx.confidence, codeText: (codes) => this.texts(codes),
    });
    if (n === null) return false;
    if (BLANK_END.test(this.ctx.sourceKey) || BLANK_END.test(this.ctx.refName)) this.untrimmed = true;
    await writeFile(header, `:START_ID(IP),:END_ID(Host),${PROV},${LOOKUP_OBS},k,qtypes:string[],rcodes:string[]\n`);
    this.copied.push(['QUERIED', `${header},${data}`]);
    this.stats.edgeRows += n;
    return true;
  }

  /** Close every file; the importer's --nodes / --relationships arguments. */
  async close(): Promise<CsvFiles> {
    for (const c of [...this.nodes.values(), ...this.rels.values()]) await c.close();
    return {
      nodes: [...this.nodes].map(([label, c]) => [label, c.file]),
      relationships: [...this.copied, ...[...this.rels].map(([id, c]): [string, string] => [id.split('-')[0], c.file])],
    };
  }
}
