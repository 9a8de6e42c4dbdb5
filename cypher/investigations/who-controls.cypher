// @name who-controls
// @summary Who registers, administers, controls and operates a name, and who stands behind them?
// Starts from a host or domain key; looks at the name itself, its registered domain, the
// addresses it resolves to and its name servers' domain. Each direct role is then followed up
// to two contracting hops (a party that outsources to, is a client of or a subsidiary of the
// party found), because "who operates the machine" and "who the name is for" differ in this
// kind of case. Confidence of a chain = the lowest edge confidence on it.
// @param name: String -- host or domain key, e.g. mail1.trump-email.com
// @param minConfidence: Integer = 0 -- drop chains whose weakest edge is below this
// @param limit: Integer = 50
// @mode READ
MATCH (n) WHERE (n:Host OR n:Domain) AND n.key = $name
CALL (n) {
  MATCH (n)-[:SUBDOMAIN_OF*0..1]->(t)-[r:REGISTERED_BY]->(p)
  RETURN 'registrant' AS role, t, r, p
  UNION
  MATCH (n)-[:SUBDOMAIN_OF*0..1]->(t)-[r:ADMINISTERED_BY]->(p)
  RETURN 'administrator' AS role, t, r, p
  UNION
  MATCH (n)-[:SUBDOMAIN_OF*0..1]->(t)<-[r:CONTROLS|OWNS]-(p)
  RETURN 'controller' AS role, t, r, p
  UNION
  MATCH (n)-[:SUBDOMAIN_OF*0..1]->(t)<-[r:OPERATES|HOSTS]-(p)
  RETURN 'operator' AS role, t, r, p
  UNION
  MATCH (n)-[:RESOLVES_TO]->(t:IP)<-[r:OPERATES|HOSTS|OWNS]-(p)
  RETURN 'operator of address' AS role, t, r, p
  UNION
  MATCH (n)-[:SUBDOMAIN_OF*0..1]->(:Domain)-[:NAME_SERVER]->(:Host)-[:SUBDOMAIN_OF]->(t:Domain)<-[r:CONTROLS|OPERATES|OWNS]-(p)
  RETURN 'name-server controller' AS role, t, r, p
}
OPTIONAL MATCH up = (p)<-[:OUTSOURCES_TO|CLIENT_OF|SUBSIDIARY_OF|CONTRACTED_BY*1..2]-(:Organization)
WITH role, t, r, p, [x IN collect(up) WHERE x IS NOT NULL] AS ups
UNWIND (CASE WHEN size(ups) = 0 THEN [null] ELSE [null] + ups END) AS u
WITH role, t, r, p, u,
     [r] + CASE WHEN u IS NULL THEN [] ELSE relationships(u) END AS rels
WITH role, t, p, u, rels,
     reduce(m = 100, x IN rels | CASE WHEN x.confidence < m THEN x.confidence ELSE m END) AS confidence
WHERE confidence >= $minConfidence
RETURN CASE WHEN u IS NULL THEN role ELSE 'behind ' + role END AS role,
       CASE WHEN u IS NULL THEN p.name ELSE last(nodes(u)).name END AS party,
       t.key + ' ' + CASE WHEN startNode(rels[0]) = t THEN '-' + type(rels[0]) + '-> ' ELSE '<-' + type(rels[0]) + '- ' END + p.name
         + reduce(s = '', x IN CASE WHEN u IS NULL THEN [] ELSE relationships(u) END | s + ' <-' + type(x) + '- ' + startNode(x).name) AS chain,
       confidence,
       rels[0].validFrom AS validFrom,
       rels[0].validTo AS validTo,
       reduce(acc = [], x IN rels | acc + [k IN x.sources WHERE NOT k IN acc]) AS sources
ORDER BY confidence DESC, role, party
LIMIT $limit
