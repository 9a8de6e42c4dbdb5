// Export a subgraph with its provenance: GraphML, Cytoscape.js JSON, STIX 2.1 or CSV.
// The selection is a set of keys expanded breadth-first (depth 1–3) over allow-listed types.
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { nodesByKey, expandFrom, sourcesByKey } from '../entities/entity-service.ts';
import { edgeSources, type GNode, type GEdge } from '../graph/graph-model.ts';
import { xmlText, csvCell } from './control-chars.ts';

export type ExportFormat = 'GRAPHML' | 'CYTOSCAPE_JSON' | 'STIX21' | 'CSV';
export interface Selection { keys: string[]; depth?: number | null; relationTypes?: string[] | null }
export interface ExportResult { format: ExportFormat; mimeType: string; filename: string; content: string; nodeCount: number; edgeCount: number; truncated: boolean }

const EXPORT_LIMIT = 5000;

interface Prov { key: string; name: string | null; kind: string | null; confidence: number | null; ref: string | null; count: number | null; validFrom: string | null; validTo: string | null }

export async function exportSubgraph(db: Database, sel: Selection, format: ExportFormat): Promise<ExportResult> {
  if (!sel.keys?.length || sel.keys.length > 500) throw new AppError(ErrorCode.BAD_USER_INPUT, 'selection.keys must list 1 to 500 keys.');
  const depth = sel.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new AppError(ErrorCode.BAD_USER_INPUT, 'selection.depth must be 1, 2 or 3.');
  const found = await nodesByKey(db, sel.keys);
  const missing = sel.keys.filter((k) => !found.has(k));
  if (missing.length) throw new AppError(ErrorCode.NOT_FOUND, `No entity with key ${missing.map((k) => `"${k}"`).join(', ')}.`);
  const g = await expandFrom(db, [...found.values()], { depth, limit: EXPORT_LIMIT, relationTypes: sel.relationTypes });
  const srcKeys = new Set<string>();
  for (const e of g.edges) for (const s of edgeSources(e.props)) srcKeys.add(s.sourceKey);
  const sources = await sourcesByKey(db, [...srcKeys]);
  const prov = (e: GEdge): Prov[] => edgeSources(e.props).map((s) => ({
    key: s.sourceKey, name: sources.get(s.sourceKey)?.name ?? null, kind: (sources.get(s.sourceKey)?.props.kind as string) ?? null,
    confidence: s.confidence, ref: s.ref, count: s.count, validFrom: s.validFrom, validTo: s.validTo,
  }));
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const content = format === 'GRAPHML' ? graphml(g.nodes, g.edges, byId, prov)
    : format === 'CYTOSCAPE_JSON' ? JSON.stringify(cytoscape(g.nodes, g.edges, prov))
    : format === 'STIX21' ? JSON.stringify(stixBundle(g.nodes, g.edges, byId, prov))
    : csv(g.edges, byId, prov);
  const ext = { GRAPHML: ['application/graphml+xml', 'graphml'], CYTOSCAPE_JSON: ['application/json', 'cyjs'], STIX21: ['application/stix+json;version=2.1', 'stix.json'], CSV: ['text/csv', 'csv'] }[format];
  return { format, mimeType: ext[0], filename: `infragraph-export.${ext[1]}`, content, nodeCount: g.nodes.length, edgeCount: g.edges.length, truncated: g.truncated };
}

const SUMMARY = ['confidence', 'validFrom', 'validTo', 'firstSeen', 'lastSeen', 'count'] as const;

const xml = xmlText;

function graphml(nodes: GNode[], edges: GEdge[], byId: Map<string, GNode>, prov: (e: GEdge) => Prov[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '<key id="kind" for="node" attr.name="kind" attr.type="string"/>', '<key id="key" for="node" attr.name="key" attr.type="string"/>',
    '<key id="name" for="node" attr.name="name" attr.type="string"/>', '<key id="type" for="edge" attr.name="type" attr.type="string"/>',
    ...SUMMARY.map((k) => `<key id="${k}" for="edge" attr.name="${k}" attr.type="${k === 'confidence' || k === 'count' ? 'double' : 'string'}"/>`),
    '<key id="sources" for="edge" attr.name="sources" attr.type="string"/>', '<graph id="G" edgedefault="directed">'];
  for (const n of nodes) out.push(`<node id="${xml(n.key)}"><data key="kind">${xml(n.kind)}</data><data key="key">${xml(n.key)}</data><data key="name">${xml(n.name)}</data></node>`);
  for (const e of edges) {
    const data = SUMMARY.filter((k) => e.props[k] != null).map((k) => `<data key="${k}">${xml(e.props[k])}</data>`).join('');
    out.push(`<edge id="${xml(e.id)}" source="${xml(byId.get(e.fromId)?.key)}" target="${xml(byId.get(e.toId)?.key)}"><data key="type">${xml(e.type)}</data>${data}<data key="sources">${xml(JSON.stringify(prov(e)))}</data></edge>`);
  }
  out.push('</graph>', '</graphml>');
  return out.join('\n');
}

function cytoscape(nodes: GNode[], edges: GEdge[], prov: (e: GEdge) => Prov[]) {
  return {
    elements: {
      nodes: nodes.map((n) => ({ data: { id: n.id, key: n.key, kind: n.kind, name: n.name } })),
      edges: edges.map((e) => ({ data: { id: e.id, source: e.fromId, target: e.toId, type: e.type, family: e.family, ...Object.fromEntries(SUMMARY.map((k) => [k, e.props[k] ?? null])), sources: prov(e) } })),
    },
  };
}

function csv(edges: GEdge[], byId: Map<string, GNode>, prov: (e: GEdge) => Prov[]): string {
  const head = ['from_key', 'from_kind', 'type', 'to_key', 'to_kind', ...SUMMARY, 'sources', 'source_refs'];
  const lines = [head.join(',')];
  for (const e of edges) {
    const f = byId.get(e.fromId), t = byId.get(e.toId), p = prov(e);
    lines.push([f?.key, f?.kind, e.type, t?.key, t?.kind, ...SUMMARY.map((k) => e.props[k]), p.map((x) => x.key).join(';'), p.map((x) => x.ref ?? '').join(';')].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

// ---- STIX 2.1 ----
// SCO ids are UUIDv5 over the id-contributing properties in the STIX namespace (STIX 2.1 §2.9),
// so the same address exported twice gets the same id; SDO/SRO ids are UUIDv5 over our keys.
const STIX_SCO_NS = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const INFRAGRAPH_NS = '6f0b3b4e-2a3c-5d8e-9f1a-7c2b4d6e8f10';

export function uuidv5(name: string, ns: string): string {
  const nsBytes = Buffer.from(ns.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(Buffer.concat([nsBytes, Buffer.from(name, 'utf8')])).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

type StixObject = Record<string, unknown> & { type: string; id: string };

function stixNode(n: GNode, now: string): StixObject | null {
  switch (n.kind) {
    case 'Domain': case 'Host':
      return { type: 'domain-name', spec_version: '2.1', id: `domain-name--${uuidv5(JSON.stringify({ value: n.key }), STIX_SCO_NS)}`, value: n.key };
    case 'IP': case 'Prefix': {
      const t = n.key.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
      return { type: t, spec_version: '2.1', id: `${t}--${uuidv5(JSON.stringify({ value: n.key }), STIX_SCO_NS)}`, value: n.key };
    }
    case 'ASN': {
      const number = Number(n.props.number ?? n.key.replace(/^AS/i, ''));
      return { type: 'autonomous-system', spec_version: '2.1', id: `autonomous-system--${uuidv5(JSON.stringify({ number }), STIX_SCO_NS)}`, number, ...(n.props.name ? { name: String(n.props.name) } : {}) };
    }
    case 'Organization': case 'Person':
      return { type: 'identity', spec_version: '2.1', id: `identity--${uuidv5(`${n.kind}:${n.key}`, INFRAGRAPH_NS)}`, created: now, modified: now, name: n.name, identity_class: n.kind === 'Person' ? 'individual' : 'organization' };
    default:
      return null;
  }
}

export function stixBundle(nodes: GNode[], edges: GEdge[], byId: Map<string, GNode>, prov: (e: GEdge) => Prov[]) {
  const now = new Date().toISOString();
  const ids = new Map<string, string>();
  const objects: StixObject[] = [];
  for (const n of nodes) {
    const o = stixNode(n, now);
    if (!o) continue;
    ids.set(n.id, o.id);
    if (!objects.some((x) => x.id === o.id)) objects.push(o);
  }
  for (const e of edges) {
    const s = ids.get(e.fromId), t = ids.get(e.toId);
    if (!s || !t) continue;
    const f = byId.get(e.fromId)!, to = byId.get(e.toId)!;
    const vf = e.props.validFrom ?? e.props.firstSeen, vt = e.props.validTo ?? e.props.lastSeen;
    const rel: StixObject = {
      type: 'relationship', spec_version: '2.1', id: `relationship--${uuidv5(`${f.key}|${e.type}|${to.key}`, INFRAGRAPH_NS)}`,
      created: now, modified: now, relationship_type: e.type.toLowerCase().replace(/_/g, '-'), source_ref: s, target_ref: t,
      x_infragraph_sources: prov(e).map((p) => ({ key: p.key, name: p.name, kind: p.kind, confidence: p.confidence, ref: p.ref, count: p.count, valid_from: p.validFrom, valid_to: p.validTo })),
    };
    if (typeof e.props.confidence === 'number') rel.confidence = Math.round(e.props.confidence);
    // STIX requires stop_time to be later than start_time.
    if (vf && vt && String(vt) > String(vf)) { rel.start_time = vf; rel.stop_time = vt; } else if (vf) rel.start_time = vf;
    objects.push(rel);
  }
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}
