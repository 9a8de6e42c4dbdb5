// @name lookup-edge-ends
// @summary The asking address and the name of each QUERIED edge given by id (ids of other edges are skipped)
// The canvas's time window counts lean lookup edges from the event store by (client, name).
// @param edgeIds: List<String> -- element ids of QUERIED edges
// @mode READ
UNWIND $edgeIds AS id
MATCH (ip:IP)-[q:QUERIED]->(h:Host)
WHERE elementId(q) = id
RETURN id AS edgeId, ip.key AS client, h.key AS name
LIMIT 10000
