// @name shortest-paths
// @summary The k shortest undirected paths between two nodes over allow-listed relationship types
// The service substitutes the literal parts Cypher cannot take as parameters: the number of
// paths (SHORTEST 1 → SHORTEST k, k ≤ 10) and the hop bound ({1,8} → {1,maxHops}, ≤ 8), both
// validated integers. Every hop must pass the type, confidence and window filters.
// @param fromId: String -- element id of the start node
// @param toId: String -- element id of the end node
// @param types: List<String> -- relationship types to follow (from REL_TYPES)
// @param minConfidence: Integer
// @param winFrom: String -- ISO-8601 or null
// @param winTo: String -- ISO-8601 or null
// @param winMode: String -- LOOSE or STRICT
// @mode READ
MATCH (a) WHERE elementId(a) = $fromId
MATCH (b) WHERE elementId(b) = $toId
MATCH p = SHORTEST 1 (a) (()-[r]-()
  WHERE type(r) IN $types
    AND coalesce(r.confidence, 0) >= $minConfidence
    AND ($winFrom IS NULL
         OR (r.validFrom IS NULL AND r.validTo IS NULL AND r.firstSeen IS NULL AND r.lastSeen IS NULL)
         OR CASE $winMode
              WHEN 'STRICT' THEN coalesce(coalesce(r.validFrom, r.firstSeen) >= datetime($winFrom), false)
                             AND coalesce(coalesce(r.validTo, r.lastSeen) <= datetime($winTo), false)
              ELSE coalesce(coalesce(r.validFrom, r.firstSeen) <= datetime($winTo), true)
               AND coalesce(coalesce(r.validTo, r.lastSeen) >= datetime($winFrom), true)
            END)
){1,8} (b)
RETURN nodes(p) AS nodes, relationships(p) AS rels
