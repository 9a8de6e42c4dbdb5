// Lookups of given QUERIED edges inside a time window, from the event store. The edges carry
// whole-edge totals only (no histogram since lean lookup edges became the default), so the
// canvas's time window asks here: the graph names each edge's ends, DuckDB counts the events.
import { listValue } from '@duckdb/node-api';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { liveSources, queryEvents, type EventStore, type SqlParams } from '../../events/event-store.ts';
import { windowMs, type Window } from './lookup-service.ts';

/** More edges than this in one call are refused (the canvas draws at most a few thousand lookup edges). */
export const MAX_WINDOW_EDGES = 10_000;

export interface EdgeWindowCount { edgeId: string; count: number }

/**
 * Events of each edge's (client, name) pair with time in [from, to); an edge id that is not a
 * QUERIED edge is left out of the answer, an edge without events in the window counts 0.
 */
export async function lookupWindowCounts(db: Database, events: EventStore, edgeIds: readonly string[], w: Window | null | undefined): Promise<EdgeWindowCount[]> {
  if (edgeIds.length > MAX_WINDOW_EDGES) throw new AppError(ErrorCode.LIMIT_EXCEEDED, `At most ${MAX_WINDOW_EDGES} edges per call (${edgeIds.length} given).`);
  const [f, t] = windowMs(w);
  const from = Number.isFinite(f) ? f : undefined, to = Number.isFinite(t) ? t : undefined;
  if (edgeIds.length === 0) return [];
  const [ends, sources] = await Promise.all([
    db.readTx((tx) => runQuery(tx, 'lookups', 'lookup-edge-ends', { edgeIds: [...new Set(edgeIds)] }), { caller: 'graphql:lookupWindowCounts' }),
    liveSources(db),
  ]);
  if (ends.length === 0) return [];
  const conds = ['list_contains($names, qname)', 'list_contains($clients, client)', 'ts IS NOT NULL'];
  const params: SqlParams = {
    names: listValue([...new Set(ends.map((e) => String(e.name)))]),
    clients: listValue([...new Set(ends.map((e) => String(e.client)))]),
  };
  if (from !== undefined) { conds.push('ts >= $from::TIMESTAMP'); params.from = new Date(from).toISOString(); }
  if (to !== undefined) { conds.push('ts < $to::TIMESTAMP'); params.to = new Date(to).toISOString(); }
  // Names × clients is a superset of the pairs asked for; the pairs are picked out below.
  const rows = await queryEvents(events, { sources, from, to },
    `SELECT client, qname, sum(count)::BIGINT AS n FROM events WHERE ${conds.join(' AND ')} GROUP BY ALL`, params);
  const byPair = new Map(rows.map((r) => [`${r.client}\u0000${r.qname}`, Number(r.n)]));
  return ends.map((e) => ({ edgeId: String(e.edgeId), count: byPair.get(`${e.client}\u0000${e.name}`) ?? 0 }));
}
