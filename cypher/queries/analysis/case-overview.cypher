// @name case-overview
// @summary A case's subject host (the host name its claims are most about) and the sources it cites, for the start view
// @param caseKey: String -- case:<id>
// @mode READ
MATCH (c:Case {key: $caseKey})
OPTIONAL MATCH (c)-[:CONTAINS]->(:Claim)-[:ABOUT]->(h:Host)
WITH c, h, count(*) AS n
ORDER BY n DESC, h.key
WITH c, head(collect(h.key)) AS subject
OPTIONAL MATCH (c)-[:CITES]->(s:Source)
WITH subject, s ORDER BY coalesce(s.synthetic, false), s.date, s.key
RETURN subject, [x IN collect(s) | x][..60] AS sources
