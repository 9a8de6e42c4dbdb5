// Reads the engine's aggregates out as the writer takes them. Reading a result cell by cell
// (a JS value per cell, a string decoded per key) cost more than the whole aggregation: 700k
// pairs took 6 s. So the SQL hands over numbers only — node ids in key order, code-set ids,
// counts, times, histogram lists — and this reads them straight from DuckDB's vectors
// (typed vectors read item by item, no value objects); the strings are the node tables' keys, kept once.
import { DuckDBDoubleVector, DuckDBListVector, type DuckDBDataChunk } from '@duckdb/node-api';
import type { DuckEngine } from './duckdb-engine.ts';
import { DNS_EDGES_OUT_SQL, LOOKUPS_SQL } from './duckdb-aggregate-sql.ts';
import { DNS_EDGE_TYPES, type DnsEdgeAgg, type LookupAgg, type NodeTables } from './aggregate-rows.ts';

/** Column `i` of a chunk as doubles (the SQL leaves no NULL in such a column). */
function f64(chunk: DuckDBDataChunk, i: number): Float64Array {
  const v = chunk.getColumnVector(i);
  if (!(v instanceof DuckDBDoubleVector)) throw new Error(`column ${i} is not DOUBLE`);
  const a = new Float64Array(chunk.rowCount);
  for (let r = 0; r < a.length; r++) a[r] = v.getItem(r) as number;
  return a;
}

/** A DOUBLE[] column: per row its offset and length in one flat child column. */
function list(chunk: DuckDBDataChunk, i: number): { v: DuckDBListVector; items: Float64Array } {
  const v = chunk.getColumnVector(i);
  const child = v instanceof DuckDBListVector ? v.childVector : null;
  if (!(child instanceof DuckDBDoubleVector)) throw new Error(`column ${i} is not DOUBLE[]`);
  const items = new Float64Array(child.itemCount);
  for (let r = 0; r < items.length; r++) items[r] = child.getItem(r) as number;
  return { v: v as DuckDBListVector, items };
}

/** The code sets (`A,AAAA`) by id. */
async function codeSets(db: DuckEngine): Promise<{ lists: string[][]; strings: string[] }> {
  const rows = await db.rows('SELECT s, id FROM codes ORDER BY id');
  const strings = rows.map((r) => r[0] as string);
  return { strings, lists: strings.map((s) => (s === '' ? [] : s.split(','))) };
}

/** Every lookup pair once, fully aggregated, ordered by (client, name). */
export async function* readLookups(db: DuckEngine, tables: NodeTables): AsyncGenerator<LookupAgg> {
  const ip = tables.IP.keys, host = tables.Host.keys;
  const { lists } = await codeSets(db);
  for await (const c of db.chunks(LOOKUPS_SQL)) {
    const [cid, hid, n, f, l, ref, qt, rc, b1, nb] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => f64(c, i));
    const bk = list(c, 10), bc = list(c, 11);
    for (let i = 0; i < c.rowCount; i++) {
      let buckets: number[];
      if (nb[i] === 1) buckets = b1[i] === b1[i] ? [b1[i], n[i]] : [];
      else buckets = histogramPairs(bk.items, bc.items, bk.v.getEntryOffset(i), bc.v.getEntryOffset(i), bk.v.getEntryLength(i));
      yield {
        client: ip[cid[i]], host: host[hid[i]], cid: cid[i], hid: hid[i], count: n[i], first: f[i], last: l[i], ref: ref[i],
        qtypes: lists[qt[i]], rcodes: lists[rc[i]], buckets,
      };
    }
  }
}

/** Every DNS edge once, fully aggregated, grouped by type. */
export async function* readDnsEdges(db: DuckEngine, tables: NodeTables): AsyncGenerator<DnsEdgeAgg> {
  const { strings } = await codeSets(db);
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

/**
 * A histogram from two parallel runs of doubles (buckets, counts; NaN buckets for untimed
 * lookups) as the flat [bucket, count, …] the writer takes: sorted by bucket, entries of one
 * bucket added up.
 */
export function histogramPairs(b: ArrayLike<number>, c: ArrayLike<number>, bAt: number, cAt: number, len: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < len; i++) if (b[bAt + i] === b[bAt + i]) idx.push(i);
  idx.sort((x, y) => b[bAt + x] - b[bAt + y]);
  const out: number[] = [];
  for (const i of idx) {
    const v = b[bAt + i];
    if (out.length && out[out.length - 2] === v) out[out.length - 1] += c[cAt + i];
    else out.push(v, c[cAt + i]);
  }
  return out;
}
