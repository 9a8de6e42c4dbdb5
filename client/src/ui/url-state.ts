// The URL carries the view: entities on the canvas, the links between them, the selection, expand
// filters, time window, layout and timeline settings. A link reproduces what the sender saw — the
// same nodes and the same edges, not every edge the database has among them — and stays short:
// kinds are one letter, edges are "source.target.type" by position, nothing is encoded twice.
import type { ExpandFilters } from '../app.ts';
import type { NodeKind } from '../../../server/src/model/index.ts';

export interface ViewEdge { source: string; target: string; type: string }

export interface ViewState {
  entities: string[];
  /** The edges on the canvas; undefined when the link predates edge lists (all edges among the entities). */
  edges?: ViewEdge[];
  selected: string[];
  filters: ExpandFilters;
  from: number | null;
  to: number | null;
  layout: string;
  zone?: string;
  group?: string;
  bucket?: string;
}

const KIND_CODE: Record<NodeKind, string> = {
  Organization: 'o', Domain: 'd', Host: 'h', IP: 'i', Prefix: 'p', ASN: 'a', Person: 'n', Source: 's', Process: 'x', Vpc: 'v', CloudInstance: 'c',
};
const CODE_KIND = Object.fromEntries(Object.entries(KIND_CODE).map(([k, v]) => [v, k]));

/** `Host:mail1.example.com` → `h:mail1.example.com`; other kinds keep their name. */
export function shortId(id: string): string {
  const i = id.indexOf(':');
  const code = (KIND_CODE as Record<string, string | undefined>)[id.slice(0, i)];
  return code ? `${code}${id.slice(i)}` : id;
}

export function longId(s: string): string {
  const i = s.indexOf(':');
  const kind = CODE_KIND[s.slice(0, i)];
  return kind ? `${kind}${s.slice(i)}` : s;
}

// Ids hold ':' and '.', never ','; '~' separates entities so a key with ',' (rare) still survives.
const SEP = '~';
const list = (v: string | null) => (v ? v.split(SEP).filter(Boolean).map(longId) : []);
const time = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null);

export function readUrl(loc: Location = window.location): ViewState {
  const q = new URLSearchParams(loc.search);
  let entities: string[];
  let selected: string[];
  if (q.has('n')) {
    entities = list(q.get('n'));
    selected = (q.get('s') ?? '').split(SEP).filter(Boolean).map((i) => entities[Number(i)]).filter(Boolean);
  } else {
    // Links written before edge lists: comma-separated, percent-encoded ids.
    const old = (v: string | null) => (v ? v.split(',').map((x) => decodeURIComponent(x)).filter(Boolean) : []);
    entities = old(q.get('e'));
    selected = old(q.get('sel'));
  }
  let edges: ViewEdge[] | undefined;
  if (q.has('r')) {
    edges = [];
    for (const part of (q.get('r') ?? '').split(SEP)) {
      const [a, b, ...t] = part.split('.');
      const source = entities[Number(a)];
      const target = entities[Number(b)];
      if (source && target && t.length) edges.push({ source, target, type: t.join('.') });
    }
  }
  return {
    entities,
    edges,
    selected,
    filters: { kinds: (q.get('kinds') ?? '').split(',').filter(Boolean), types: (q.get('types') ?? '').split(',').filter(Boolean), minConfidence: Number(q.get('minConf') ?? 0) || 0, minDegree: Number(q.get('minDeg') ?? 0) || 0 },
    from: time(q.get('from')),
    to: time(q.get('to')),
    layout: q.get('layout') ?? 'fcose',
    zone: q.get('tz') ?? undefined,
    group: q.get('group') ?? undefined,
    bucket: q.get('bucket') ?? undefined,
  };
}

export function writeUrl(s: ViewState): string {
  const q = new URLSearchParams();
  const index = new Map(s.entities.map((id, i) => [id, i]));
  if (s.entities.length) q.set('n', s.entities.map(shortId).join(SEP));
  if (s.edges) {
    const parts = s.edges.filter((e) => index.has(e.source) && index.has(e.target)).map((e) => `${index.get(e.source)}.${index.get(e.target)}.${e.type}`);
    if (s.entities.length) q.set('r', parts.join(SEP));
  }
  const sel = s.selected.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
  if (sel.length) q.set('s', sel.join(SEP));
  if (s.filters.kinds.length) q.set('kinds', s.filters.kinds.join(','));
  if (s.filters.types.length) q.set('types', s.filters.types.join(','));
  if (s.filters.minConfidence) q.set('minConf', String(s.filters.minConfidence));
  if (s.filters.minDegree) q.set('minDeg', String(s.filters.minDegree));
  const day = (t: number) => new Date(t).toISOString().replace(/:00\.000Z$/, 'Z').replace(/T00:00Z$/, '');
  if (s.from !== null) q.set('from', day(s.from));
  if (s.to !== null) q.set('to', day(s.to));
  if (s.layout !== 'fcose') q.set('layout', s.layout);
  if (s.zone && s.zone !== 'UTC') q.set('tz', s.zone);
  if (s.group && s.group !== 'org') q.set('group', s.group);
  if (s.bucket && s.bucket !== 'day') q.set('bucket', s.bucket);
  // URLSearchParams encodes ':' and ',' which are legal in a query; undo only those, once.
  const str = q.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%7E/gi, '~');
  return `${window.location.pathname}${str ? `?${str}` : ''}`;
}
