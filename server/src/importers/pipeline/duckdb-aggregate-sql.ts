// The aggregation of one import, in SQL over the engine's tables:
//   ev   every accepted lookup (line, ts ms, client, server, qname, qtype, rcode, cnt); evs the
//        same with its answers as `TYPE value` strings, for the event store
//   de   DNS answer observations (type index, from, to, rrtype, cnt, first, last, line)
//   hn   host names seen outside lookups (passive-DNS owners)
// A pair's or an edge's `ref` is the line of its earliest timed record (ties: the lowest line),
// or the lowest line when no record has a time, as the hand-written aggregator had it: the
// (time, line) pair is packed into one HUGEINT so that min() finds it exactly.

/** Histogram bucket width. 15 minutes keeps every real time-zone offset exact (e.g. +05:45). */
export const BUCKET_MS = 15 * 60 * 1000;

/** Times (µs: a capture's ms are fractional) are within ±8.64e18 µs (the Date range); shifted to be ≥ 0 before packing. */
const SHIFT = 8640000000000000000n;
/** Lines below 10^12 (a trillion-line file is not a use case). */
export const LINE_SPACE = 1000000000000n;

/** The packed (time, line) key of a record; NULL without a time. */
export function refKey(ts: string, line: string): string {
  return `CASE WHEN ${ts} IS NOT NULL THEN (round(${ts} * 1000)::HUGEINT + ${SHIFT}) * ${LINE_SPACE} + (${line})::BIGINT END`;
}

/** The ref of a group, from min(refKey) and min(line). */
export function refOf(minKey: string, minLine: string): string {
  return `coalesce((${minKey} % ${LINE_SPACE})::DOUBLE, (${minLine})::DOUBLE)`;
}

export const SCHEMA_SQL = `
CREATE TABLE qa (line DOUBLE, ts DOUBLE, client VARCHAR, server VARCHAR, qname VARCHAR, qtype VARCHAR, rcode VARCHAR, cnt INTEGER, answers VARCHAR[]);
CREATE TABLE de (t UTINYINT, src VARCHAR, dst VARCHAR, rrtype VARCHAR, cnt DOUBLE, first DOUBLE, last DOUBLE, line DOUBLE);
CREATE TABLE hn (name VARCHAR);
`;

/**
 * Pairs (client, name) with count, first/last, ref, code sets and a 15-minute histogram, in one
 * GROUP BY: the histogram comes as each lookup's bucket and count, which the reader sorts and
 * adds up per bucket (duckdb-read-out.ts). Grouping by (pair, bucket, qtype, rcode) first and
 * then by pair took 4.4 s on 1M uniform lines against 1.6–3.3 s for this (2026-12-03 19:30 UTC,
 * loaded machine). Most pairs have one lookup: it comes as scalars (b1), lists only for the
 * others. No NULL in a column read as raw numbers: missing times are ±Infinity, a missing
 * bucket NaN.
 */
export const PAIRS_SQL = `
CREATE TEMP TABLE lk AS
SELECT client, qname, sum(cnt)::DOUBLE AS n, coalesce(min(ts)::DOUBLE, 'Infinity') AS f, coalesce(max(ts)::DOUBLE, '-Infinity') AS l,
  ${refOf(`min(${refKey('ts', 'line')})`, 'min(line)')} AS ref,
  coalesce(array_to_string(list_sort(list_distinct(list(qtype))), ','), '') AS qt,
  coalesce(array_to_string(list_sort(list_distinct(list(rcode))), ','), '') AS rc,
  coalesce(min(floor(ts / ${BUCKET_MS}.0))::DOUBLE, 'NaN') AS b1, count(*)::DOUBLE AS nb,
  CASE WHEN count(*) > 1 THEN list(coalesce(floor(ts / ${BUCKET_MS}.0)::DOUBLE, 'NaN')) END AS bk,
  CASE WHEN count(*) > 1 THEN list(cnt::DOUBLE) END AS bc
FROM ev WHERE client IS NOT NULL GROUP BY client, qname;
CREATE TEMP TABLE codes AS
SELECT s, (row_number() OVER (ORDER BY s) - 1)::DOUBLE AS id FROM (SELECT qt AS s FROM lk UNION SELECT rc FROM lk UNION SELECT rrtype FROM dn);
`;

/**
 * The pairs as the writer takes them: node ids and code-set ids instead of strings (the reader
 * keeps the strings once per distinct value), ordered by (client, name) — ids follow key order.
 */
export const LOOKUPS_SQL = `
SELECT ips.id AS cid, hosts.id AS hid, n, f, l, ref, cq.id AS qt, cr.id AS rc, b1, nb, lk.bk, lk.bc
FROM lk JOIN ips ON ips.ip = lk.client JOIN hosts ON hosts.h = lk.qname JOIN codes cq ON cq.s = lk.qt JOIN codes cr ON cr.s = lk.rc
ORDER BY cid, hid`;

/** DNS answer edges, each (type, from, to) once. */
export const DNS_EDGES_SQL = `
CREATE TABLE dn AS
SELECT t, src, dst, any_value(rrtype) AS rrtype, sum(cnt)::DOUBLE AS n, min(first)::DOUBLE AS f, max(last)::DOUBLE AS l,
  ${refOf(`min(${refKey('first', 'line')})`, 'min(line)')} AS ref
FROM de GROUP BY t, src, dst`;

/**
 * DNS edges with node ids (per the type's endpoint kinds: one equi-join per kind, which DuckDB
 * hashes; OR-ed join conditions made it loop) and the rrtype's code id, grouped by type.
 */
const edgeOut = (types: string, from: string, fromKey: string, to: string, toKey: string) => `
SELECT t::DOUBLE AS t, a.id AS fid, b.id AS tid, rr.id AS rr, n, coalesce(f, 'Infinity') AS f, coalesce(l, '-Infinity') AS l, ref
FROM dn JOIN ${from} a ON a.${fromKey} = dn.src JOIN ${to} b ON b.${toKey} = dn.dst JOIN codes rr ON rr.s = dn.rrtype
WHERE dn.t IN (${types})`;

export const DNS_EDGES_OUT_SQL = [
  edgeOut('0', 'hosts', 'h', 'ips', 'ip'),
  edgeOut('1', 'hosts', 'h', 'hosts', 'h'),
  edgeOut('2, 3', 'doms', 'd', 'hosts', 'h'),
  edgeOut('4', 'ips', 'ip', 'hosts', 'h'),
].join('\nUNION ALL') + '\nORDER BY t, fid, tid';

/** Every host and IP the import names, numbered in key order (domains are derived from hosts, per distinct name). */
export const NODES_SQL = `
CREATE TEMP TABLE hosts AS
SELECT h, (row_number() OVER (ORDER BY h) - 1)::DOUBLE AS id FROM (SELECT DISTINCT h FROM (
  SELECT qname AS h FROM ev
  UNION ALL SELECT name FROM hn
  UNION ALL SELECT src FROM dn WHERE t IN (0, 1)
  UNION ALL SELECT dst FROM dn WHERE t IN (1, 2, 3, 4)
));
CREATE TEMP TABLE ips AS
SELECT ip, (row_number() OVER (ORDER BY ip) - 1)::DOUBLE AS id FROM (SELECT DISTINCT ip FROM (
  SELECT client AS ip FROM ev WHERE client IS NOT NULL
  UNION ALL SELECT dst FROM dn WHERE t = 0
  UNION ALL SELECT src FROM dn WHERE t = 4
));
CREATE TEMP TABLE doms (d VARCHAR, id DOUBLE);
`;

export const NS_MX_DOMAINS_SQL = 'SELECT DISTINCT src FROM dn WHERE t IN (2, 3)';
