// @name expand-record
// @summary One level outwards from analysis records: what they refer to and what those claims and events are about
// Outgoing only, so a reached entity does not pull in every other claim about it.
// @param frontier: List<String> -- element ids of the nodes to expand
// @param types: List<String> -- analysis relationship types to follow
// @param limit: Integer
// @mode READ
UNWIND $frontier AS fid
MATCH (a) WHERE elementId(a) = fid
MATCH (a)-[r]->(b)
WHERE type(r) IN $types
WITH DISTINCT r
LIMIT $limit
RETURN r, startNode(r) AS s, endNode(r) AS e
