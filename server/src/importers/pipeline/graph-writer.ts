// Writes aggregated chunks to Neo4j in batched `UNWIND $rows` transactions.
//
// Exactly-once: every edge batch runs in one transaction together with an (:ImportBatch) marker
// whose key is derived from the import segment, chunk and batch number. Chunks and batches depend
// only on the input, so after a kill -9 a re-run skips the batches that committed and applies the
// rest: the graph ends as a clean run leaves it. Node writes are MERGEs and need no marker.
//
// Under the import lock every transaction here is fenced (lock-fence.ts): an import that lost
// its lock while stopped writes nothing more.
import type { Database, Tx } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { internalStatement } from '../../cypher/statement-files.ts';
import type { Chunk, DnsEdgeAgg, LookupAgg, NodeTables } from './aggregate.ts';
import { CREATED } from './key-table.ts';
import { edgeCypher, isKeyedLookup, nodeMergeCypher, queriedCreateCypher, queriedKey, queriedUpdateCypher, subdomainOf, assertKind, assertRel } from './edge-cypher.ts';
import type { EdgeRow } from '../types.ts';
import type { NodeKind, PropValue, RelType } from '../../model/index.ts';
import { displayName, registeredDomain } from '../normalize/names.ts';
import { isoMillis as iso } from '../normalize/time.ts';
import { pool, slices } from './pool.ts';
import { writeDnsNodes } from './dns-node-writer.ts';
import { PartitionedBatches } from './partitioned-batches.ts';
import type { LayerWriter, Rows } from './layer-writer.ts';
import { edgeOf, halveByEdge, newBatch, type EdgeBatch, type EdgeRowMap } from './edge-batch.ts';
import { isMemoryLimit, oneRowTooBig, RowHalving, writeBounded } from './memory-bound.ts';
import type { ImportFence } from './lock-fence.ts';

export interface WriteContext {
  db: Database;
  /** The import lock this import holds; its batches write only while it does. */
  fence?: ImportFence;
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
  /**
   * QUERIED rows without the 15-minute histogram (buckets/bucketCounts): once the event store
   * answers every time-series question, the histogram is dead weight on the hottest write.
   */
  leanLookups?: boolean;
  /** Called after each committed batch with the number of rows written. */
  progress?: (rows: number) => void;
}

/** batchesSplit / nodeBatchesSplit: how many times an edge / node batch was cut in two to fit the server's transaction memory. */
export interface WriteStats { nodesCreated: number; edgeRows: number; batchesSkipped: number; batchesSplit: number; nodeBatchesSplit: number }

const RESERVED = new Set(['key', 'addedAt', 'addedBy']);

function cleanProps(p: Record<string, PropValue> | undefined): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  if (!p) return out;
  for (const [k, v] of Object.entries(p)) if (!RESERVED.has(k) && v !== null && v !== undefined) out[k] = v;
  return out;
}

export class GraphWriter implements LayerWriter {
  private chunkNo = 0;
  readonly stats: WriteStats = { nodesCreated: 0, edgeRows: 0, batchesSkipped: 0, batchesSplit: 0, nodeBatchesSplit: 0 };
  private readonly nodeHalving = new RowHalving('node', () => { this.stats.nodeBatchesSplit++; });

  constructor(private readonly ctx: WriteContext) {}

  /** Nodes first seen in DNS data (see dns-node-writer.ts). */
  async writeDnsNodes(nodes: { Domain: string[]; IP: string[]; Host: string[] }, tables: NodeTables, writers = 1): Promise<void> {
    await writeDnsNodes({
      db: this.ctx.db, sourceKey: this.ctx.sourceKey, refName: this.ctx.refName, batchSize: this.ctx.batchSize,
      time: (l, ms, rows) => this.time(l, ms, rows), onCreated: (n) => { this.stats.nodesCreated += n; },
      halving: this.nodeHalving, fence: this.ctx.fence,
    }, nodes, tables, writers);
  }

  /** Nodes and stated facts (registry and case edges) of one chunk. */
  async writeNodesAndFacts(c: Chunk): Promise<void> {
    const chunk = this.chunkNo++;
    // Stated facts are always MERGEd (one edge may be cited by several sources), so which of
    // their nodes are new does not matter here.
    // Generic entities (registry, case files), grouped by kind; then endpoints of generic edges.
    const byKind = new Map<NodeKind, NodeRow[]>();
    const addNode = (kind: NodeKind, key: string, name: string, props: Record<string, PropValue>) => {
      assertKind(kind);
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push({ key, name, props });
    };
    for (const e of c.entities) addNode(e.kind, e.key, String(e.props?.name ?? (e.kind === 'Host' || e.kind === 'Domain' ? displayName(e.key) : e.key)), cleanProps(e.props));
    const seenEnd = new Set<string>();
    for (const e of c.edges) {
      for (const end of [e.from, e.to]) {
        const id = end.kind + '\t' + end.key;
        if (seenEnd.has(id)) continue;
        seenEnd.add(id);
        addNode(end.kind, end.key, end.kind === 'Host' || end.kind === 'Domain' ? displayName(end.key) : end.key, {});
      }
    }
    for (const [kind, rows] of byKind) {
      if (kind === 'Host') await this.mergeHosts(dedupeRows(rows));
      else await this.mergeNodes(kind, dedupeRows(rows));
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
        tasks.push(this.edgeTask(`${this.ctx.segment}:${chunk}:f${n++}`, type, fk, tk, { lean: [], create: [], merge: batch, size: batch.length }));
      }
    }
    await pool(tasks, this.ctx.writers);
  }

  /**
   * Lookups and DNS-derived edges, each (from, to) at most once. An edge with an endpoint this
   * import created cannot exist yet and is CREATEd; the others are MERGEd. Batches are cut per
   * cell of a grid over the end nodes' ids and only batches that share no node run at once
   * (partitioned-batches.ts), so writers never wait on each other's node locks.
   */
  async writeDnsLayer(lookups: Rows<LookupAgg>, dnsEdges: Rows<DnsEdgeAgg>, tables: NodeTables, tag: string): Promise<void> {
    const size = this.ctx.batchSize;
    const k = Math.max(1, this.ctx.writers);
    const { IP, Host } = tables;
    const lookupsOut = new PartitionedBatches<LookupAgg>(k, size, this.ctx.writers, { from: 'IP', to: 'Host' }, (b) => {
      const batch = newBatch();
      for (const l of b.rows) {
        if (IP.is(l.cid, CREATED) || Host.is(l.hid, CREATED)) batch.lean.push(this.leanLookupRow(l));
        else batch.merge.push(this.lookupRow(l));
        batch.size++;
      }
      return this.edgeTask(`${this.ctx.segment}:${tag}:q${b.cell}.${b.seq}`, 'QUERIED', 'IP', 'Host', batch)();
    });
    let open: PartitionedBatches<DnsEdgeAgg> | null = null;
    try {
      for await (const l of lookups) await lookupsOut.add(l.cid, l.hid, l);
      await lookupsOut.finish();
      // DNS edges come ordered by type, one statement shape per type.
      let group = '';
      for await (const e of dnsEdges) {
        const g = `${e.type}\t${e.fromKind}\t${e.toKind}`;
        if (g !== group) {
          if (open) await open.finish();
          group = g;
          const [type, fk, tk] = g.split('\t') as [string, NodeKind, NodeKind];
          open = new PartitionedBatches<DnsEdgeAgg>(k, size, this.ctx.writers, { from: fk, to: tk }, (b) => {
            const batch = newBatch();
            for (const r of b.rows) {
              const isNew = tables[r.fromKind as keyof NodeTables].is(r.fromId, CREATED) || tables[r.toKind as keyof NodeTables].is(r.toId, CREATED);
              (isNew ? batch.create : batch.merge).push(this.dnsEdgeRow(r));
              batch.size++;
            }
            return this.edgeTask(`${this.ctx.segment}:${tag}:d${type}:${b.cell}.${b.seq}`, type, fk, tk, batch)();
          });
        }
        await open!.add(e.fromId, e.toId, e);
      }
      if (open) await open.finish();
    } catch (e) {
      await lookupsOut.settle();
      if (open) await (open as PartitionedBatches<DnsEdgeAgg>).settle();
      throw e;
    }
  }

  /**
   * One batch = one transaction with its marker (see EdgeBatch). Keyed lookup edges (see
   * isKeyedLookup) are found by key and updated, the pairs not found CREATEd: no other import
   * writes meanwhile (the import lock) and each pair is in one batch, so a pair gets one edge.
   */
  private edgeTask(key: string, type: string, fromKind: NodeKind, toKind: NodeKind, b: EdgeBatch): () => Promise<void> {
    return async () => {
      const rel = assertRel(type);
      const t0 = Date.now();
      const keyed = isKeyedLookup(rel, fromKind, toKind);
      if (keyed && b.merge.length) await this.lookupKeyOnline();
      const applied = await this.applyBatch(key, rel, fromKind, toKind, b, keyed);
      const ms = Date.now() - t0;
      const n = b.lean.length + b.create.length + b.merge.length;
      this.time(`${type}:${b.merge.length ? (keyed ? 'keyed' : 'merge') : 'create'}`, ms, n);
      if (applied) this.stats.edgeRows += applied;
      else this.stats.batchesSkipped++;
      this.ctx.progress?.(n);
    };
  }

  private keyIndex: Promise<void> | null = null;

  /** Keyed seeks need the key index online; after a bulk load it may still be populating. */
  private lookupKeyOnline(): Promise<void> {
    return (this.keyIndex ??= this.ctx.db.schema(internalStatement('import', 'await-lookup-key', {}), { caller: 'import:await-lookup-key', timeoutMs: 660_000 }));
  }

  /** How many times batches of this import had to be halved to fit (see applyBatch). */
  private splitDepth = 0;

  /**
   * A batch in one transaction; one that outgrows the server's transaction memory is written as
   * two halves, each with its own marker (<key>/0, <key>/1), halving again as needed. Every file
   * is a source and every source that sees a known pair again adds a provenance slot to its edge,
   * so a batch that fitted on the first day may not fit after many hourly files
   * (bench/slot-growth.ts). The halves are cut by edge key, not by row position, so a resumed
   * import cuts a batch exactly as the killed one did (which rows are new may differ by then).
   * Once one batch needed halving, the next ones are halved as deep before they are tried: a
   * failed attempt costs as much as the write. Returns the rows written now (0 when an earlier
   * run wrote the whole batch).
   */
  private async applyBatch(key: string, rel: RelType, fromKind: NodeKind, toKind: NodeKind, b: EdgeBatch, keyed: boolean, depth = 0): Promise<number> {
    const halves = depth < this.splitDepth ? halveByEdge(b) : null;
    if (halves) return this.applyHalves(key, rel, fromKind, toKind, halves, keyed, depth);
    try {
      return await this.applyWhole(key, rel, fromKind, toKind, b, keyed);
    } catch (e) {
      if (!isMemoryLimit(e)) throw e;
      const cut = halveByEdge(b);
      if (!cut) throw oneRowTooBig(`One ${rel} edge's provenance`, e);
      this.splitDepth = Math.max(this.splitDepth, depth + 1);
      this.stats.batchesSplit++;
      this.time(`${rel}.split`, 0, b.size);
      return this.applyHalves(key, rel, fromKind, toKind, cut, keyed, depth);
    }
  }

  private async applyHalves(key: string, rel: RelType, fromKind: NodeKind, toKind: NodeKind, [first, second]: [EdgeBatch, EdgeBatch], keyed: boolean, depth: number): Promise<number> {
    return await this.applyBatch(`${key}/0`, rel, fromKind, toKind, first, keyed, depth + 1)
      + await this.applyBatch(`${key}/1`, rel, fromKind, toKind, second, keyed, depth + 1);
  }

  private async applyWhole(key: string, rel: RelType, fromKind: NodeKind, toKind: NodeKind, b: EdgeBatch, keyed: boolean): Promise<number> {
    const { value: applied, commitMs } = await writeBounded(this.ctx.db, async (tx: Tx) => {
      try {
        return await this.batchStatements(tx, key, rel, fromKind, toKind, b, keyed);
      } catch (e) {
        this.time(`${rel}.failed:${(e as { code?: string }).code ?? 'error'}`, 0, b.size);
        throw e;
      }
    }, {
      caller: 'import:edges', timeoutMs: 600_000, halvable: b.size > 1,
      fence: this.ctx.fence,
      // The driver repeats a transaction after a transient error without a word: count it here.
      onRepeat: () => this.time(`${rel}.repeated`, 0, b.size),
    });
    // The commit (commands built, logged, applied to the store and its indexes) is timed apart:
    // on a next day it is about a third of a lookup batch (BENCHMARKS.md, 2026-12-07).
    if (applied) this.time(`${rel}.commit`, commitMs, b.size);
    return applied ? b.size : 0;
  }

  /** One batch's statements in its transaction; false when its marker says it was applied before. */
  private async batchStatements(tx: Tx, key: string, rel: RelType, fromKind: NodeKind, toKind: NodeKind, b: EdgeBatch, keyed: boolean): Promise<boolean> {
    const hist = !this.ctx.leanLookups;
    const marker = { key };
    // A part's own marker, or its whole batch's: the commit of a whole batch may have succeeded
    // with its answer lost, and the batch then be split on the driver's retry.
    const check = { key, done: key.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')) };
    const seen = await tx.run(internalStatement('import', 'batch-applied', check), check);
    if (Number(seen[0]?.n) > 0) return false;
    // Part of it was written in halves before a kill: write the rest the same way.
    if (Number(seen[0]?.parts) > 0) throw splitBefore();
    if (b.lean.length) {
      await tx.runRows(queriedCreateCypher(hist), { rows: b.lean, src: this.ctx.sourceKey, conf: this.ctx.confidence, refName: this.ctx.refName });
    }
    if (b.create.length) await tx.run(edgeCypher(rel, fromKind, toKind, true, hist), { rows: b.create });
    for (const round of b.merge.length ? rounds(b.merge) : []) {
      if (!keyed) { await tx.run(edgeCypher(rel, fromKind, toKind, false, hist), { rows: round }); continue; }
      let t = Date.now();
      const res = await tx.run(queriedUpdateCypher(hist), { rows: round });
      const hit = new Set((res[0]?.hit ?? []) as string[]);
      this.time(`${rel}.found`, Date.now() - t, hit.size);
      const fresh = round.filter((r) => !hit.has(queriedKey(String(r.a), String(r.b))));
      t = Date.now();
      if (fresh.length) await tx.run(edgeCypher(rel, fromKind, toKind, true, hist), { rows: fresh });
      this.time(`${rel}.new`, Date.now() - t, fresh.length);
    }
    await tx.run(internalStatement('import', 'batch-mark', marker), marker);
    return true;
  }

  /** Milliseconds and rows per statement kind, for INFRAGRAPH_PROFILE_IMPORT. */
  readonly timings = new Map<string, { ms: number; rows: number }>();

  /** Named instants of the import, for the same profile. */
  readonly marks: [string, number][] = [];

  mark(label: string): void { this.marks.push([label, Date.now()]); }

  time(label: string, ms: number, rows: number): void {
    const t = this.timings.get(label) ?? { ms: 0, rows: 0 };
    t.ms += ms;
    t.rows += rows;
    this.timings.set(label, t);
  }

  private async mergeNodes(kind: NodeKind, rows: NodeRow[]): Promise<void> {
    const cypher = nodeMergeCypher(kind);
    for (const batch of slices(rows, this.ctx.batchSize)) {
      const created = await this.nodeHalving.write(batch, async (part) => {
        const t0 = Date.now();
        const res = await writeBounded(this.ctx.db, (tx) => tx.run(cypher, { rows: part, src: this.ctx.sourceKey }), { caller: `import:nodes:${kind}`, timeoutMs: 600_000, halvable: part.length > 1, fence: this.ctx.fence });
        this.time(`node:${kind}`, Date.now() - t0, part.length);
        return (res.value[0]?.created ?? []) as string[];
      });
      this.stats.nodesCreated += created.length;
    }
  }

  /** Hosts and their SUBDOMAIN_OF edge in the same transaction, so a crash cannot separate them. */
  private async mergeHosts(rows: NodeRow[]): Promise<void> {
    for (const batch of slices(rows, this.ctx.batchSize)) {
      this.stats.nodesCreated += (await this.nodeHalving.write(batch, (part) => this.mergeHostPart(part))).length;
    }
  }

  /** The keys of the Host and Domain nodes created. */
  private async mergeHostPart(batch: NodeRow[]): Promise<string[]> {
    const sub = [] as { host: string; domain: string; ref: string }[];
    for (const r of batch) {
      const d = registeredDomain(r.key);
      if (d && d !== r.key) sub.push({ host: r.key, domain: d, ref: this.ctx.refName });
    }
    // The Domain nodes of these hosts must exist before the edge is drawn.
    const needDomains = [...new Set(sub.map((s) => s.domain))].map((key) => ({ key, name: displayName(key), props: {} }));
    const t0 = Date.now();
    const { value } = await writeBounded(this.ctx.db, async (tx) => {
      const dom = needDomains.length ? await tx.run(nodeMergeCypher('Domain'), { rows: needDomains, src: this.ctx.sourceKey }) : [];
      const res = await tx.run(nodeMergeCypher('Host'), { rows: batch, src: this.ctx.sourceKey });
      if (sub.length) await tx.run(...subdomainOf('subdomain-of-merge', sub, this.ctx.sourceKey));
      return [...(res[0]?.created ?? []) as string[], ...(dom[0]?.created ?? []) as string[]];
    }, { caller: 'import:nodes:Host', timeoutMs: 600_000, halvable: batch.length > 1, fence: this.ctx.fence });
    this.time('node:Host', Date.now() - t0, batch.length);
    return value;
  }

  /** A new lookup edge for QUERIED_CREATE_CYPHER (numbers stay plain; constants are parameters). */
  private leanLookupRow(l: LookupAgg): Record<string, unknown> {
    return { ...lookupFields(l, !this.ctx.leanLookups), r: l.ref };
  }

  private lookupRow(l: LookupAgg): Record<string, unknown> {
    return { ...lookupFields(l, !this.ctx.leanLookups), conf: this.ctx.confidence, ref: `${this.ctx.refName}:${l.ref}`, src: this.ctx.sourceKey, p: {} };
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

type NodeRow = { key: string; name: string; props: Record<string, PropValue> };

/** What both lookup rows carry: counts, times, histogram as two lists, code sets (sorted already). */
function lookupFields(l: LookupAgg, histogram: boolean): Record<string, unknown> {
  const f = Number.isFinite(l.first) ? l.first : null;
  const lt = Number.isFinite(l.last) ? l.last : null;
  const row: Record<string, unknown> = { a: l.client, b: l.host, n: l.count, f, l: lt, vf: f === null ? '' : iso(f), vt: lt === null ? '' : iso(lt), qt: l.qtypes, rc: l.rcodes };
  if (histogram) {
    const bk: number[] = [], bc: number[] = [];
    for (let i = 0; i < l.buckets.length; i += 2) { bk.push(l.buckets[i]); bc.push(l.buckets[i + 1]); }
    row.bk = bk;
    row.bc = bc;
  }
  return row;
}

/**
 * Batches that never split the rows of one edge (a, b): two transactions updating the same edge's
 * provenance arrays at once would race. Rows keep their order, so batches stay deterministic.
 */
function groupedSlices(rows: Record<string, unknown>[], size: number): Record<string, unknown>[][] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = edgeOf(r);
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

/** A batch that must be written in halves, as an earlier run of the same import began to. */
const splitBefore = () => new AppError(ErrorCode.LIMIT_EXCEEDED, 'An earlier run of this import wrote this batch in halves.');

/** Split rows so each round names an edge once (k-th occurrence of each edge → round k). */
function rounds(rows: Record<string, unknown>[]): Record<string, unknown>[][] {
  const seen = new Map<string, number>();
  const out: Record<string, unknown>[][] = [];
  for (const r of rows) {
    const k = edgeOf(r);
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

