// @name relationship-by-id
// @summary Relationships by element id with both end nodes (for "why is this edge here")
// @param ids: List<String> -- relationship element ids
// @mode READ
UNWIND $ids AS rid
MATCH (s)-[r]->(e) WHERE elementId(r) = rid
RETURN rid AS id, r, s, e
