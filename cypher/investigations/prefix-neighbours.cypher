// @name prefix-neighbours
// @summary What else lives in the same prefix as this address: which addresses, names and operators?
// Neighbours on a marketing platform's range are the natural comparison for a "special" host.
// Each neighbour carries what names point at it, who is said to operate it, and whether the
// facts come only from synthetic material (the bundled siblings are fictional).
// @param ip: String -- e.g. 66.216.133.29
// @param limit: Integer = 100
// @mode READ
// @example ip=66.216.133.29
// @expect rows >= 1
// @expect column prefix contains "66.216.133.0/24"
MATCH (ip:IP {key: $ip})-[:IN_PREFIX]->(p:Prefix)<-[ir:IN_PREFIX]-(n:IP)
WHERE n <> ip
OPTIONAL MATCH (h:Host)-[:RESOLVES_TO]->(n)
OPTIONAL MATCH (n)-[:PTR]->(ptr:Host)
OPTIONAL MATCH (o:Organization)-[:OPERATES]->(n)
OPTIONAL MATCH (c:Claim)-[:ABOUT]->(n)
WITH p, n, ir, collect(DISTINCT h.key) AS names, collect(DISTINCT ptr.key) AS ptrNames,
     collect(DISTINCT o.name) AS operators, collect(DISTINCT c.attribute + ': ' + c.value) AS claims
OPTIONAL MATCH (s:Source) WHERE s.key IN ir.sources AND NOT s.key STARTS WITH 'derived:'
WITH p, n, names, ptrNames, operators, claims, collect(s) AS srcs
RETURN p.key AS prefix, n.key AS neighbour, names, ptrNames, operators, claims,
       size(srcs) > 0 AND all(s IN srcs WHERE s.synthetic) AS syntheticOnly,
       [s IN srcs | s.key] AS sources
ORDER BY prefix, neighbour
LIMIT $limit
