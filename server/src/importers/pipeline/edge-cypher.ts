// Cypher for writing nodes and edges with provenance. Labels and relationship types cannot be
// query parameters in Cypher, so these statements are generated — but only from the allow-lists
// NODE_KINDS and REL_TYPES, never from input text (assertKind/assertRel guard every call).
import { NODE_KINDS, REL_TYPES, type NodeKind, type RelType } from '../../model/index.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { internalStatement } from '../../cypher/statement-files.ts';

export function assertKind(k: string): NodeKind {
  if (!(NODE_KINDS as readonly string[]).includes(k)) throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown node kind "${k}" (allowed: ${NODE_KINDS.join(', ')}).`);
  return k as NodeKind;
}

export function assertRel(t: string): RelType {
  if (!(REL_TYPES as readonly string[]).includes(t)) throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown relationship type "${t}" (allowed: ${REL_TYPES.join(', ')}).`);
  return t as RelType;
}

/**
 * Merge nodes by key; returns the keys that did not exist before. Those keys let the edge writer
 * CREATE edges that cannot exist yet instead of paying for MERGE. A node records the source that
 * created it (`addedBy`): removing another source never takes away a node its creator still names
 * (remove-source.ts). Row: { key, name, props? }; $src: the importing Source's key.
 */
export function nodeMergeCypher(kind: NodeKind): string {
  assertKind(kind);
  return `UNWIND $rows AS row
OPTIONAL MATCH (x:${kind} {key: row.key})
WITH row, x
MERGE (n:${kind} {key: row.key})
ON CREATE SET n.name = row.name, n.addedAt = datetime(), n.addedBy = $src
SET n += row.props
WITH row, x WHERE x IS NULL
RETURN collect(row.key) AS created`;
}

/**
 * Nodes first seen in DNS data: create those the graph lacks (one index seek each, no MERGE
 * lock dance), refresh the properties of those it has; returns the keys created. Two imports
 * creating the same key at once make one of them fail on the key constraint; the writer then
 * repeats that batch with nodeMergeCypher. Row: { key, name, props }; $src as nodeMergeCypher.
 */
export function nodeCreateCypher(kind: NodeKind): string {
  assertKind(kind);
  return `UNWIND $rows AS row
OPTIONAL MATCH (x:${kind} {key: row.key})
FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | SET x += row.props)
WITH row, x WHERE x IS NULL
CREATE (n:${kind} {key: row.key, name: row.name, addedAt: datetime(), addedBy: $src})
SET n += row.props
RETURN collect(row.key) AS created`;
}

/**
 * SUBDOMAIN_OF rows (structural: one set of labels, so static Cypher in
 * cypher/internal/import/subdomain-of-create|merge.cypher) as the arguments of `tx.run`.
 * Row: { host, domain, ref }
 */
export function subdomainOf(name: 'subdomain-of-create' | 'subdomain-of-merge', rows: { host: string; domain: string; ref: string }[], src: string): [string, { rows: typeof rows; src: string }] {
  const params = { rows, src };
  return [internalStatement('import', name, params), params];
}

/*
 * Rows of one statement must name each relationship at most once: Cypher may read r.sources for
 * many rows before it writes any, so a second row for the same edge would see stale arrays. The
 * writer splits repeated edges into rounds (separate statements of one transaction). The first
 * SET takes the relationship's write lock, so a concurrent import waits instead of overwriting.
 *
 * Every relationship carries its provenance as parallel arrays, one slot per Source:
 *   sources (Source keys) · srcConf (0–100) · srcRef (raw-record pointer) · srcCount (records)
 *   srcFrom / srcTo (validity per source, ISO text, '' when unknown)
 * and summaries kept in step: confidence = max(srcConf), validFrom/validTo = envelope (on a lookup
 * edge only where a stated source reaches past firstSeen/lastSeen),
 * count, firstSeen/lastSeen for observations. Arrays on the edge keep "why is this edge here"
 * one read away and cost no extra nodes or hops at query time (see docs/model.md).
 *
 * Row fields: a, b (endpoint keys), n (count), f, l (first/last epoch ms or null),
 * conf, ref (pointer text), vf, vt (validity ISO text or ''), src (Source key),
 * p (type-specific props map), bk/bc (histogram bucket ids and counts, QUERIED only).
 */
// One SET clause for the update proper: every SET clause that reads what an earlier one wrote
// makes the planner buffer all rows (Eager) between them; one clause needs one buffer. The
// updatedAt SET before it takes the lock (nothing reads updatedAt, so it costs no buffer).
const PROV_HEAD = `
SET r.updatedAt = datetime()
WITH r, row, coalesce(r.sources, []) AS srcs
WITH r, row, srcs, CASE WHEN row.src IN srcs THEN [i IN range(0, size(srcs) - 1) WHERE srcs[i] = row.src][0] ELSE -1 END AS si`;

const PROV_ITEMS = `r.sources = CASE WHEN si < 0 THEN srcs + row.src ELSE srcs END,
    r.srcConf = CASE WHEN si < 0 THEN coalesce(r.srcConf, []) + row.conf
                ELSE [j IN range(0, size(srcs) - 1) | CASE WHEN j = si THEN row.conf ELSE r.srcConf[j] END] END,
    r.srcRef = CASE WHEN si < 0 THEN coalesce(r.srcRef, []) + row.ref ELSE r.srcRef END,
    r.srcCount = CASE WHEN si < 0 THEN coalesce(r.srcCount, []) + row.n
                 ELSE [j IN range(0, size(srcs) - 1) | CASE WHEN j = si THEN r.srcCount[j] + row.n ELSE r.srcCount[j] END] END,
    r.srcFrom = CASE WHEN si < 0 THEN coalesce(r.srcFrom, []) + row.vf
                ELSE [j IN range(0, size(srcs) - 1) | CASE WHEN j = si AND row.vf <> '' AND (r.srcFrom[j] = '' OR row.vf < r.srcFrom[j]) THEN row.vf ELSE r.srcFrom[j] END] END,
    r.srcTo = CASE WHEN si < 0 THEN coalesce(r.srcTo, []) + row.vt
              ELSE [j IN range(0, size(srcs) - 1) | CASE WHEN j = si AND row.vt <> '' AND (r.srcTo[j] = '' OR row.vt > r.srcTo[j]) THEN row.vt ELSE r.srcTo[j] END] END,
    r.count = coalesce(r.count, 0) + row.n,
    r.confidence = CASE WHEN r.confidence IS NULL OR row.conf > r.confidence THEN row.conf ELSE r.confidence END,
    r.firstSeen = CASE WHEN row.f IS NULL THEN r.firstSeen
                  WHEN r.firstSeen IS NULL OR datetime({epochMillis: row.f}) < r.firstSeen THEN datetime({epochMillis: row.f}) ELSE r.firstSeen END,
    r.lastSeen = CASE WHEN row.l IS NULL THEN r.lastSeen
                 WHEN r.lastSeen IS NULL OR datetime({epochMillis: row.l}) > r.lastSeen THEN datetime({epochMillis: row.l}) ELSE r.lastSeen END`;

/** Validity envelope of an edge: the earliest validFrom and latest validTo over its sources. */
const VALIDITY_ITEMS = `,
    r.validFrom = CASE WHEN row.vf = '' THEN r.validFrom
                  WHEN r.validFrom IS NULL OR datetime(row.vf) < r.validFrom THEN datetime(row.vf) ELSE r.validFrom END,
    r.validTo = CASE WHEN row.vt = '' THEN r.validTo
                WHEN r.validTo IS NULL OR datetime(row.vt) > r.validTo THEN datetime(row.vt) ELSE r.validTo END`;

/*
 * A lookup edge's validity is [firstSeen, lastSeen]; it is stored only where a stated source (a
 * case claim, row.f null) reaches past the observations. Observed rows leave it unset: two datetimes
 * that repeat firstSeen/lastSeen on every lookup edge cost a quarter of the offline importer's
 * relationship import (BENCHMARKS.md, "What the offline importer spends on a lookup edge").
 * Readers take coalesce(r.validFrom, r.firstSeen). Order-independent: a claim before or after the
 * observations gives the same envelope.
 */
const LOOKUP_VALIDITY_ITEMS = `,
    r.validFrom = CASE WHEN row.vf = '' OR (row.f IS NOT NULL AND r.validFrom IS NULL) THEN r.validFrom
                  WHEN coalesce(r.validFrom, r.firstSeen) IS NULL OR datetime(row.vf) < coalesce(r.validFrom, r.firstSeen) THEN datetime(row.vf)
                  ELSE coalesce(r.validFrom, r.firstSeen) END,
    r.validTo = CASE WHEN row.vt = '' OR (row.l IS NOT NULL AND r.validTo IS NULL) THEN r.validTo
                WHEN coalesce(r.validTo, r.lastSeen) IS NULL OR datetime(row.vt) > coalesce(r.validTo, r.lastSeen) THEN datetime(row.vt)
                ELSE coalesce(r.validTo, r.lastSeen) END`;

/** Extra work for lookups: histogram appended (readers sum duplicate buckets), type/rcode sets. */
const LOOKUP_ITEMS = `,
    r.buckets = coalesce(r.buckets, []) + row.bk,
    r.bucketCounts = coalesce(r.bucketCounts, []) + row.bc`;

/** Both forms: the type and rcode sets (the lean form has no histogram). */
const LOOKUP_SET_ITEMS = `,
    r.qtypes = coalesce(r.qtypes, []) + [t IN row.qt WHERE NOT t IN coalesce(r.qtypes, [])],
    r.rcodes = coalesce(r.rcodes, []) + [t IN row.rc WHERE NOT t IN coalesce(r.rcodes, [])]`;

/** The provenance update of an existing (or just MERGEd) edge r, type-specific props last. */
function provUpdate(type: RelType, histogram: boolean, extra = ''): string {
  const lookup = type === 'QUERIED' ? `${histogram ? LOOKUP_ITEMS : ''}${LOOKUP_SET_ITEMS}` : '';
  const validity = type === 'QUERIED' ? LOOKUP_VALIDITY_ITEMS : VALIDITY_ITEMS;
  return `${PROV_HEAD}
SET ${PROV_ITEMS}${validity}${lookup}${extra},
    r += row.p`;
}

/**
 * Lookup edges from an address to a host name carry a key, k = "<ip key>><host key>", under a
 * relationship range index (cypher/schema/007-queried-key-index.cypher). A known pair is then
 * one index seek away (queriedUpdateCypher) instead of a MERGE that scans the relationships of two
 * dense nodes (a busy client, a popular name): the importer's hottest write on a store that holds
 * data. IP keys contain no '>', so the key is unambiguous. Other QUERIED edges (to a Domain, from
 * case files) have no key and stay MERGEd.
 */
export function isKeyedLookup(type: RelType, fromKind: NodeKind, toKind: NodeKind): boolean {
  return type === 'QUERIED' && fromKind === 'IP' && toKind === 'Host';
}

/** The key of a lookup edge, as the offline bulk writer must spell it. */
export function queriedKey(ip: string, host: string): string {
  return `${ip}>${host}`;
}

const KEY_EXPR = `row.a + '>' + row.b`;

/**
 * The edge statement. `create` = true when the edge is known not to exist (an endpoint is new, or
 * the key seek found nothing); otherwise MERGE. Both end in the same provenance update, so
 * results are identical.
 */
export function edgeCypher(type: RelType, fromKind: NodeKind, toKind: NodeKind, create: boolean, histogram = true): string {
  assertRel(type);
  assertKind(fromKind);
  assertKind(toKind);
  const keyed = isKeyedLookup(type, fromKind, toKind);
  const match = `UNWIND $rows AS row
MATCH (a:${fromKind} {key: row.a}) MATCH (b:${toKind} {key: row.b})`;
  if (!create) return `${match}
MERGE (a)-[r:${type}]->(b)${provUpdate(type, histogram, keyed ? `,\n    r.k = ${KEY_EXPR}` : '')}`;
  // A new edge has one source: its arrays are literals, no merging to compute. This is the
  // hot path of a first import (most edges are new), so it stays as lean as a CREATE can be.
  return `${match}
CREATE (a)-[r:${type}]->(b)
SET r += row.p, r.sources = [row.src], r.srcConf = [row.conf], r.srcRef = [row.ref], r.srcCount = [row.n],
    r.srcFrom = [row.vf], r.srcTo = [row.vt], r.count = row.n, r.confidence = row.conf,
    r.firstSeen = CASE WHEN row.f IS NULL THEN null ELSE datetime({epochMillis: row.f}) END,
    r.lastSeen = CASE WHEN row.l IS NULL THEN null ELSE datetime({epochMillis: row.l}) END${keyed ? `, r.k = ${KEY_EXPR}` : ''}
// For observations the validity is [firstSeen, lastSeen]: copy rather than parse the text again;
// a lookup edge leaves it to firstSeen/lastSeen (LOOKUP_VALIDITY_ITEMS).
${type === 'QUERIED'
    ? `SET r.validFrom = CASE WHEN row.vf = '' OR row.f IS NOT NULL THEN null ELSE datetime(row.vf) END,
    r.validTo = CASE WHEN row.vt = '' OR row.l IS NOT NULL THEN null ELSE datetime(row.vt) END,
    ${histogram ? 'r.buckets = row.bk, r.bucketCounts = row.bc, ' : ''}r.qtypes = row.qt, r.rcodes = row.rc`
    : `SET r.validFrom = CASE WHEN row.vf = '' THEN null WHEN row.f IS NOT NULL THEN r.firstSeen ELSE datetime(row.vf) END,
    r.validTo = CASE WHEN row.vt = '' THEN null WHEN row.l IS NOT NULL THEN r.lastSeen ELSE datetime(row.vt) END`}`;
}

/**
 * Known lookup pairs: find each edge by its key (one index seek, no scan of the end nodes'
 * relationships) and apply the same provenance update as the MERGE. Returns the keys found; the
 * writer CREATEs the rest (edgeCypher with create = true) in the same transaction. Rows as for
 * edgeCypher, each pair at most once per statement. The seek is a hint, not the planner's choice:
 * planned on a store that had just grown (index statistics not yet resampled), the statement ran
 * as a scan of the whole key index for every row (PROFILE: 40M index rows for 2,000 rows over 20k
 * edges, 13.3 s against 1.6 s; the second import of hourly files, BENCHMARKS.md).
 */
export function queriedUpdateCypher(histogram: boolean): string {
  return `UNWIND $rows AS row
MATCH ()-[r:QUERIED {k: ${KEY_EXPR}}]->() USING INDEX SEEK r:QUERIED(k)${provUpdate('QUERIED', histogram)}
WITH row
RETURN collect(${KEY_EXPR}) AS hit`;
}

/**
 * The lean CREATE for new lookup edges, the bulk of a big log's writes. Rows carry only what
 * varies ({ a, b, n, f, l, r, vf, vt, bk, bc, qt, rc }; numbers as FLOAT, converted here);
 * source, confidence and file name are statement parameters. Same properties as edgeCypher's
 * CREATE for QUERIED, key included.
 */
export const QUERIED_CREATE_CYPHER = `UNWIND $rows AS row
MATCH (a:IP {key: row.a}) MATCH (b:Host {key: row.b})
CREATE (a)-[r:QUERIED]->(b)
SET r.sources = [$src], r.srcConf = [$conf], r.srcRef = [$refName + ':' + toString(toInteger(row.r))],
    r.srcCount = [toInteger(row.n)], r.srcFrom = [row.vf], r.srcTo = [row.vt], r.count = toInteger(row.n), r.confidence = $conf,
    r.firstSeen = CASE WHEN row.f IS NULL THEN null ELSE datetime({epochMillis: toInteger(row.f)}) END,
    r.lastSeen = CASE WHEN row.l IS NULL THEN null ELSE datetime({epochMillis: toInteger(row.l)}) END,
    r.buckets = toIntegerList(row.bk), r.bucketCounts = toIntegerList(row.bc), r.qtypes = row.qt, r.rcodes = row.rc
SET r.k = row.a + '>' + row.b`;

/** QUERIED_CREATE_CYPHER, or its lean form without the histogram. */
export function queriedCreateCypher(histogram: boolean): string {
  return histogram ? QUERIED_CREATE_CYPHER : QUERIED_CREATE_CYPHER.replace('\n    r.buckets = toIntegerList(row.bk), r.bucketCounts = toIntegerList(row.bc), r.qtypes', '\n    r.qtypes');
}
