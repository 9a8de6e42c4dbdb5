// The API's view of graph values: nodes keep their element id, key, kind and properties;
// relationships carry their summaries (confidence, validity, counts) and the raw provenance
// arrays, from which `edgeSources` builds one entry per source slot.
import type { Plain, NodeDTO, RelDTO, PathDTO } from '../../db/convert.ts';
import { ANALYSIS_KINDS, NODE_KINDS, REL_TYPES, familyOf, isNodeKind, isRelType, type EdgeFamily } from '../../model/index.ts';
import { AppError, ErrorCode } from '../../errors.ts';

export interface GNode { id: string; key: string; kind: string; labels: string[]; name: string; props: Record<string, Plain> }
export interface GEdge {
  id: string; type: string; family: EdgeFamily; fromId: string; toId: string;
  from?: GNode; to?: GNode; props: Record<string, Plain>;
}
const KIND_ORDER: readonly string[] = [...NODE_KINDS, ...ANALYSIS_KINDS];

export function toNode(n: NodeDTO): GNode {
  const kind = KIND_ORDER.find((k) => n.labels.includes(k)) ?? n.labels[0] ?? 'Node';
  const key = String(n.props.key ?? n.id);
  return { id: n.id, key, kind, labels: n.labels, name: String(n.props.name ?? n.props.title ?? key), props: n.props };
}

/**
 * Lookup edges' `k` (the importer's unique key, see edge-cypher.ts) is bookkeeping, not a fact: the
 * API leaves it out. Their validity is stored only where a stated source reaches past the
 * observations; otherwise it is [firstSeen, lastSeen], filled in here so the API reads as before.
 */
export function toEdge(r: RelDTO, nodes?: Map<string, GNode>): GEdge {
  let props = r.props;
  if (r.type === 'QUERIED') {
    const { k: _key, ...rest } = r.props;
    props = { ...rest, validFrom: rest.validFrom ?? rest.firstSeen ?? null, validTo: rest.validTo ?? rest.lastSeen ?? null };
    if (props.validFrom === null) delete props.validFrom;
    if (props.validTo === null) delete props.validTo;
  }
  return { id: r.id, type: r.type, family: familyOf(r.type), fromId: r.start, toId: r.end, from: nodes?.get(r.start), to: nodes?.get(r.end), props };
}

export function isNode(v: unknown): v is NodeDTO {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as NodeDTO).labels) && 'props' in v && 'id' in v;
}
export function isRel(v: unknown): v is RelDTO {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as RelDTO).type === 'string' && 'start' in v && 'end' in v && 'props' in v;
}
export function isPath(v: unknown): v is PathDTO {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as PathDTO).nodes) && Array.isArray((v as PathDTO).rels);
}

/** Every node and relationship found anywhere in a result (rows of any shape). */
export function extractGraph(values: unknown[]): { nodes: GNode[]; edges: GEdge[] } {
  const nodes = new Map<string, GNode>();
  const rels = new Map<string, RelDTO>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (const x of v) walk(x); return; }
    if (isNode(v)) { if (!nodes.has(v.id)) nodes.set(v.id, toNode(v)); return; }
    if (isRel(v)) { rels.set(v.id, v); return; }
    if (isPath(v)) { for (const n of v.nodes) walk(n); for (const r of v.rels) walk(r); return; }
    for (const x of Object.values(v)) walk(x);
  };
  for (const v of values) walk(v);
  const edges = [...rels.values()].map((r) => toEdge(r, nodes));
  return { nodes: [...nodes.values()], edges };
}

export interface EdgeSourceSlot {
  sourceKey: string; confidence: number | null; ref: string | null; count: number | null;
  validFrom: string | null; validTo: string | null;
}

/** One entry per provenance slot of the edge's parallel arrays. */
export function edgeSources(props: Record<string, Plain>): EdgeSourceSlot[] {
  const arr = (k: string) => (Array.isArray(props[k]) ? (props[k] as Plain[]) : []);
  const sources = arr('sources');
  const conf = arr('srcConf'), ref = arr('srcRef'), cnt = arr('srcCount'), from = arr('srcFrom'), to = arr('srcTo');
  return sources.map((s, i) => ({
    sourceKey: String(s),
    confidence: typeof conf[i] === 'number' ? (conf[i] as number) : null,
    ref: ref[i] == null || ref[i] === '' ? null : String(ref[i]),
    count: typeof cnt[i] === 'number' ? (cnt[i] as number) : null,
    validFrom: from[i] ? String(from[i]) : null,
    validTo: to[i] ? String(to[i]) : null,
  }));
}

export const ENTITY_REL_TYPES: readonly string[] = REL_TYPES;

/** Validate an optional relationship-type list; empty/absent = every entity relationship type. */
export function relTypes(list: readonly string[] | null | undefined): string[] {
  if (!list || list.length === 0) return [...REL_TYPES];
  for (const t of list) {
    if (!isRelType(t)) throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown relationship type "${t}" (allowed: ${REL_TYPES.join(', ')}).`);
  }
  return [...new Set(list)];
}

export function nodeKinds(list: readonly string[] | null | undefined): string[] {
  if (!list || list.length === 0) return [];
  for (const k of list) {
    if (!isNodeKind(k)) throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown node kind "${k}" (allowed: ${NODE_KINDS.join(', ')}).`);
  }
  return [...new Set(list)];
}

export type WindowMode = 'LOOSE' | 'STRICT';
export interface TimeWindow { from: string; to: string; mode?: WindowMode }

/** Window as query parameters (winFrom/winTo null = no window). */
export function windowParams(w: TimeWindow | null | undefined): { winFrom: string | null; winTo: string | null; winMode: WindowMode } {
  if (!w) return { winFrom: null, winTo: null, winMode: 'LOOSE' };
  const f = Date.parse(w.from), t = Date.parse(w.to);
  if (!Number.isFinite(f) || !Number.isFinite(t)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'window.from and window.to must be ISO-8601 times.');
  if (f > t) throw new AppError(ErrorCode.BAD_USER_INPUT, 'window.from must not be after window.to.');
  return { winFrom: new Date(f).toISOString(), winTo: new Date(t).toISOString(), winMode: w.mode ?? 'LOOSE' };
}

export function isoOrNull(s: string | null | undefined, what: string): string | null {
  if (s == null) return null;
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) throw new AppError(ErrorCode.BAD_USER_INPUT, `${what} must be an ISO-8601 time, got "${s}".`);
  return new Date(ms).toISOString();
}
