// @name why-is-this-edge-here
// @summary Why is this edge here: every provenance slot of the relationships between two keys?
// One row per (relationship, source): the source's kind, reliability and whether it is synthetic,
// the confidence it gives, the pointer to the raw record (file:line or case.yaml:line), how many
// records back it, and the validity it states. Both directions are searched.
// @param from: String -- key of one end (any label), e.g. 217.12.96.15
// @param to: String -- key of the other end, e.g. mail1.trump-email.com
// @param type: String = null -- only this relationship type
// @param limit: Integer = 100
// @mode READ
// @example from=217.12.96.15 to=mail1.trump-email.com
// @expect rows >= 1
// @expect column type contains "QUERIED"
MATCH (a {key: $from})-[r]-(b {key: $to})
WHERE ($type IS NULL OR type(r) = $type) AND r.sources IS NOT NULL
UNWIND range(0, size(r.sources) - 1) AS i
OPTIONAL MATCH (s:Source {key: r.sources[i]})
RETURN type(r) AS type, startNode(r).key + ' -> ' + endNode(r).key AS direction, i AS slot,
       r.sources[i] AS source, s.kind AS kind, s.synthetic AS synthetic, s.reliability AS reliability,
       r.srcConf[i] AS confidence, r.srcRef[i] AS ref, r.srcCount[i] AS records,
       r.srcFrom[i] AS validFrom, r.srcTo[i] AS validTo
ORDER BY type, direction, slot
LIMIT $limit
