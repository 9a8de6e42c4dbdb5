// @name expand
// @summary One breadth-first level of a neighbourhood: the relationships of the frontier nodes that pass the filters
// A relationship with no validity information at all is a timeless (structural) fact and passes
// any window; otherwise a missing start is unbounded and a missing end is open.
// @param frontier: List<String> -- element ids of the nodes to expand
// @param types: List<String> -- relationship types to follow (from REL_TYPES)
// @param kinds: List<String> -- kinds the reached node must have; empty = any entity kind
// @param minConfidence: Integer
// @param minDegree: Integer -- reached nodes need at least this many relationships; 0 = no filter
// @param winFrom: String -- ISO-8601 or null
// @param winTo: String -- ISO-8601 or null
// @param winMode: String -- LOOSE or STRICT
// @param limit: Integer
// @mode READ
UNWIND $frontier AS fid
MATCH (a) WHERE elementId(a) = fid
MATCH (a)-[r]-(b)
WHERE type(r) IN $types
  AND coalesce(r.confidence, 0) >= $minConfidence
  AND (size($kinds) = 0 OR any(l IN labels(b) WHERE l IN $kinds))
  AND ($minDegree = 0 OR COUNT { (b)--() } >= $minDegree)
  AND ($winFrom IS NULL
       OR (r.validFrom IS NULL AND r.validTo IS NULL AND r.firstSeen IS NULL AND r.lastSeen IS NULL)
       OR CASE $winMode
            WHEN 'STRICT' THEN coalesce(coalesce(r.validFrom, r.firstSeen) >= datetime($winFrom), false)
                           AND coalesce(coalesce(r.validTo, r.lastSeen) <= datetime($winTo), false)
            ELSE coalesce(coalesce(r.validFrom, r.firstSeen) <= datetime($winTo), true)
             AND coalesce(coalesce(r.validTo, r.lastSeen) >= datetime($winFrom), true)
          END)
WITH DISTINCT r
LIMIT $limit
RETURN r, startNode(r) AS s, endNode(r) AS e
