// Reads the engine's aggregates out as the writer takes them. Reading a result cell by cell
// (a JS value per cell, a string decoded per key) cost more than the whole aggregation: 700k
// pairs took 6 s. So the SQL hands over numbers only — node ids in key order, code ids,
// counts, times — and this reads them straight from DuckDB's vectors
// (typed vectors read item by item, no value objects); the strings are the node tables' keys, kept once.
import { DuckDBDoubleVector, type DuckDBDataChunk } from '@duckdb/node-api';
import type { DuckEngine } from './duckdb-engine.ts';
import { DNS_EDGES_OUT_SQL } from './duckdb-aggregate-sql.ts';
import { DNS_EDGE_TYPES, type DnsEdgeAgg, type NodeTables } from './aggregate-rows.ts';

/**
 * Column `i` of a chunk as doubles (the SQL leaves no NULL in such a column). The vector's own
 * Float64Array is copied in one go when the package exposes it (a private field of
 * DuckDBDoubleVector in @duckdb/node-api 1.5): item by item, 940k pair-bucket rows × 11 columns
 * took 1.5 s of a 1M-line import's 1.9 s read-out (2026-12-03).
 */
export function f64(chunk: DuckDBDataChunk, i: number): Float64Array {
  const v = chunk.getColumnVector(i);
  if (!(v instanceof DuckDBDoubleVector)) throw new Error(`column ${i} is not DOUBLE`);
  const raw = (v as unknown as { items?: unknown }).items;
  if (raw instanceof Float64Array && raw.length >= chunk.rowCount) return raw.slice(0, chunk.rowCount);
  const a = new Float64Array(chunk.rowCount);
  for (let r = 0; r < a.length; r++) a[r] = v.getItem(r) as number;
  return a;
}

/**
 * The keys of a node table (`table` with columns `col` and `id`) in id order. The strings come
 * over joined, 8,192 to a string, and are split here: DuckDB hands over a string per cell at
 * about 1.2 µs each, so 104k host names took 133 ms one by one and 51 ms joined (2026-12-04).
 * The groups are an integer shift of the id: `id // 8192` on the DOUBLE id took 433 ms.
 * Keys with a line feed (normalization lets none through, but the check is cheap) are read one by one.
 */
export async function readKeys(db: DuckEngine, table: string, col: string): Promise<string[]> {
  const [[odd]] = await db.rows(`SELECT count(*) > 0 FROM ${table} WHERE contains(${col}, chr(10))`);
  const out: string[] = [];
  if (odd) {
    for await (const [c] of db.columns(`SELECT ${col} FROM ${table} ORDER BY id`)) for (const v of c) out.push(v as string);
    return out;
  }
  for (const [, joined] of await db.rows(`SELECT id::BIGINT >> 13 AS g, string_agg(${col}, chr(10) ORDER BY id) FROM ${table} GROUP BY g ORDER BY g`)) {
    for (const k of (joined as string).split('\n')) out.push(k);
  }
  return out;
}

/** The DNS edges' rrtypes by id. */
async function rrtypes(db: DuckEngine): Promise<string[]> {
  return (await db.rows('SELECT s FROM codes ORDER BY id')).map((r) => r[0] as string);
}

/** Every DNS edge once, fully aggregated, grouped by type. */
export async function* readDnsEdges(db: DuckEngine, tables: NodeTables): AsyncGenerator<DnsEdgeAgg> {
  const strings = await rrtypes(db);
  for await (const c of db.chunks(DNS_EDGES_OUT_SQL)) {
    const [t, fid, tid, rr, n, f, l, ref] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => f64(c, i));
    for (let i = 0; i < c.rowCount; i++) {
      const k = DNS_EDGE_TYPES[t[i]];
      yield {
        type: k.type, fromKind: k.from, from: tables[k.from].keys[fid[i]], fromId: fid[i], toKind: k.to, to: tables[k.to].keys[tid[i]], toId: tid[i],
        count: n[i], first: f[i], last: l[i], rrtype: strings[rr[i]], ref: ref[i],
      };
    }
  }
}
