// Reading the event store. Every read sees the parts of *live* sources only: sources that exist
// as Source nodes in the graph. The graph is the catalogue of what has been imported (the ledger
// lives there); wiping it or deleting a source makes its events disappear from every answer at
// the same moment, and the files can be removed at leisure (removeSourceEvents).
//
// Queries name a relation `events` (columns of EVENT_COLUMNS); it is a temp view over exactly
// the part files that can hold the answer (live sources, days of the window), never a `.tmp`.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { internalStatement } from '../cypher/statement-files.ts';
import { EVENT_COLUMNS, encodeSourceKey, sqlString } from './event-layout.ts';
import { engineInstance, withConnection, type DuckSettings } from './event-duckdb.ts';

export interface EventStore { root: string; settings: DuckSettings }

export function eventStore(cfg: Config): EventStore {
  return { root: cfg.events.dir, settings: { threads: cfg.events.threads, memoryMb: cfg.events.memoryMb } };
}

/** Keys of the Source nodes in the graph (the sources whose events count). */
export async function liveSources(db: Database): Promise<string[]> {
  const rows = await db.read(internalStatement('events', 'live-sources', {}), {}, { caller: 'events:liveSources' });
  return rows.map((r) => String(r.key));
}

export interface PartFilter {
  /** Only these sources; null = every source on disk. */
  sources: readonly string[] | null;
  /** Epoch ms window [from, to): days wholly outside it are not read, nor `day=none`. */
  from?: number;
  to?: number;
}

/** Finished part files that can hold events matching the filter, sorted. */
export function listParts(root: string, f: PartFilter): string[] {
  if (!existsSync(root)) return [];
  const wanted = f.sources ? new Set(f.sources.map((s) => `source=${encodeSourceKey(s)}`)) : null;
  const windowed = f.from !== undefined || f.to !== undefined;
  const fromDay = f.from !== undefined && Number.isFinite(f.from) ? new Date(Math.max(f.from, -8.64e15)).toISOString().slice(0, 10) : null;
  const toDay = f.to !== undefined && Number.isFinite(f.to) ? new Date(Math.min(f.to, 8.64e15)).toISOString().slice(0, 10) : null;
  const out: string[] = [];
  for (const d of readdirSync(root).sort()) {
    if (!d.startsWith('day=')) continue;
    const day = d.slice(4);
    if (day === 'none') { if (windowed) continue; }
    else if ((fromDay && day < fromDay) || (toDay && day > toDay)) continue;
    for (const s of readdirSync(path.join(root, d)).sort()) {
      if (!s.startsWith('source=') || (wanted && !wanted.has(s))) continue;
      for (const p of readdirSync(path.join(root, d, s)).sort()) if (p.endsWith('.parquet')) out.push(path.join(root, d, s, p));
    }
  }
  return out;
}

/** SQL of a relation with the event columns over these files (an empty one when there are none). */
export function eventsRelationSql(parts: readonly string[]): string {
  if (parts.length === 0) {
    return `SELECT ${EVENT_COLUMNS.map(([n, t]) => `NULL::${t} AS "${n}"`).join(', ')} WHERE false`;
  }
  const cols = EVENT_COLUMNS.map(([n]) => `"${n}"`).join(', ');
  return `SELECT ${cols} FROM read_parquet([${parts.map(sqlString).join(', ')}], hive_partitioning = false, union_by_name = true)`;
}

export async function createEventsView(c: DuckDBConnection, parts: readonly string[]): Promise<void> {
  await c.run(`CREATE OR REPLACE TEMP VIEW events AS ${eventsRelationSql(parts)}`);
}

/** A DuckDB value as plain JSON-able JS: whole numbers as numbers, times as ISO-8601 strings. */
export function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = plain(x);
    return o;
  }
  return v;
}

export type SqlParams = Record<string, DuckDBValue>;

/**
 * Run one fixed, bounded query of a service over the events of `filter` (the query names
 * `events`), on the engine instance. Rows come back as plain objects.
 */
export async function queryEvents(store: EventStore, filter: PartFilter, sql: string, params: SqlParams = {}): Promise<Record<string, unknown>[]> {
  const parts = listParts(store.root, filter);
  return withConnection(engineInstance(store.settings), async (c) => {
    await createEventsView(c, parts);
    try {
      const r = await c.runAndReadAll(sql, params);
      return r.getRowObjectsJS().map((row) => plain(row) as Record<string, unknown>);
    } catch (e) {
      throw new AppError(ErrorCode.INTERNAL, `Event store query failed: ${(e as Error).message}`);
    }
  });
}
