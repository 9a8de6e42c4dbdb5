// Entities: lookup by key (batched), full-text search, neighbourhoods (breadth-first, one query
// per level so a hub never explodes into paths), and provenance of relationships.
import type { Database, Row } from '../../db/database.ts';
import { asNode, asNodes, asRel, asList, asMap } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { ANALYSIS_RECORD_KINDS } from '../../model/index.ts';
import { runQuery } from '../queries/query-library.ts';
import { toNode, toEdge, relTypes, nodeKinds, windowParams, type GNode, type GEdge, type TimeWindow } from '../graph/graph-model.ts';

export async function nodesByKey(db: Database, keys: readonly string[]): Promise<Map<string, GNode>> {
  const out = new Map<string, GNode>();
  if (keys.length === 0) return out;
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'nodes-by-key', { keys: [...new Set(keys)] }), { caller: 'graphql:nodesByKey' });
  for (const r of rows) if (!out.has(String(r.key))) out.set(String(r.key), toNode(asNode(r.n)));
  return out;
}

/** The entity of one kind with this key (a Domain and a Host can share a key); null when none. */
export async function nodeByKeyAndKind(db: Database, key: string, kind: string): Promise<GNode | null> {
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'nodes-by-key', { keys: [key] }), { caller: 'graphql:nodeByKeyAndKind' });
  return rows.map((r) => toNode(asNode(r.n))).find((n) => n.kind === kind) ?? null;
}

/**
 * How a user may write a key that the graph stores in canonical form: surrounding blanks, upper
 * case, a DNS name's trailing dot ("MAIL1.TRUMP-EMAIL.COM." → "mail1.trump-email.com"), as
 * whoControls accepts them.
 */
export function normalizeEntityKey(key: string): string {
  return key.trim().toLowerCase().replace(/\.$/, '');
}

export async function requireNode(db: Database, key: string): Promise<GNode> {
  const n = (await nodesByKey(db, [key])).get(key);
  if (!n) throw new AppError(ErrorCode.NOT_FOUND, `No entity with key "${key}".`);
  return n;
}

// Lucene's query syntax characters; user text never reaches the parser unescaped.
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
export function escapeLucene(s: string): string {
  return s.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * The index uses Lucene's simple analyzer (letters only, lower case), so the text is split the
 * same way; each term matches exactly (boosted), as a prefix, and — from four letters — fuzzily
 * (one edit). All terms must match.
 */
export function luceneQuery(text: string): string {
  const terms = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean).slice(0, 12);
  return terms.map((t) => {
    const e = escapeLucene(t);
    return `(${e}^3 OR ${e}*${t.length >= 4 ? ` OR ${e}~1` : ''})`;
  }).join(' AND ');
}

export interface SearchPage { nodes: GNode[]; scores: number[]; offset: number; hasNext: boolean }

export async function search(db: Database, text: string, kinds: string[] | null | undefined, offset: number, first: number): Promise<SearchPage> {
  const t = text.trim();
  if (!t) throw new AppError(ErrorCode.BAD_USER_INPUT, 'search text must not be empty.');
  if (t.length > 200) throw new AppError(ErrorCode.BAD_USER_INPUT, 'search text is limited to 200 characters.');
  const exact = t.toLowerCase();
  // Address-, prefix- and AS-number-like text is matched by key prefix (digits are not indexed).
  const keyPrefix = /^(as)?[0-9a-f.:/]+$/i.test(t) && /\d/.test(t) ? exact : '';
  const params = {
    lucene: luceneQuery(t), exact, keyPrefix, kinds: nodeKinds(kinds),
    fetch: Math.min(offset + first + 1, 1000) + 50, skip: offset, limit: first + 1,
  };
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'search', params), { caller: 'graphql:search' });
  const kept = rows.slice(0, first);
  return { nodes: kept.map((r) => toNode(asNode(r.node))), scores: kept.map((r) => Number(r.rank)), offset, hasNext: rows.length > first };
}

export interface NeighborhoodArgs {
  key: string; depth?: number | null; kinds?: string[] | null; relationTypes?: string[] | null;
  minConfidence?: number | null; minDegree?: number | null; window?: TimeWindow | null; limit?: number | null;
}
export interface Subgraph { root?: GNode; nodes: GNode[]; edges: GEdge[]; truncated: boolean }

export async function neighborhood(db: Database, a: NeighborhoodArgs): Promise<Subgraph> {
  const depth = a.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new AppError(ErrorCode.BAD_USER_INPUT, 'depth must be 1, 2 or 3.');
  const limit = a.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'limit must be from 1 to 5000.');
  const root = (await nodesByKey(db, [a.key])).get(a.key) ?? await recordByKey(db, a.key);
  if (!root) throw new AppError(ErrorCode.NOT_FOUND, `No entity or analysis record with key "${a.key}".`);
  if (RECORD_KINDS.has(root.kind)) return expandRecord(db, root, depth, limit);
  return expandFrom(db, [root], { ...a, depth, limit });
}

const RECORD_KINDS: ReadonlySet<string> = new Set(ANALYSIS_RECORD_KINDS);
// What a record is about: evidence → the claims, events and entities it refers to → their subjects.
// BEARS_ON and CITES are left out: from a hypothesis they would pull in the whole matrix.
const RECORD_LINKS = ['REFERS_TO', 'ABOUT', 'INVOLVES'];

async function recordByKey(db: Database, key: string): Promise<GNode | null> {
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'record-by-key', { key }), { caller: 'graphql:recordByKey' });
  return rows.length ? toNode(asNode(rows[0].n)) : null;
}

/**
 * Neighbourhood of an analysis record: outgoing REFERS_TO, ABOUT and INVOLVES only (entity filters
 * such as kinds, types and window do not apply to these links), breadth-first up to `depth`.
 */
async function expandRecord(db: Database, root: GNode, depth: number, limit: number): Promise<Subgraph> {
  const nodes = new Map<string, GNode>([[root.id, root]]);
  const edges = new Map<string, GEdge>();
  let frontier = [root.id];
  let truncated = false;
  await db.readTx(async (tx) => {
    for (let level = 0; level < depth && frontier.length > 0 && !truncated; level++) {
      const rows: Row[] = await runQuery(tx, 'entities', 'expand-record', { frontier, types: RECORD_LINKS, limit: limit * 4 + 1 });
      if (rows.length > limit * 4) truncated = true;
      const next: string[] = [];
      for (const r of rows) {
        const rel = asRel(r.r);
        const end = asNode(r.e);
        if (!nodes.has(end.id)) {
          if (nodes.size >= limit) { truncated = true; continue; }
          nodes.set(end.id, toNode(end));
          next.push(end.id);
        }
        edges.set(rel.id, toEdge(rel, nodes));
      }
      frontier = next;
    }
  }, { caller: 'graphql:neighborhood' });
  return { root, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

/** Breadth-first expansion from seed nodes, keeping at most `limit` nodes. */
export async function expandFrom(db: Database, seeds: GNode[], a: Omit<NeighborhoodArgs, 'key'> & { depth: number; limit: number }): Promise<Subgraph> {
  const base = {
    types: relTypes(a.relationTypes), kinds: nodeKinds(a.kinds),
    minConfidence: a.minConfidence ?? 0, minDegree: a.minDegree ?? 0, ...windowParams(a.window),
  };
  const nodes = new Map<string, GNode>(seeds.map((s) => [s.id, s]));
  const edges = new Map<string, GEdge>();
  let frontier = seeds.map((s) => s.id);
  let truncated = false;
  await db.readTx(async (tx) => {
    for (let level = 0; level < a.depth && frontier.length > 0 && !truncated; level++) {
      const budget = a.limit * 4 + 1;
      const rows: Row[] = await runQuery(tx, 'entities', 'expand', { ...base, frontier, limit: budget });
      if (rows.length >= budget) truncated = true;
      const next: string[] = [];
      for (const r of rows) {
        const rel = asRel(r.r);
        let ok = true;
        for (const end of [asNode(r.s), asNode(r.e)]) {
          if (nodes.has(end.id)) continue;
          if (nodes.size >= a.limit) { truncated = true; ok = false; continue; }
          nodes.set(end.id, toNode(end));
          next.push(end.id);
        }
        if (ok && nodes.has(rel.start) && nodes.has(rel.end)) edges.set(rel.id, toEdge(rel, nodes));
      }
      frontier = next;
    }
  }, { caller: 'graphql:neighborhood' });
  return { root: seeds[0], nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

export async function relationshipsById(db: Database, ids: readonly string[]): Promise<Map<string, GEdge>> {
  const out = new Map<string, GEdge>();
  if (ids.length === 0) return out;
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'relationship-by-id', { ids: [...new Set(ids)] }), { caller: 'graphql:relationshipsById' });
  for (const r of rows) {
    const s = toNode(asNode(r.s)), e = toNode(asNode(r.e));
    out.set(String(r.id), toEdge(asRel(r.r), new Map([[s.id, s], [e.id, e]])));
  }
  return out;
}

export async function sourcesByKey(db: Database, keys: readonly string[]): Promise<Map<string, GNode>> {
  const out = new Map<string, GNode>();
  if (keys.length === 0) return out;
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'sources-by-key', { keys: [...new Set(keys)] }), { caller: 'graphql:sourcesByKey' });
  for (const r of rows) out.set(String(r.key), toNode(asNode(r.s)));
  return out;
}

export interface Cohosted { address: GNode; hosts: GNode[]; neighbours: { prefix: GNode; address: GNode | null; hosts: GNode[] }[] }

export async function cohosted(db: Database, key: string, limit = 200): Promise<Cohosted[]> {
  const n = await requireNode(db, key);
  if (n.kind !== 'Host' && n.kind !== 'IP') throw new AppError(ErrorCode.BAD_USER_INPUT, `cohosted takes a Host or an IP; "${key}" is a ${n.kind}.`);
  const rows = await db.readTx((tx) => runQuery(tx, 'entities', 'cohosted', { id: n.id, limit }), { caller: 'graphql:cohosted' });
  return rows.map((r) => ({
    address: toNode(asNode(r.ip)),
    hosts: asNodes(r.hosts).map(toNode),
    neighbours: asList(r.neighbours).map(asMap)
      .map((x) => ({ prefix: toNode(asNode(x.prefix)), address: x.address ? toNode(asNode(x.address)) : null, hosts: asNodes(x.hosts).map(toNode) })),
  }));
}
