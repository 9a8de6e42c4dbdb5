// @name prefix-siblings
// @summary Every host resolving into the prefix(es) a target host resolves into, the target included, with the address and whether only synthetic sources say so
// @param host: String -- the target host key
// @mode READ
MATCH (t:Host {key: $host})-[:RESOLVES_TO]->(:IP)-[:IN_PREFIX]->(p:Prefix)
// A second MATCH, so the target's own IN_PREFIX edge can be walked back (and the target included).
MATCH (p)<-[:IN_PREFIX]-(a:IP)<-[ra:RESOLVES_TO]-(h:Host)
WITH DISTINCT t, h, a, ra
OPTIONAL MATCH (s:Source) WHERE s.key IN ra.sources
WITH t, h, a, collect(s) AS srcs
RETURN h.key AS host, CASE WHEN h = t THEN 'target' ELSE 'sibling' END AS role, a.key AS address,
       size(srcs) > 0 AND all(s IN srcs WHERE s.synthetic) AS syntheticOnly
LIMIT 100000
