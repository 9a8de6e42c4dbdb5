// Every GraphQL document the app sends, and the mapping from the API's shapes to api/model.ts.
// The API (server/src/graphql/*/*.graphql) is the contract: when it changes, only this file does.
import { gql } from './graphql.ts';
import { NODE_KINDS } from '../../../server/src/model/index.ts';
import { nodeId, type GEdge, type GNode, type ProvenanceSlot, type Subgraph } from './model.ts';

// ---------- shapes as the API returns them ----------
interface ApiNode { id: string; kind: string; key: string; name: string; properties?: Record<string, unknown> }
interface ApiSource { key: string; name?: string; title?: string | null; url?: string | null; sourceKind?: string | null; synthetic?: boolean | null; publisher?: string | null; date?: string | null; datePrecision?: string | null; properties?: Record<string, unknown> }
interface ApiEdgeSource { key: string; confidence: number | null; ref: string | null; count: number | null; validFrom: string | null; validTo: string | null; source: ApiSource | null }
interface ApiEdge {
  id: string; type: string; family: string; fromId: string; toId: string; from: ApiNode | null; to: ApiNode | null;
  confidence: number | null; validFrom: string | null; validTo: string | null; firstSeen: string | null; lastSeen: string | null; count: number | null;
  properties?: Record<string, unknown>;
}
interface ApiSubgraph { nodes: ApiNode[]; edges: ApiEdge[]; truncated?: boolean }

// Node properties are small (confidence, sources, notes) and drive the faint drawing of uncertain nodes.
const NODE = 'id kind key name properties';
// Properties carry the lookup histograms (buckets, bucketCounts) where an import wrote them; lean
// lookup edges are counted in a time window by lookupWindowCounts.
const EDGE = `id type family fromId toId from { ${NODE} } to { ${NODE} } confidence validFrom validTo firstSeen lastSeen count properties`;
const SUBGRAPH = `nodes { ${NODE} } edges { ${EDGE} } truncated`;
const SOURCE = 'key name title url sourceKind synthetic publisher date datePrecision properties';
const EDGE_SOURCE = `key confidence ref count validFrom validTo source { ${SOURCE} }`;

export function toNode(n: ApiNode): GNode {
  return { id: nodeId(n.kind, n.key), kind: n.kind, key: n.key, name: n.name || n.key, props: n.properties, apiId: n.id };
}

const nums = (v: unknown): number[] | undefined => (Array.isArray(v) ? v.map(Number) : undefined);

export function toEdge(e: ApiEdge, byApiId: Map<string, GNode>): GEdge | null {
  const s = e.from ? toNode(e.from) : byApiId.get(e.fromId);
  const t = e.to ? toNode(e.to) : byApiId.get(e.toId);
  if (!s || !t) return null;
  const p = e.properties ?? {};
  return {
    id: e.id, type: e.type, source: s.id, target: t.id, confidence: e.confidence, validFrom: e.validFrom, validTo: e.validTo,
    count: e.count, firstSeen: e.firstSeen, lastSeen: e.lastSeen, buckets: nums(p.buckets), bucketCounts: nums(p.bucketCounts),
    sources: Array.isArray(p.sources) ? (p.sources as string[]) : undefined,
  };
}

export function toSubgraph(s: { nodes?: ApiNode[]; edges?: ApiEdge[] }): Subgraph {
  const nodes = new Map<string, GNode>();
  const byApiId = new Map<string, GNode>();
  const put = (n: ApiNode | null) => {
    if (!n) return;
    const g = toNode(n);
    if (!nodes.has(g.id)) nodes.set(g.id, g);
    byApiId.set(n.id, g);
  };
  for (const n of s.nodes ?? []) put(n);
  for (const e of s.edges ?? []) { put(e.from); put(e.to); }
  const edges: GEdge[] = [];
  const seen = new Set<string>();
  for (const e of s.edges ?? []) {
    const g = toEdge(e, byApiId);
    if (g && !seen.has(g.id)) { seen.add(g.id); edges.push(g); }
  }
  return { nodes: [...nodes.values()], edges };
}

const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);
const ENTITY_KINDS: ReadonlySet<string> = new Set(NODE_KINDS);
/** The NodeKind of a canvas id (Kind:key), so a Domain and a Host with the same key stay apart. */
const entityKind = (id: string): string | null => { const k = id.slice(0, id.indexOf(':')); return ENTITY_KINDS.has(k) ? k : null; };

// ---------- search and neighbourhoods ----------
export async function searchEntities(text: string, limit = 10, signal?: AbortSignal): Promise<GNode[]> {
  const d = await gql<{ search: { edges: { node: ApiNode }[] } }>(`query Search($text: String!, $first: Int) { search(text: $text, first: $first) { edges { node { ${NODE} } } } }`, { text, first: limit }, signal);
  return d.search.edges.map((e) => toNode(e.node));
}

export async function entitySubgraph(id: string): Promise<Subgraph> {
  const d = await gql<{ entity: ApiNode | null }>(`query Entity($key: String!, $kind: NodeKind) { entity(key: $key, kind: $kind) { ${NODE} } }`, { key: keyOf(id), kind: entityKind(id) });
  return { nodes: d.entity ? [toNode(d.entity)] : [], edges: [] };
}

export interface NeighbourFilter { kinds?: string[]; types?: string[]; minConfidence?: number; minDegree?: number; limit?: number; depth?: number }

export async function neighbours(id: string, f: NeighbourFilter): Promise<Subgraph & { truncated: boolean }> {
  const d = await gql<{ neighborhood: ApiSubgraph }>(
    `query N($key: String!, $depth: Int, $kinds: [NodeKind!], $types: [RelType!], $minConfidence: Int, $minDegree: Int, $limit: Int) {
      neighborhood(key: $key, depth: $depth, kinds: $kinds, relationTypes: $types, minConfidence: $minConfidence, minDegree: $minDegree, limit: $limit) { ${SUBGRAPH} } }`,
    { key: keyOf(id), depth: f.depth ?? 1, kinds: f.kinds?.length ? f.kinds : null, types: f.types?.length ? f.types : null, minConfidence: f.minConfidence ?? 0, minDegree: f.minDegree ?? 0, limit: f.limit ?? 200 },
  );
  return { ...toSubgraph(d.neighborhood), truncated: !!d.neighborhood.truncated };
}

/**
 * The entities and the relationships among them (restoring a view from the URL). The API has no
 * induced-subgraph query, so this asks for each entity's neighbourhood (aliased, in one request
 * per chunk) and keeps the edges whose both ends are in the set.
 */
export async function inducedSubgraph(ids: string[], only?: { source: string; target: string; type: string }[]): Promise<Subgraph> {
  const want = new Set(ids);
  // A shared link lists its edges: restore those, not every edge the database has among the nodes.
  const keep = only ? new Set(only.map((e) => `${e.source}|${e.target}|${e.type}`)) : null;
  const nodes = new Map<string, GNode>();
  const edges = new Map<string, GEdge>();
  // With the edges listed, only one end of each needs its neighbourhood; the other entities come
  // back by key, which is far cheaper (a host's neighbourhood carries every lookup histogram).
  let hubs = ids;
  if (only) {
    const cover = new Set<string>();
    for (const e of only) if (!cover.has(e.source) && !cover.has(e.target)) cover.add(e.source);
    hubs = ids.filter((id) => cover.has(id));
    const plain = ids.filter((id) => !cover.has(id));
    for (let i = 0; i < plain.length; i += 40) {
      const chunk = plain.slice(i, i + 40);
      const vars: Record<string, unknown> = {};
      const fields = chunk.map((id, j) => { vars[`k${j}`] = keyOf(id); vars[`t${j}`] = entityKind(id); return `e${j}: entity(key: $k${j}, kind: $t${j}) { ${NODE} }`; });
      const d = await gql<Record<string, ApiNode | null>>(`query N(${chunk.map((_, j) => `$k${j}: String!, $t${j}: NodeKind`).join(', ')}) { ${fields.join(' ')} }`, vars);
      for (const n of Object.values(d)) if (n) { const g = toNode(n); if (want.has(g.id)) nodes.set(g.id, g); }
    }
  }
  for (let i = 0; i < hubs.length; i += 20) {
    const chunk = hubs.slice(i, i + 20);
    const vars: Record<string, unknown> = {};
    const fields = chunk.map((id, j) => { vars[`k${j}`] = keyOf(id); return `n${j}: neighborhood(key: $k${j}, limit: 500) { root { ${NODE} } ${SUBGRAPH} }`; });
    const d = await gql<Record<string, ApiSubgraph & { root: ApiNode | null }>>(`query V(${chunk.map((_, j) => `$k${j}: String!`).join(', ')}) { ${fields.join(' ')} }`, vars);
    for (const sg of Object.values(d)) {
      const sub = toSubgraph({ nodes: [...(sg.root ? [sg.root] : []), ...sg.nodes], edges: sg.edges });
      for (const n of sub.nodes) if (want.has(n.id)) nodes.set(n.id, n);
      for (const e of sub.edges) if (want.has(e.source) && want.has(e.target) && (!keep || keep.has(`${e.source}|${e.target}|${e.type}`))) edges.set(e.id, e);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

// ---------- details and evidence ----------
export interface EntityDetails { node: GNode; props: Record<string, unknown> }

export async function entityDetails(id: string): Promise<EntityDetails | null> {
  const d = await gql<{ entity: ApiNode | null }>(`query E($key: String!, $kind: NodeKind) { entity(key: $key, kind: $kind) { ${NODE} properties } }`, { key: keyOf(id), kind: entityKind(id) });
  if (!d.entity) return null;
  return { node: toNode(d.entity), props: d.entity.properties ?? {} };
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** A cited document's date at its precision (2016-11 for a month), not the instant it was stored as. */
function docDate(src: ApiSource | null): string | null {
  if (!src?.date) return null;
  const len: Record<string, number> = { year: 4, month: 7, day: 10 };
  return src.date.slice(0, len[src.datePrecision ?? ''] ?? 16).replace('T', ' ');
}

const toSlot = (s: ApiEdgeSource): ProvenanceSlot => {
  const p = s.source?.properties ?? {};
  return {
    source: s.key, sourceName: s.source?.title ?? s.source?.name ?? s.key, url: s.source?.url ?? null, publisher: s.source?.publisher ?? null,
    // A synthetic source has no date of its own; a file is dated by retrieval, never by our import.
    date: docDate(s.source) ?? (s.source?.synthetic ? null : str(p.retrievedAt)?.slice(0, 10) ?? null), confidence: s.confidence, ref: s.ref, count: s.count,
    validFrom: s.validFrom, validTo: s.validTo, kind: s.source?.sourceKind ?? null, synthetic: !!s.source?.synthetic,
  };
};

export interface Claim { key: string; attribute: string; value: string; confidence: number | null; source: string; sourceName?: string; url?: string | null; quote?: string | null; date?: string | null; ref?: string | null; subject?: string }
export interface EdgeEvidence { slots: ProvenanceSlot[]; claims: Claim[] }

interface ApiClaimGroup { subjectKey: string; attribute: string; conflicting: boolean; claims: { key: string; attribute: string; value: string; confidence: number | null; date: string | null; quote: string | null; ref: string | null; source: ApiSource | null }[] }

/** An edge's sources, and the claims about both of its ends (conflicts shown side by side). */
export async function edgeEvidence(edgeId: string, endKeys: string[]): Promise<EdgeEvidence> {
  const d = await gql<{ evidence: { sources: ApiEdgeSource[] }; a: ApiClaimGroup[]; b: ApiClaimGroup[] }>(
    `query Ev($id: ID!, $a: String, $b: String) { evidence(relationshipId: $id) { sources { ${EDGE_SOURCE} } }
      a: claims(key: $a) { ...G } b: claims(key: $b) { ...G } }
     fragment G on ClaimGroup { subjectKey attribute conflicting claims { key attribute value confidence date quote ref source { key name title url } } }`,
    { id: edgeId, a: endKeys[0] ?? null, b: endKeys[1] ?? endKeys[0] ?? null });
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const g of [...d.a, ...(endKeys[1] ? d.b : [])]) {
    for (const c of g.claims) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      claims.push({ ...c, attribute: `${g.subjectKey} · ${c.attribute}`, source: c.source?.key ?? 'analyst', sourceName: c.source?.title ?? c.source?.name ?? undefined, url: c.source?.url, subject: g.subjectKey });
    }
  }
  return { slots: d.evidence.sources.map(toSlot), claims };
}

export async function entityClaims(id: string): Promise<Claim[]> {
  const d = await gql<{ claims: ApiClaimGroup[] }>(
    `query C($key: String) { claims(key: $key) { subjectKey attribute conflicting claims { key attribute value confidence date quote ref source { key name title url } } } }`, { key: keyOf(id) });
  return d.claims.flatMap((g) => g.claims.map((c) => ({ ...c, source: c.source?.key ?? 'analyst', sourceName: c.source?.title ?? c.source?.name ?? undefined, url: c.source?.url })));
}

export interface SourceInfo { key: string; name: string; url: string | null; publisher: string | null; date: string | null; synthetic: boolean; kind: string | null }

/** Titles, links and dates of sources by key, in one request. */
export async function sourcesByKey(keys: string[]): Promise<SourceInfo[]> {
  const ks = [...new Set(keys)].slice(0, 30);
  if (!ks.length) return [];
  const vars: Record<string, unknown> = {};
  // Entities list their sources by short id (ljean-cendynbank); documents are stored as doc:<id>.
  const fields = ks.map((k, i) => {
    vars[`k${i}`] = k;
    vars[`d${i}`] = k.includes(':') ? k : `doc:${k}`;
    return `s${i}: entity(key: $k${i}, kind: Source) { ... on Source { ${SOURCE} } } t${i}: entity(key: $d${i}, kind: Source) { ... on Source { ${SOURCE} } }`;
  });
  const d = await gql<Record<string, ApiSource | null>>(`query S(${ks.map((_, i) => `$k${i}: String!, $d${i}: String!`).join(', ')}) { ${fields.join(' ')} }`, vars);
  return ks.map((k, i) => {
    const s = d[`s${i}`] ?? d[`t${i}`];
    return { key: k, name: s?.title ?? s?.name ?? k, url: s?.url ?? null, publisher: s?.publisher ?? null, date: docDate(s ?? null), synthetic: !!s?.synthetic, kind: s?.sourceKind ?? null };
  });
}

// ---------- control ----------
export interface Hop { edgeId: string; type: string; from: GNode; to: GNode; confidence: number | null; validFrom: string | null; validTo: string | null; sources: { key: string; confidence: number | null; ref: string | null }[] }
export interface Chain { nodeIds: string[]; edgeIds: string[]; hops: Hop[] }
export interface ControlRole { org: GNode; role: string; confidence: number | null; score: number; chains: Chain[] }
export interface ControlAnswer { subject: GNode; roles: ControlRole[]; chains: Chain[]; subgraph: Subgraph }

function toChain(p: ApiSubgraph): Chain {
  const s = toSubgraph(p);
  const byApi = new Map(p.nodes.map((n) => [n.id, toNode(n)]));
  const hops: Hop[] = p.edges.map((e) => {
    const pr = e.properties ?? {};
    const arr = (k: string) => (Array.isArray(pr[k]) ? (pr[k] as unknown[]) : []);
    const srcs = arr('sources').map((k, i) => ({ key: String(k), confidence: arr('srcConf')[i] == null ? null : Number(arr('srcConf')[i]), ref: arr('srcRef')[i] == null ? null : String(arr('srcRef')[i]) }));
    return {
      edgeId: e.id, type: e.type, from: e.from ? toNode(e.from) : byApi.get(e.fromId)!, to: e.to ? toNode(e.to) : byApi.get(e.toId)!,
      confidence: e.confidence, validFrom: e.validFrom, validTo: e.validTo, sources: srcs,
    };
  }).filter((h) => h.from && h.to);
  return { nodeIds: s.nodes.map((n) => n.id), edgeIds: s.edges.map((e) => e.id), hops };
}

export async function whoControls(id: string): Promise<ControlAnswer> {
  const PATH = `nodes { ${NODE} } edges { ${EDGE} }`;
  const d = await gql<{ whoControls: { subject: ApiNode; controllers: { role: string; party: ApiNode; confidence: number; score: number; path: ApiSubgraph; alternatives: ApiSubgraph[] }[] } }>(
    `query C($name: String!) { whoControls(name: $name) { subject { ${NODE} } controllers { role confidence score party { ${NODE} } path { ${PATH} } alternatives { ${PATH} } } } }`,
    { name: keyOf(id) });
  const w = d.whoControls;
  const paths = w.controllers.flatMap((c) => [c.path, ...c.alternatives]);
  const sub = toSubgraph({ nodes: [w.subject, ...w.controllers.map((c) => c.party), ...paths.flatMap((p) => p.nodes)], edges: paths.flatMap((p) => p.edges) });
  const roles = w.controllers.map((c) => ({ org: toNode(c.party), role: c.role, confidence: c.confidence, score: c.score, chains: [c.path, ...c.alternatives].map(toChain) }));
  return { subject: toNode(w.subject), roles, chains: roles.flatMap((r) => r.chains), subgraph: sub };
}

// ---------- paths ----------
export interface PathAnswer { paths: { nodeIds: string[]; edgeIds: string[]; dnsOnly: boolean; caveat: string | null; confidence: number }[]; caveat: string | null; subgraph: Subgraph }

export async function findPaths(fromId: string, toId: string, opt: { k: number; maxHops: number; types: string[] }): Promise<PathAnswer> {
  const d = await gql<{ paths: (ApiSubgraph & { dnsOnly: boolean; caveat: string | null; confidence: number; length: number })[] }>(
    `query P($from: String!, $to: String!, $k: Int, $maxHops: Int, $types: [RelType!]) { paths(from: $from, to: $to, k: $k, maxHops: $maxHops, relationTypes: $types) { length confidence dnsOnly lookupBased caveat nodes { ${NODE} } edges { ${EDGE} } } }`,
    { from: keyOf(fromId), to: keyOf(toId), k: opt.k, maxHops: Math.min(8, opt.maxHops), types: opt.types.length ? opt.types : null });
  const paths = d.paths.map((p) => { const s = toSubgraph(p); return { dnsOnly: p.dnsOnly, caveat: p.caveat, confidence: p.confidence, nodeIds: p.nodes.map((n) => toNode(n).id), edgeIds: s.edges.map((e) => e.id) }; });
  const caveats = [...new Set(paths.map((p) => p.caveat).filter((c): c is string => !!c))];
  const allDns = paths.length > 0 && paths.every((p) => p.dnsOnly);
  return {
    paths,
    caveat: caveats.length ? (allDns ? `Every path found rests only on DNS lookups. ${caveats[0]}` : caveats[0]) : null,
    subgraph: toSubgraph({ nodes: d.paths.flatMap((p) => p.nodes), edges: d.paths.flatMap((p) => p.edges) }),
  };
}

// ---------- hypotheses ----------
export interface AchCell { evidenceKey: string; hypothesisKey: string; effect: string; weight: number | null; rationale: string | null }
export interface AchMatrix {
  caseKey: string; caseName: string;
  hypotheses: { key: string; title: string; score: number; rank: number; support: number; inconsistency: number; openWeight: number }[];
  evidence: { key: string; title: string; kind: string; missing: boolean; credibility: number; discriminating: boolean; diagnosticity: number }[];
  cells: AchCell[];
}

/** The matrix exactly as the API scores it (the same computation as `query hypothesis-matrix`); nothing is re-scored here. */
export async function achMatrix(caseKey: string): Promise<AchMatrix> {
  const d = await gql<{ hypotheses: { case: ApiNode; hypotheses: { hypothesis: ApiNode; score: number; rank: number; support: number; inconsistency: number; openWeight: number }[]; evidence: { evidence: ApiNode & { properties: Record<string, unknown> }; credibility: number; missing: boolean; discriminating: boolean; diagnosticity: number; links: { hypothesis: string; effect: string; weight: number; rationale: string | null }[] }[] } }>(
    `query A($case: String!) { hypotheses(case: $case) { case { ${NODE} } hypotheses { score rank support inconsistency openWeight hypothesis { ${NODE} } } evidence { credibility missing discriminating diagnosticity evidence { ${NODE} } links { hypothesis effect weight rationale } } } }`, { case: caseKey });
  const m = d.hypotheses;
  return {
    caseKey: m.case.key, caseName: m.case.name,
    hypotheses: m.hypotheses.map((h) => ({ key: h.hypothesis.key, title: h.hypothesis.name, score: h.score, rank: h.rank, support: h.support, inconsistency: h.inconsistency, openWeight: h.openWeight })),
    evidence: m.evidence.map((e) => ({ key: e.evidence.key, title: e.evidence.name, kind: String(e.evidence.properties?.kind ?? ''), missing: e.missing, credibility: e.credibility, discriminating: e.discriminating, diagnosticity: e.diagnosticity })),
    cells: m.evidence.flatMap((e) => e.links.map((l) => ({ evidenceKey: e.evidence.key, hypothesisKey: l.hypothesis, effect: l.effect, weight: l.weight, rationale: l.rationale }))),
  };
}

/** A piece of evidence, what it refers to, and what those claims and events are about. */
export async function evidenceGraph(evidenceKey: string): Promise<Subgraph> {
  const d = await gql<{ neighborhood: ApiSubgraph & { root: ApiNode | null } }>(
    `query EvG($key: String!) { neighborhood(key: $key, depth: 2, limit: 200) { root { ${NODE} } ${SUBGRAPH} } }`, { key: evidenceKey });
  const n = d.neighborhood;
  return toSubgraph({ nodes: [...(n.root ? [n.root] : []), ...n.nodes], edges: n.edges });
}

export interface CaseInfo { key: string; id: string; title: string; summary: string | null; created: string | null }
export interface CaseOverview extends CaseInfo { subject: string | null; sources: { key: string; name: string; url: string | null; synthetic: boolean; publisher: string | null }[] }

/** The cases with their subject host and cited sources (the start view). */
export async function caseOverviews(): Promise<CaseOverview[]> {
  const d = await gql<{ cases: (CaseInfo & { subject: string | null; sources: ApiSource[] })[] }>('{ cases { key id title summary created subject sources { key name title url synthetic publisher } } }');
  return d.cases.map((c) => ({ ...c, sources: c.sources.map((s) => ({ key: s.key, name: s.title ?? s.name ?? s.key, url: s.url ?? null, synthetic: !!s.synthetic, publisher: s.publisher ?? null })) }));
}

/** The loaded cases, oldest first (the hypotheses view opens the first). */
export async function listCases(): Promise<CaseInfo[]> {
  const d = await gql<{ cases: CaseInfo[] }>('{ cases { key id title summary created } }');
  return d.cases;
}

// ---------- investigations ----------
export interface InvParam { name: string; type: string; default: unknown; required: boolean; description: string | null }
export interface Investigation { name: string; summary: string; description: string; params: InvParam[]; cypher: string }
export interface QueryResult { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; ms: number; graph: Subgraph }

export async function listInvestigations(): Promise<Investigation[]> {
  const d = await gql<{ investigations: Investigation[] }>(`{ investigations { name summary description cypher params { name type default required description } } }`);
  return d.investigations;
}

interface ApiResult { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; ms: number; nodes: ApiNode[]; edges: ApiEdge[] }
const RESULT = `columns rows truncated ms nodes { ${NODE} } edges { ${EDGE} }`;
const toResult = (r: ApiResult): QueryResult => ({ columns: r.columns, rows: r.rows, truncated: r.truncated, ms: r.ms, graph: toSubgraph(r) });

export async function runInvestigation(name: string, params: Record<string, unknown>): Promise<QueryResult> {
  const d = await gql<{ runInvestigation: ApiResult }>(`query R($name: String!, $params: JSON) { runInvestigation(name: $name, params: $params) { ${RESULT} } }`, { name, params });
  return toResult(d.runInvestigation);
}

export async function runCypher(cypher: string, params: Record<string, unknown>): Promise<QueryResult> {
  const d = await gql<{ cypher: ApiResult }>(`query Q($cypher: String!, $params: JSON) { cypher(query: $cypher, params: $params) { ${RESULT} } }`, { cypher, params });
  return toResult(d.cypher);
}

// ---------- export ----------
export async function exportStix(ids: string[]): Promise<{ filename: string; content: string; mimeType: string; truncated: boolean }> {
  const d = await gql<{ export: { filename: string; content: string; mimeType: string; truncated: boolean } }>(
    `query X($keys: [String!]!) { export(selection: { keys: $keys, depth: 1 }, format: STIX21) { filename mimeType content truncated } }`, { keys: ids.slice(0, 500).map(keyOf) });
  return d.export;
}

// ---------- lookups ----------
export interface TimelinePoint { startUtc: string; group: string; groupName: string; count: number }

/** Lookups of a host per bucket, grouped by the API (ORGANIZATION attributes resolvers the canvas may not show). */
export async function lookupTimeline(host: string, opt: { bucket: string; groupBy: string; timeZone: string }, signal?: AbortSignal): Promise<TimelinePoint[]> {
  const d = await gql<{ timeline: TimelinePoint[] }>(
    `query T($host: String!, $bucket: TimeBucket, $groupBy: LookupGroupBy, $tz: String) { timeline(host: $host, bucket: $bucket, groupBy: $groupBy, timeZone: $tz) { startUtc group groupName count } }`,
    { host, bucket: opt.bucket.toUpperCase(), groupBy: opt.groupBy, timeZone: opt.timeZone }, signal);
  return d.timeline;
}

/**
 * Lookups of lean QUERIED edges inside [from, to] from the server's event store, by edge id (the
 * edges hold totals only). Chunks of the API's per-call limit.
 */
export async function lookupWindowCounts(edgeIds: string[], from: number | null, to: number | null, signal?: AbortSignal): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // The API's window is [from, to) with both ends given: an open end is the first or last instant
  // a DateTime holds; the canvas's `to` is inclusive (a day's last millisecond).
  const window = {
    from: from !== null ? new Date(from).toISOString() : '0001-01-01T00:00:00.000Z',
    to: to !== null ? new Date(to + 1).toISOString() : '9999-12-31T23:59:59.999Z',
  };
  for (let i = 0; i < edgeIds.length; i += 10_000) {
    const d = await gql<{ lookupWindowCounts: { edgeId: string; count: number }[] }>(
      'query W($ids: [ID!]!, $w: WindowInput) { lookupWindowCounts(edgeIds: $ids, window: $w) { edgeId count } }',
      { ids: edgeIds.slice(i, i + 10_000), w: window }, signal);
    for (const r of d.lookupWindowCounts) out.set(r.edgeId, r.count);
  }
  return out;
}
