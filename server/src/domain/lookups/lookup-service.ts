// Who looked a name up, when, and from where. Counts over time come from the event store (one
// row per lookup event, server/src/events/), aggregated by DuckDB to 15-minute buckets per asking
// address; the graph supplies who the addresses are (organization, AS) and the whole-edge first
// and last lookups. A window counts an event when its own time lies in [from, to); every real
// time zone's offset is a multiple of 15 minutes, so local hours and days are exact.
import type { Database } from '../../db/database.ts';
import { asNode } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { requireNode } from '../entities/entity-service.ts';
import { toNode, type GNode } from '../graph/graph-model.ts';
import { liveSources, queryEvents, type EventStore } from '../../events/event-store.ts';

export const BUCKET_MS = 900_000;
export type GroupBy = 'IP' | 'ORGANIZATION' | 'ASN' | 'NONE';
export const UNATTRIBUTED = 'unattributed';

/** One asking address of a name, as the graph knows it (no counts over time). */
export interface QuerierEdge {
  ip: string; edgeId: string | null; firstSeen: string | null; lastSeen: string | null; count: number;
  org: GNode | null; asn: GNode | null;
}
export interface Window { from?: string | null; to?: string | null }

async function hostKey(db: Database, host: string): Promise<string> {
  const h = await requireNode(db, host.trim().toLowerCase().replace(/\.$/, ''));
  if (h.kind !== 'Host') throw new AppError(ErrorCode.BAD_USER_INPUT, `"${host}" is a ${h.kind}, not a host name.`);
  return h.key;
}

export async function querierEdges(db: Database, host: string): Promise<QuerierEdge[]> {
  const key = await hostKey(db, host);
  const rows = await db.readTx((tx) => runQuery(tx, 'lookups', 'queriers', { host: key }), { caller: 'graphql:queriers' });
  return rows.map((r) => ({
    ip: String(r.ip), edgeId: String(r.edgeId), firstSeen: r.firstSeen as string | null, lastSeen: r.lastSeen as string | null,
    count: Number(r.count ?? 0),
    org: r.org ? toNode(asNode(r.org)) : null, asn: r.asn ? toNode(asNode(r.asn)) : null,
  }));
}

/** [from, to) of a window in epoch ms (±Infinity for an open end), checked. */
export function windowMs(w: Window | null | undefined): [number, number] {
  const f = w?.from ? Date.parse(w.from) : -Infinity;
  const t = w?.to ? Date.parse(w.to) : Infinity;
  if (Number.isNaN(f) || Number.isNaN(t)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'window.from and window.to must be ISO-8601 times.');
  if (f > t) throw new AppError(ErrorCode.BAD_USER_INPUT, 'window.from must not be after window.to.');
  return [f, t];
}

/** Lookups of `host` in the window from the event store: per asking address (or all, `perClient` false), per 15-minute bucket (or in all, `bucketed` false). */
export interface BucketCount { client: string; bucketMs: number; count: number }

/** The lookups of one name in a window: WHERE clause, its parameters and the parts that can hold them. */
function lookupFilter(events: EventStore, sources: readonly string[] | null, hostKeyValue: string, w: Window | null | undefined) {
  const [f, t] = windowMs(w);
  const conds = ['qname = $host', 'client IS NOT NULL', 'ts IS NOT NULL'];
  const params: Record<string, string> = { host: hostKeyValue };
  if (Number.isFinite(f)) { conds.push('ts >= $from::TIMESTAMP'); params.from = new Date(f).toISOString(); }
  if (Number.isFinite(t)) { conds.push('ts < $to::TIMESTAMP'); params.to = new Date(t).toISOString(); }
  return { where: conds.join(' AND '), params, parts: { sources, from: Number.isFinite(f) ? f : undefined, to: Number.isFinite(t) ? t : undefined } };
}

export async function lookupCounts(
  events: EventStore, sources: readonly string[] | null, hostKeyValue: string, w: Window | null | undefined, o: { perClient: boolean; bucketed: boolean },
): Promise<BucketCount[]> {
  const q = lookupFilter(events, sources, hostKeyValue, w);
  const client = o.perClient ? 'client' : "'all'";
  const bucket = o.bucketed ? `(epoch_ms(ts) // ${BUCKET_MS}) * ${BUCKET_MS}` : '0';
  const rows = await queryEvents(events, q.parts,
    `SELECT ${client} AS client, ${bucket} AS b, sum(count)::BIGINT AS n FROM events WHERE ${q.where} GROUP BY ALL`, q.params);
  return rows.map((r) => ({ client: String(r.client), bucketMs: Number(r.b), count: Number(r.n) }));
}

/** Lookups per (asking address or 'all') and local bucket: `unit` a calendar unit, or weekday × hour. */
export interface LocalCount { client: string; key: string; firstBucketMs: number; count: number }

const LOCAL_KEY: Record<BucketSize | 'WEEKDAY_HOUR', string> = {
  HOUR: "strftime(date_trunc('hour', loc), '%Y-%m-%dT%H')",
  DAY: "strftime(date_trunc('day', loc), '%Y-%m-%d')",
  WEEK: "strftime(date_trunc('week', loc), '%Y-%m-%d')",
  WEEKDAY_HOUR: "CAST(isodow(loc) AS VARCHAR) || ':' || CAST(hour(loc) AS VARCHAR)",
};

/**
 * Aggregated in DuckDB down to what the answer needs: 15-minute buckets first (integer arithmetic
 * over every lookup), then the zone's local time of each distinct bucket only (a few hundred ICU
 * conversions, not one per lookup). TypeScript then works on at most groups × local buckets rows.
 */
export async function localCounts(
  events: EventStore, sources: readonly string[] | null, hostKeyValue: string, w: Window | null | undefined,
  perClient: boolean, timeZone: string, unit: BucketSize | 'WEEKDAY_HOUR',
): Promise<LocalCount[]> {
  const q = lookupFilter(events, sources, hostKeyValue, w);
  const client = perClient ? 'client' : "'all'";
  const rows = await queryEvents(events, q.parts, `
    WITH c AS (SELECT ${client} AS client, epoch_ms(ts) // ${BUCKET_MS} AS b, sum(count) AS n FROM events WHERE ${q.where} GROUP BY ALL),
         k AS (SELECT b, ${LOCAL_KEY[unit].replace(/loc/g, 'timezone($tz, CAST(make_timestamp(b * ' + BUCKET_MS * 1000 + ') AS TIMESTAMPTZ))')} AS key FROM (SELECT DISTINCT b FROM c))
    SELECT c.client, k.key, min(c.b) AS b, sum(c.n)::BIGINT AS n FROM c JOIN k USING (b) GROUP BY ALL`, { ...q.params, tz: timeZone });
  return rows.map((r) => ({ client: String(r.client), key: String(r.key), firstBucketMs: Number(r.b) * BUCKET_MS, count: Number(r.n) }));
}

/** The graph's view of each asking address, by address; addresses only the events know get a bare entry. */
async function attribution(db: Database, key: string): Promise<Map<string, QuerierEdge>> {
  return new Map((await querierEdges(db, key)).map((e) => [e.ip, e]));
}

function edgeFor(m: Map<string, QuerierEdge>, ip: string): QuerierEdge {
  return m.get(ip) ?? { ip, edgeId: null, firstSeen: null, lastSeen: null, count: 0, org: null, asn: null };
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

export async function queriers(db: Database, events: EventStore, host: string, w: Window | null | undefined, by: GroupBy): Promise<{ total: number; groups: QuerierGroup[] }> {
  const key = await hostKey(db, host);
  const [counts, attr] = await Promise.all([lookupCounts(events, await liveSources(db), key, w, { perClient: true, bucketed: false }), attribution(db, key)]);
  const groups = new Map<string, QuerierGroup>();
  let total = 0;
  for (const c of counts) {
    const n = c.count;
    if (n === 0) continue;
    total += n;
    const e = edgeFor(attr, c.client);
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

/** Local start of the bucket after `cur` (DST days are 23 or 25 hours: step on until the label changes). */
function nextBucket(cur: { label: string; startUtc: number }, size: BucketSize, local: (ms: number) => LocalParts): { label: string; startUtc: number } {
  let t = cur.startUtc + (size === 'HOUR' ? 3_600_000 : size === 'DAY' ? 86_400_000 : 7 * 86_400_000);
  for (;;) {
    const b = bucketOf(t, size, local);
    if (b.label !== cur.label) return b;
    t += BUCKET_MS;
  }
}

/** Timelines longer than this many rows are refused (ask for a larger bucket or a window). */
export const MAX_TIMELINE_ROWS = 200_000;

/**
 * Lookups per local bucket and group. Every bucket from the first to the last one with lookups
 * is present for every group, with count 0 where there were none (a chart shows gaps as gaps).
 */
export async function timeline(db: Database, events: EventStore, host: string, w: Window | null | undefined, size: BucketSize, by: GroupBy, timeZone: string): Promise<TimelineBucket[]> {
  zoneFormatter(timeZone);
  const key = await hostKey(db, host);
  const [sources, attr] = await Promise.all([liveSources(db), needsAttribution(by) ? attribution(db, key) : new Map<string, QuerierEdge>()]);
  return timelineOf(events, sources, key, w, size, by, timeZone, attr);
}

const needsAttribution = (by: GroupBy) => by === 'ORGANIZATION' || by === 'ASN';

/** The event store's part of `timeline`, given the sources to read and the addresses' attribution. */
export async function timelineOf(
  events: EventStore, sources: readonly string[] | null, key: string, w: Window | null | undefined, size: BucketSize, by: GroupBy, timeZone: string,
  attr: Map<string, QuerierEdge>,
): Promise<TimelineBucket[]> {
  const local = zoneFormatter(timeZone);
  const counts = await localCounts(events, sources, key, w, by !== 'NONE', timeZone, size);
  const acc = new Map<string, number>();
  const groups = new Map<string, string>();
  const buckets = new Map<string, number>();
  for (const c of counts) {
    const { key: g, name } = groupOf(edgeFor(attr, c.client), by);
    groups.set(g, name);
    // Label and start from the local bucket's first 15 minutes with lookups (Intl, as always).
    const b = bucketOf(c.firstBucketMs, size, local);
    if (!buckets.has(b.label) || buckets.get(b.label)! > b.startUtc) buckets.set(b.label, b.startUtc);
    const k = `${b.label}\u0000${g}`;
    acc.set(k, (acc.get(k) ?? 0) + c.count);
  }
  if (buckets.size === 0) return [];
  const labels = [...buckets.keys()].sort();
  const last = labels[labels.length - 1];
  const groupKeys = [...groups.keys()].sort();
  const out: TimelineBucket[] = [];
  for (let b = { label: labels[0], startUtc: buckets.get(labels[0])! }; ; b = nextBucket(b, size, local)) {
    if (out.length + groupKeys.length > MAX_TIMELINE_ROWS) {
      throw new AppError(ErrorCode.LIMIT_EXCEEDED, `The timeline would have more than ${MAX_TIMELINE_ROWS} rows: choose a larger bucket or a narrower window.`);
    }
    const startUtc = new Date(buckets.get(b.label) ?? b.startUtc).toISOString();
    for (const g of groupKeys) out.push({ start: b.label, startUtc, group: g, groupName: groups.get(g)!, count: acc.get(`${b.label}\u0000${g}`) ?? 0 });
    if (b.label >= last) break;
  }
  return out;
}

export interface OfficeHours { group: string; total: number; byWeekdayHour: number[][] }

/** Lookups by local weekday (Monday first) × hour of day, per group. */
export async function officeHours(db: Database, events: EventStore, host: string, w: Window | null | undefined, by: GroupBy, timeZone: string): Promise<OfficeHours[]> {
  zoneFormatter(timeZone);
  const key = await hostKey(db, host);
  const [sources, attr] = await Promise.all([liveSources(db), needsAttribution(by) ? attribution(db, key) : new Map<string, QuerierEdge>()]);
  return officeHoursOf(events, sources, key, w, by, timeZone, attr);
}

/** The event store's part of `officeHours`. */
export async function officeHoursOf(
  events: EventStore, sources: readonly string[] | null, key: string, w: Window | null | undefined, by: GroupBy, timeZone: string,
  attr: Map<string, QuerierEdge>,
): Promise<OfficeHours[]> {
  const local = zoneFormatter(timeZone);
  const counts = await localCounts(events, sources, key, w, by !== 'NONE', timeZone, 'WEEKDAY_HOUR');
  const acc = new Map<string, OfficeHours>();
  for (const c of counts) {
    const g = groupOf(edgeFor(attr, c.client), by).key;
    let o = acc.get(g);
    if (!o) { o = { group: g, total: 0, byWeekdayHour: Array.from({ length: 7 }, () => new Array(24).fill(0)) }; acc.set(g, o); }
    const p = local(c.firstBucketMs);
    o.byWeekdayHour[p.wd - 1][p.h] += c.count;
    o.total += c.count;
  }
  return [...acc.values()].filter((o) => o.total > 0).sort((a, b) => b.total - a.total || a.group.localeCompare(b.group));
}
