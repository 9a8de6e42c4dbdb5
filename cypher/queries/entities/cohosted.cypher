// @name cohosted
// @summary Names sharing an address with the entity, and addresses sharing its prefixes
// For a Host: its addresses (RESOLVES_TO) and the other names on them; for an IP: itself.
// Then for every such address its prefixes and the other addresses in them, with their names.
// @param id: String -- element id of a Host or IP
// @param limit: Integer -- cap per list
// @mode READ
MATCH (n) WHERE elementId(n) = $id
CALL (n) {
  MATCH (n:Host)-[:RESOLVES_TO]->(ip:IP) RETURN ip
  UNION
  MATCH (ip:IP) WHERE ip = n RETURN ip
}
CALL (ip) {
  OPTIONAL MATCH (h:Host)-[:RESOLVES_TO]->(ip)
  WITH h LIMIT $limit
  RETURN collect(DISTINCT h) AS hosts
}
CALL (ip) {
  OPTIONAL MATCH (ip)-[:IN_PREFIX]->(px:Prefix)
  OPTIONAL MATCH (px)<-[:IN_PREFIX]-(other:IP) WHERE other <> ip
  WITH px, other LIMIT $limit
  OPTIONAL MATCH (oh:Host)-[:RESOLVES_TO]->(other)
  WITH px, other, collect(DISTINCT oh) AS otherHosts
  RETURN collect(CASE WHEN px IS NULL THEN null ELSE {prefix: px, address: other, hosts: otherHosts} END) AS neighbours
}
RETURN ip, hosts, neighbours
