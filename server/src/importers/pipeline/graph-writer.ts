// Writes aggregated chunks to Neo4j in batched `UNWIND $rows` transactions.
//
// Exactly-once: every edge batch runs in one transaction together with an (:ImportBatch) marker
// whose key is derived from the import segment, chunk and batch number. Chunks and batches depend
// only on the input, so after a kill -9 a re-run skips the batches that committed and applies the
// rest: the graph ends as a clean run leaves it. Node writes are MERGEs and need no marker.
import { domainToUnicode } from 'node:url';
import type { Database, Tx } from '../../db/database.ts';
import { sortedBuckets, type Chunk, type DnsEdgeAgg, type LookupAgg } from './aggregate.ts';
import { edgeCypher, nodeMergeCypher, SUBDOMAIN_CYPHER, assertKind, assertRel } from './edge-cypher.ts';
import type { EdgeRow, EntityRow, NodeKind, PropValue } from '../types.ts';
import { registeredDomain } from '../normalize/names.ts';
import { ipVersion } from '../normalize/ip.ts';
import { pool } from './pool.ts';

export interface WriteContext {
  db: Database;
  /** Source key every fact of this import rests on (unless an EdgeRow names another). */
  sourceKey: string;
  /** Display name of the file for raw-record pointers ("dns.log:123"). */
  refName: string;
  /** Default confidence for facts of this source. */
  confidence: number;
  /** Prefix of batch-marker keys: the import segment id. */
  segment: string;
  batchSize: number;
  writers: number;
  /** Called after each committed batch with the number of rows written. */
  progress?: (rows: number) => void;
}

export interface WriteStats { nodesCreated: number; edgeRows: number; batchesSkipped: number }

const RESERVED = new Set(['key', 'addedAt']);

function cleanProps(p: Record<string, PropValue> | undefined): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  if (!p) return out;
  for (const [k, v] of Object.entries(p)) if (!RESERVED.has(k) && v !== null && v !== undefined) out[k] = v;
  return out;
}

function display(host: string): string {
  return host.includes('xn--') ? domainToUnicode(host) || host : host;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

function slices<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type EdgeRowMap = Record<string, unknown>;

/**
 * A Set of strings that stores its own compact copy of each string. Keys of parsed lines are
 * substrings of those lines; a Set holding them for a whole import would keep every line alive.
 */
class FlatSet {
  private readonly s = new Set<string>();
  has(k: string): boolean { return this.s.has(k); }
  add(k: string): void { if (!this.s.has(k)) this.s.add(Buffer.from(k, 'utf8').toString('utf8')); }
}

export class GraphWriter {
  private chunkNo = 0;
  /** Node ids (kind\tkey) this import created: an edge touching one cannot exist yet. */
  private readonly created = new FlatSet();
  /**
   * Node ids already merged by this import from DNS data (no properties beyond name/version):
   * a popular name recurs in every chunk of a big log and need not be merged again.
   */
  private readonly merged = new FlatSet();
  readonly stats: WriteStats = { nodesCreated: 0, edgeRows: 0, batchesSkipped: 0 };

  constructor(private readonly ctx: WriteContext) {}

  /** Everything of one chunk: nodes, then all its edges. */
  async writeChunk(c: Chunk): Promise<void> {
    const chunk = await this.writeNodesAndFacts(c);
    await this.writeDnsLayer(c.lookups, c.dnsEdges, `${chunk}`);
  }

  /**
   * Nodes of a chunk and its stated facts (registry and case edges). Returns the chunk number
   * used in the batch keys of its edges.
   */
  async writeNodesAndFacts(c: Chunk): Promise<number> {
    const chunk = this.chunkNo++;
    const { created } = this;
    // Nodes first, in dependency order: domains before the hosts that point at them.
    const fresh = (kind: NodeKind, keys: Iterable<string>) => {
      const out: string[] = [];
      for (const k of keys) { const id = kind + '\t' + k; if (!this.merged.has(id)) { this.merged.add(id); out.push(k); } }
      return out;
    };
    await this.mergeNodes('Domain', fresh('Domain', c.domains).map((key) => ({ key, name: display(key), props: {} })), created);
    await this.mergeNodes('IP', fresh('IP', c.ips).map((key) => ({ key, name: key, props: { version: ipVersion(key) } })), created);
    await this.mergeHosts(fresh('Host', c.hosts.keys()), created);

    // Generic entities (registry, case files), grouped by kind; then endpoints of generic edges.
    const byKind = new Map<NodeKind, { key: string; name: string; props: Record<string, PropValue> }[]>();
    const addNode = (kind: NodeKind, key: string, name: string, props: Record<string, PropValue>) => {
      assertKind(kind);
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push({ key, name, props });
    };
    for (const e of c.entities) addNode(e.kind, e.key, String(e.props?.name ?? (e.kind === 'Host' || e.kind === 'Domain' ? display(e.key) : e.key)), cleanProps(e.props));
    const seenEnd = new Set<string>();
    for (const e of c.edges) {
      for (const end of [e.from, e.to]) {
        const id = end.kind + '\t' + end.key;
        if (seenEnd.has(id)) continue;
        seenEnd.add(id);
        addNode(end.kind, end.key, end.kind === 'Host' || end.kind === 'Domain' ? display(end.key) : end.key, {});
      }
    }
    for (const [kind, rows] of byKind) {
      if (kind === 'Host') { await this.mergeHosts(rows.map((r) => r.key), created, rows); continue; }
      await this.mergeNodes(kind, dedupeRows(rows), created);
    }

    const tasks: (() => Promise<void>)[] = [];
    const edgeGroups = new Map<string, EdgeRow[]>();
    for (const e of c.edges) {
      const g = `${e.type}\t${e.from.kind}\t${e.to.kind}`;
      (edgeGroups.get(g) ?? edgeGroups.set(g, []).get(g)!).push(e);
    }
    let n = 0;
    for (const [g, list] of edgeGroups) {
      const [type, fk, tk] = g.split('\t') as [string, NodeKind, NodeKind];
      // Stated facts may repeat the same edge (one row per cited source): never CREATE them.
      for (const batch of groupedSlices(list.map((e) => this.edgeRow(e)), this.ctx.batchSize)) {
        tasks.push(this.edgeTask(`${this.ctx.segment}:${chunk}:f${n++}`, type, fk, tk, batch, () => false));
      }
    }
    await pool(tasks, this.ctx.writers);
    return chunk;
  }

  /** Lookups and DNS-derived edges, each (from, to) at most once in `lookups`/`dnsEdges`. */
  async writeDnsLayer(lookups: Iterable<LookupAgg> | AsyncIterable<LookupAgg>, dnsEdges: Iterable<DnsEdgeAgg> | AsyncIterable<DnsEdgeAgg>, tag: string): Promise<void> {
    const size = this.ctx.batchSize;
    let inFlight: Promise<void>[] = [];
    const submit = async (task: () => Promise<void>) => {
      inFlight.push(task());
      // Bounded: at most `writers` batches on their way, so memory stays flat on huge merges.
      if (inFlight.length >= this.ctx.writers) { await Promise.all(inFlight); inFlight = []; }
    };
    let n = 0;
    let batch: EdgeRowMap[] = [];
    const isNewQ = this.isNew('IP', 'Host');
    for await (const l of lookups) {
      batch.push(this.lookupRow(l));
      if (batch.length >= size) { const b = batch; batch = []; await submit(this.edgeTask(`${this.ctx.segment}:${tag}:q${n++}`, 'QUERIED', 'IP', 'Host', b, isNewQ)); }
    }
    if (batch.length) await submit(this.edgeTask(`${this.ctx.segment}:${tag}:q${n++}`, 'QUERIED', 'IP', 'Host', batch, isNewQ));
    await Promise.all(inFlight);
    inFlight = [];
    // DNS edges come grouped by type (their sort key starts with it), one statement shape per group.
    const groups = new Map<string, EdgeRowMap[]>();
    const flush = async (g: string) => {
      const rows = groups.get(g)!;
      groups.set(g, []);
      const [type, fk, tk] = g.split('\t') as [string, NodeKind, NodeKind];
      await submit(this.edgeTask(`${this.ctx.segment}:${tag}:d${n++}`, type, fk, tk, rows, this.isNew(fk, tk)));
    };
    for await (const e of dnsEdges) {
      const g = `${e.type}\t${e.fromKind}\t${e.toKind}`;
      const rows = groups.get(g) ?? groups.set(g, []).get(g)!;
      rows.push(this.dnsEdgeRow(e));
      if (rows.length >= size) await flush(g);
    }
    for (const [g, rows] of groups) if (rows.length) await flush(g);
    await Promise.all(inFlight);
  }

  private isNew(fromKind: NodeKind, toKind: NodeKind): (r: EdgeRowMap) => boolean {
    return (r) => this.created.has(fromKind + '\t' + r.a) || this.created.has(toKind + '\t' + r.b);
  }

  /**
   * One batch = one transaction with its marker. Which rows are created and which merged is
   * decided inside the batch, so the batch's rows (and its key) do not depend on it: after a
   * crash the re-run may merge what the first run created, and still skips the same batches.
   */
  private edgeTask(key: string, type: string, fromKind: NodeKind, toKind: NodeKind, rows: EdgeRowMap[], isNew: (r: EdgeRowMap) => boolean): () => Promise<void> {
    return async () => {
      const fresh = rows.filter(isNew);
      const old = fresh.length === rows.length ? [] : rows.filter((r) => !isNew(r));
      const rel = assertRel(type);
      const t0 = Date.now();
      const applied = await this.ctx.db.writeTx(async (tx: Tx) => {
        const seen = await tx.run('MATCH (b:ImportBatch {key: $key}) RETURN count(b) AS n', { key });
        if (Number(seen[0]?.n) > 0) return false;
        if (fresh.length) await tx.run(edgeCypher(rel, fromKind, toKind, true), { rows: fresh });
        if (old.length) for (const round of rounds(old)) await tx.run(edgeCypher(rel, fromKind, toKind, false), { rows: round });
        await tx.run('CREATE (:ImportBatch {key: $key, at: datetime()})', { key });
        return true;
      }, { caller: 'import:edges', timeoutMs: 600_000 });
      const ms = Date.now() - t0;
      this.time(`${type}:${old.length ? 'merge' : 'create'}`, ms, rows.length);
      if (applied) this.stats.edgeRows += rows.length;
      else this.stats.batchesSkipped++;
      this.ctx.progress?.(rows.length);
    };
  }

  /** Milliseconds and rows per statement kind, for INFRAGRAPH_PROFILE_IMPORT. */
  readonly timings = new Map<string, { ms: number; rows: number }>();

  private time(label: string, ms: number, rows: number): void {
    const t = this.timings.get(label) ?? { ms: 0, rows: 0 };
    t.ms += ms;
    t.rows += rows;
    this.timings.set(label, t);
  }

  private async mergeNodes(kind: NodeKind, rows: { key: string; name: string; props: Record<string, PropValue> }[], created: FlatSet): Promise<void> {
    const cypher = nodeMergeCypher(kind);
    for (const batch of slices(rows, this.ctx.batchSize)) {
      const t0 = Date.now();
      const res = await this.ctx.db.write(cypher, { rows: batch }, { caller: `import:nodes:${kind}`, timeoutMs: 600_000 });
      const keys = (res[0]?.created ?? []) as string[];
      this.time(`node:${kind}`, Date.now() - t0, batch.length);
      for (const k of keys) created.add(kind + '\t' + k);
      this.stats.nodesCreated += keys.length;
    }
  }

  /** Hosts and their SUBDOMAIN_OF edge in the same transaction, so a crash cannot separate them. */
  private async mergeHosts(keys: string[], created: FlatSet, withProps?: { key: string; props: Record<string, PropValue> }[]): Promise<void> {
    const props = new Map(withProps?.map((r) => [r.key, r.props]));
    const rows = [...new Set(keys)].map((key) => ({ key, name: display(key), props: props.get(key) ?? {} }));
    const nodeCypher = nodeMergeCypher('Host');
    for (const batch of slices(rows, this.ctx.batchSize)) {
      const sub = [] as { host: string; domain: string; ref: string }[];
      for (const r of batch) {
        const d = registeredDomain(r.key);
        if (d && d !== r.key) sub.push({ host: r.key, domain: d, ref: this.ctx.refName });
      }
      // The Domain nodes of these hosts must exist before the edge is drawn; DNS chunks merged
      // them already (the aggregator lists every host's domain), so only the others are merged here.
      const needDomains = [...new Set(sub.map((s) => s.domain))]
        .filter((key) => !this.merged.has('Domain\t' + key))
        .map((key) => ({ key, name: display(key), props: {} }));
      const t0 = Date.now();
      const done = await this.ctx.db.writeTx(async (tx) => {
        const dom = needDomains.length ? await tx.run(nodeMergeCypher('Domain'), { rows: needDomains }) : [];
        const res = await tx.run(nodeCypher, { rows: batch });
        if (sub.length) await tx.run(SUBDOMAIN_CYPHER, { rows: sub, src: this.ctx.sourceKey });
        return { hosts: (res[0]?.created ?? []) as string[], domains: (dom[0]?.created ?? []) as string[] };
      }, { caller: 'import:nodes:Host', timeoutMs: 600_000 });
      this.time('node:Host', Date.now() - t0, batch.length);
      for (const d of needDomains) this.merged.add('Domain\t' + d.key);
      for (const k of done.domains) created.add('Domain\t' + k);
      for (const k of done.hosts) created.add('Host\t' + k);
      this.stats.nodesCreated += done.hosts.length + done.domains.length;
    }
  }

  private lookupRow(l: LookupAgg): Record<string, unknown> {
    const { bk, bc } = sortedBuckets(l.buckets);
    const f = Number.isFinite(l.first) ? l.first : null;
    const lt = Number.isFinite(l.last) ? l.last : null;
    return {
      a: l.client, b: l.host, n: l.count, f, l: lt, conf: this.ctx.confidence,
      ref: `${this.ctx.refName}:${l.ref}`, vf: f === null ? '' : iso(f), vt: lt === null ? '' : iso(lt),
      src: this.ctx.sourceKey, p: {}, bk, bc, qt: [...l.qtypes].sort(), rc: [...l.rcodes].sort(),
    };
  }

  private dnsEdgeRow(e: DnsEdgeAgg): Record<string, unknown> {
    const f = Number.isFinite(e.first) ? e.first : null;
    const l = Number.isFinite(e.last) ? e.last : null;
    return {
      a: e.from, b: e.to, n: e.count, f, l, conf: this.ctx.confidence,
      ref: `${this.ctx.refName}:${e.ref}`, vf: f === null ? '' : iso(f), vt: l === null ? '' : iso(l),
      src: this.ctx.sourceKey, p: { rrtype: e.rrtype },
    };
  }

  private edgeRow(e: EdgeRow): Record<string, unknown> {
    return {
      // n = 0: a stated fact is not an observation; counting it would grow with every re-import of an edited file.
      a: e.from.key, b: e.to.key, n: 0, f: null, l: null,
      conf: e.confidence ?? this.ctx.confidence,
      ref: e.refText ?? `${this.ctx.refName}:${e.ref}`,
      vf: e.validFrom ?? '', vt: e.validTo ?? '',
      src: e.source ?? this.ctx.sourceKey, p: cleanProps(e.props),
    };
  }
}

/**
 * Batches that never split the rows of one edge (a, b): two transactions updating the same edge's
 * provenance arrays at once would race. Rows keep their order, so batches stay deterministic.
 */
function groupedSlices(rows: Record<string, unknown>[], size: number): Record<string, unknown>[][] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = `${r.a}\t${r.b}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  const out: Record<string, unknown>[][] = [];
  let cur: Record<string, unknown>[] = [];
  for (const g of groups.values()) {
    if (cur.length && cur.length + g.length > size) { out.push(cur); cur = []; }
    cur.push(...g);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Split rows so each round names an edge once (k-th occurrence of each edge → round k). */
function rounds(rows: Record<string, unknown>[]): Record<string, unknown>[][] {
  const seen = new Map<string, number>();
  const out: Record<string, unknown>[][] = [];
  for (const r of rows) {
    const k = `${r.a}\t${r.b}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push(r);
  }
  return out;
}

function dedupeRows<T extends { key: string; props: Record<string, PropValue> }>(rows: T[]): T[] {
  const m = new Map<string, T>();
  for (const r of rows) {
    const prev = m.get(r.key);
    m.set(r.key, prev ? { ...prev, props: { ...prev.props, ...r.props } } : r);
  }
  return [...m.values()];
}

export type { EntityRow };
