// @name queriers
// @summary Every address that looked a name up, with its lookup totals and its attribution (counts over time come from the event store)
// Organization: an OPERATES statement about the address (highest confidence first), else the
// organization the prefix is allocated to, else the registrant of the announcing AS.
// @param host: String -- Host key
// @mode READ
MATCH (h:Host {key: $host})<-[q:QUERIED]-(ip:IP)
CALL (ip) {
  OPTIONAL MATCH (o:Organization)-[op:OPERATES]->(ip)
  WITH o, op ORDER BY op.confidence DESC LIMIT 1
  RETURN o AS operator
}
CALL (ip) {
  OPTIONAL MATCH (ip)-[:IN_PREFIX]->(px:Prefix)
  OPTIONAL MATCH (px)-[:ANNOUNCED_BY]->(asn:ASN)
  OPTIONAL MATCH (asn)-[:REGISTERED_BY]->(asnOrg:Organization)
  OPTIONAL MATCH (px)-[:ALLOCATED_TO]->(alloc:Organization)
  WITH asn, asnOrg, alloc LIMIT 1
  RETURN asn, asnOrg, alloc
}
RETURN ip.key AS ip, elementId(q) AS edgeId, q.firstSeen AS firstSeen, q.lastSeen AS lastSeen, q.count AS count,
       coalesce(operator, alloc, asnOrg) AS org, asn
