// The aggregation of one import, in SQL over the engine's tables:
//   ev   every accepted lookup (line, ts ms, client, server, qname, qtype, rcode, cnt); evs the
//        same with its answers as `TYPE value` strings, for the event store
//   de   DNS answer observations (type index, from, to, rrtype, cnt, first, last, line)
//   hn   host names seen outside lookups (passive-DNS owners)
// A pair's or an edge's `ref` is the line of its earliest timed record (ties: the lowest line),
// or the lowest line when no record has a time, as the hand-written aggregator had it: the
// (time, line) pair is packed into one HUGEINT so that min() finds it exactly, an untimed record
// with a time above every real one, so the same min() falls back to the lowest untimed line.

/** Histogram bucket width. 15 minutes keeps every real time-zone offset exact (e.g. +05:45). */
export const BUCKET_MS = 15 * 60 * 1000;

/** Times (µs: a capture's ms are fractional) are within ±8.64e18 µs (the Date range); shifted to be ≥ 0 before packing. */
export const REF_SHIFT = 8640000000000000000n;
/** The time part of an untimed record's key: above every shifted real time (< 2^64). */
const UNTIMED = 1n << 65n;
/**
 * Lines below 2^40 (a trillion-line file is not a use case). Time and line are packed by bit
 * shifts, not by a decimal factor: HUGEINT division and modulo by 10^12 took 1.1 s of a 1.35 s
 * read-out of 940k rows (2026-12-03), shifts and masks take none of it.
 */
export const LINE_BITS = 40;
const LINE_MASK = (1n << 40n) - 1n;

/**
 * The packed (time, line) key of a record; without a time, one above every timed key. One min()
 * of it gives the ref: a second min(line) beside it for untimed groups cost 84 ms of a 404 ms
 * pair-bucket aggregation of the 1M-line uniform log (2026-12-06).
 */
export function refKey(ts: string, line: string): string {
  return `((coalesce(round(${ts} * 1000)::HUGEINT + ${REF_SHIFT}, ${UNTIMED}::HUGEINT) << ${LINE_BITS}) | (${line})::BIGINT)`;
}

/**
 * The line of a packed key (NULL for NULL). Of a group's min(refKey) it is the group's ref: the
 * line of its earliest timed record, else its lowest line.
 */
export function refLine(key: string): string {
  return `(${key} & ${LINE_MASK})::DOUBLE`;
}

/** The time (µs) of a packed key; NULL for an untimed one; exact as a DOUBLE up to the year 2255. */
export function refMicros(key: string): string {
  return `CASE WHEN ${key} < (${UNTIMED}::HUGEINT << ${LINE_BITS}) THEN ((${key} >> ${LINE_BITS}) - ${REF_SHIFT})::DOUBLE END`;
}

export const SCHEMA_SQL = `
CREATE TABLE qa (line DOUBLE, ts DOUBLE, client VARCHAR, server VARCHAR, qname VARCHAR, qtype VARCHAR, rcode VARCHAR, cnt INTEGER, answers VARCHAR[]);
CREATE TABLE de (t UTINYINT, src VARCHAR, dst VARCHAR, rrtype VARCHAR, cnt DOUBLE, first DOUBLE, last DOUBLE, line DOUBLE);
CREATE TABLE hn (name VARCHAR);
`;

/** DNS answer edges, each (type, from, to) once; their rrtypes numbered (`codes`). */
export const DNS_EDGES_SQL = `
CREATE TABLE dn AS
SELECT t, src, dst, any_value(rrtype) AS rrtype, sum(cnt)::DOUBLE AS n, min(first)::DOUBLE AS f, max(last)::DOUBLE AS l,
  ${refLine(`min(${refKey('first', 'line')})`)} AS ref
FROM de GROUP BY t, src, dst;
CREATE TEMP TABLE codes AS SELECT s, (row_number() OVER (ORDER BY s) - 1)::DOUBLE AS id FROM (SELECT DISTINCT rrtype AS s FROM dn);
`;

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
