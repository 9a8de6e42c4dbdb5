// The URL carries the view: entities on the canvas, selection, expand filters, time window, layout
// and timeline settings. A link reproduces what the sender saw.
import type { ExpandFilters } from '../app.ts';

export interface ViewState {
  entities: string[];
  selected: string[];
  filters: ExpandFilters;
  from: number | null;
  to: number | null;
  layout: string;
  zone?: string;
  group?: string;
  bucket?: string;
}

const list = (v: string | null) => (v ? v.split(',').map(decodeURIComponent).filter(Boolean) : []);
const time = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null);

export function readUrl(loc: Location = window.location): ViewState {
  const q = new URLSearchParams(loc.search);
  return {
    entities: list(q.get('e')),
    selected: list(q.get('sel')),
    filters: { kinds: list(q.get('kinds')), types: list(q.get('types')), minConfidence: Number(q.get('minConf') ?? 0) || 0, minDegree: Number(q.get('minDeg') ?? 0) || 0 },
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
  const enc = (xs: string[]) => xs.map(encodeURIComponent).join(',');
  if (s.entities.length) q.set('e', enc(s.entities));
  if (s.selected.length) q.set('sel', enc(s.selected));
  if (s.filters.kinds.length) q.set('kinds', s.filters.kinds.join(','));
  if (s.filters.types.length) q.set('types', s.filters.types.join(','));
  if (s.filters.minConfidence) q.set('minConf', String(s.filters.minConfidence));
  if (s.filters.minDegree) q.set('minDeg', String(s.filters.minDegree));
  if (s.from !== null) q.set('from', new Date(s.from).toISOString());
  if (s.to !== null) q.set('to', new Date(s.to).toISOString());
  if (s.layout !== 'fcose') q.set('layout', s.layout);
  if (s.zone && s.zone !== 'UTC') q.set('tz', s.zone);
  if (s.group && s.group !== 'org') q.set('group', s.group);
  if (s.bucket && s.bucket !== 'day') q.set('bucket', s.bucket);
  const str = q.toString().replace(/%2C/g, ',').replace(/%3A/gi, ':');
  return `${window.location.pathname}${str ? `?${str}` : ''}`;
}
