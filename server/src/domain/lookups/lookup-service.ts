// Who looked a name up, when, and from where. Counts come from the 15-minute histogram on each
// QUERIED edge (bucket id = epoch ms / 900 000; repeated ids are summed), so any window and any
// time zone is exact to the bucket: a bucket counts when its start lies in [from, to).
import type { Database } from '../../db/database.ts';
import type { NodeDTO } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { requireNode } from '../entities/entity-service.ts';
import { toNode, type GNode } from '../graph/graph-model.ts';

export const BUCKET_MS = 900_000;
export type GroupBy = 'IP' | 'ORGANIZATION' | 'ASN' | 'NONE';
export const UNATTRIBUTED = 'unattributed';

export interface QuerierEdge {
  ip: string; edgeId: string; firstSeen: string | null; lastSeen: string | null; count: number;
  buckets: number[]; bucketCounts: number[]; org: GNode | null; asn: GNode | null;
}
export interface Window { from?: string | null; to?: string | null }

export async function querierEdges(db: Database, host: string): Promise<QuerierEdge[]> {
  const h = await requireNode(db, host.trim().toLowerCase().replace(/\.$/, ''));
  if (h.kind !== 'Host') throw new AppError(ErrorCode.BAD_USER_INPUT, `"${host}" is a ${h.kind}, not a host name.`);
  const rows = await db.readTx((tx) => runQuery(tx, 'lookups', 'queriers', { host: h.key }), { caller: 'graphql:queriers' });
  return rows.map((r) => ({
    ip: String(r.ip), edgeId: String(r.edgeId), firstSeen: r.firstSeen as string | null, lastSeen: r.lastSeen as string | null,
    count: Number(r.count ?? 0), buckets: r.buckets as number[], bucketCounts: r.bucketCounts as number[],
    org: r.org ? toNode(r.org as unknown as NodeDTO) : null, asn: r.asn ? toNode(r.asn as unknown as NodeDTO) : null,
  }));
}

function windowMs(w: Window | null | undefined): [number, number] {
  const f = w?.from ? Date.parse(w.from) : -Infinity;
  const t = w?.to ? Date.parse(w.to) : Infinity;
  if (Number.isNaN(f) || Number.isNaN(t)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'window.from and window.to must be ISO-8601 times.');
  if (f > t) throw new AppError(ErrorCode.BAD_USER_INPUT, 'window.from must not be after window.to.');
  return [f, t];
}

/** (bucket start ms, count) pairs of one edge inside the window, repeated bucket ids summed. */
export function bucketsIn(e: QuerierEdge, w: Window | null | undefined): Map<number, number> {
  const [f, t] = windowMs(w);
  const out = new Map<number, number>();
  for (let i = 0; i < e.buckets.length; i++) {
    const ms = e.buckets[i] * BUCKET_MS;
    if (ms < f || ms >= t) continue;
    out.set(ms, (out.get(ms) ?? 0) + (e.bucketCounts[i] ?? 0));
  }
  return out;
}

export function groupOf(e: QuerierEdge, by: GroupBy): { key: string; name: string; node: GNode | null } {
  if (by === 'IP') return { key: e.ip, name: e.ip, node: null };
  if (by === 'NONE') return { key: 'all', name: 'all', node: null };
  const n = by === 'ORGANIZATION' ? e.org : e.asn;
  return n ? { key: n.key, name: n.name, node: n } : { key: UNATTRIBUTED, name: UNATTRIBUTED, node: null };
}

export interface QuerierGroup {
  key: string; name: string; node: GNode | null; count: number; share: number; addresses: string[];
  firstSeen: string | null; lastSeen: string | null;
}

export async function queriers(db: Database, host: string, w: Window | null | undefined, by: GroupBy): Promise<{ total: number; groups: QuerierGroup[] }> {
  const edges = await querierEdges(db, host);
  const groups = new Map<string, QuerierGroup>();
  let total = 0;
  for (const e of edges) {
    let n = 0;
    for (const c of bucketsIn(e, w).values()) n += c;
    if (n === 0) continue;
    total += n;
    const g0 = groupOf(e, by);
    const g = groups.get(g0.key) ?? { ...g0, count: 0, share: 0, addresses: [], firstSeen: null, lastSeen: null };
    g.count += n;
    g.addresses.push(e.ip);
    if (e.firstSeen && (!g.firstSeen || e.firstSeen < g.firstSeen)) g.firstSeen = e.firstSeen;
    if (e.lastSeen && (!g.lastSeen || e.lastSeen > g.lastSeen)) g.lastSeen = e.lastSeen;
    groups.set(g0.key, g);
  }
  const list = [...groups.values()];
  for (const g of list) { g.share = total ? g.count / total : 0; g.addresses.sort(); }
  list.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { total, groups: list };
}

export interface FirstLookup { ip: string; org: GNode | null; firstSeen: string | null; lastSeen: string | null; count: number }

export async function firstLookups(db: Database, host: string, limit: number): Promise<FirstLookup[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'limit must be from 1 to 1000.');
  const edges = await querierEdges(db, host);
  return edges
    .filter((e) => e.firstSeen)
    .sort((a, b) => String(a.firstSeen).localeCompare(String(b.firstSeen)) || a.ip.localeCompare(b.ip))
    .slice(0, limit)
    .map((e) => ({ ip: e.ip, org: e.org, firstSeen: e.firstSeen, lastSeen: e.lastSeen, count: e.count }));
}

// ---- time zones ----

export interface LocalParts { y: number; mo: number; d: number; h: number; mi: number; wd: number }
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function zoneFormatter(timeZone: string): (ms: number) => LocalParts {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  } catch {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown time zone "${timeZone}" (use an IANA name such as Europe/Moscow).`);
  }
  const cache = new Map<number, LocalParts>();
  return (ms) => {
    let p = cache.get(ms);
    if (!p) {
      const o: Record<string, string> = {};
      for (const part of fmt.formatToParts(ms)) o[part.type] = part.value;
      p = { y: +o.year, mo: +o.month, d: +o.day, h: +o.hour % 24, mi: +o.minute, wd: WEEKDAY[o.weekday] };
      cache.set(ms, p);
    }
    return p;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export type BucketSize = 'HOUR' | 'DAY' | 'WEEK';
export interface TimelineBucket { start: string; startUtc: string; group: string; groupName: string; count: number }

/** Local label and UTC start of the bucket that holds instant ms (15-minute aligned). */
export function bucketOf(ms: number, size: BucketSize, local: (ms: number) => LocalParts): { label: string; startUtc: number } {
  const p = local(ms);
  const intoHour = p.mi * 60_000;
  if (size === 'HOUR') return { label: `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:00`, startUtc: ms - intoHour };
  const intoDay = p.h * 3_600_000 + intoHour;
  if (size === 'DAY') return { label: `${p.y}-${pad(p.mo)}-${pad(p.d)}`, startUtc: ms - intoDay };
  const back = p.wd - 1;
  const monday = new Date(Date.UTC(p.y, p.mo - 1, p.d - back));
  return { label: `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`, startUtc: ms - intoDay - back * 86_400_000 };
}

export async function timeline(db: Database, host: string, w: Window | null | undefined, size: BucketSize, by: GroupBy, timeZone: string): Promise<TimelineBucket[]> {
  const local = zoneFormatter(timeZone);
  const edges = await querierEdges(db, host);
  const acc = new Map<string, TimelineBucket>();
  for (const e of edges) {
    const { key: g, name: groupName } = groupOf(e, by);
    for (const [ms, c] of bucketsIn(e, w)) {
      const b = bucketOf(ms, size, local);
      const k = `${b.label}\u0000${g}`;
      const cur = acc.get(k);
      if (cur) cur.count += c;
      else acc.set(k, { start: b.label, startUtc: new Date(b.startUtc).toISOString(), group: g, groupName, count: c });
    }
  }
  return [...acc.values()].sort((a, b) => a.start.localeCompare(b.start) || a.group.localeCompare(b.group));
}

export interface OfficeHours { group: string; total: number; byWeekdayHour: number[][] }

/** Lookups by local weekday (Monday first) × hour of day, per group. */
export async function officeHours(db: Database, host: string, w: Window | null | undefined, by: GroupBy, timeZone: string): Promise<OfficeHours[]> {
  const local = zoneFormatter(timeZone);
  const edges = await querierEdges(db, host);
  const acc = new Map<string, OfficeHours>();
  for (const e of edges) {
    const g = groupOf(e, by).key;
    let o = acc.get(g);
    if (!o) { o = { group: g, total: 0, byWeekdayHour: Array.from({ length: 7 }, () => new Array(24).fill(0)) }; acc.set(g, o); }
    for (const [ms, c] of bucketsIn(e, w)) {
      const p = local(ms);
      o.byWeekdayHour[p.wd - 1][p.h] += c;
      o.total += c;
    }
  }
  return [...acc.values()].filter((o) => o.total > 0).sort((a, b) => b.total - a.total);
}
