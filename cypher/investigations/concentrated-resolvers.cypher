// @name concentrated-resolvers
// @summary Which resolvers spend nearly all their lookups on very few names?
// An ordinary recursive resolver asks for many names; one whose traffic (in these logs) is almost
// all one name stands out. Caveat: the logs are one authoritative server's view, so "all its
// lookups" means all its lookups of names served there, not everything the resolver does.
// @param minLookups: Integer = 20 -- ignore queriers with fewer lookups in the logs
// @param limit: Integer = 25
// @mode READ
// @example minLookups=20
// @expect rows >= 4
// @expect column querier contains "217.12.96.15"
MATCH (ip:IP)-[q:QUERIED]->(h:Host)
WITH ip, h.key AS name, q.count AS n ORDER BY n DESC, name
WITH ip, collect({name: name, n: n}) AS names, sum(n) AS lookups
WHERE lookups >= $minLookups
OPTIONAL MATCH (o:Organization)-[:OPERATES]->(ip)
RETURN ip.key AS querier, collect(o.name) AS organization, lookups, size(names) AS distinctNames,
       names[0].name AS topName, names[0].n AS topLookups,
       round(10000.0 * names[0].n / lookups) / 100 AS topSharePct
ORDER BY topSharePct DESC, lookups DESC, querier
LIMIT $limit
