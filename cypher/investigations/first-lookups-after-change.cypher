// @name first-lookups-after-change
// @summary Who first looked up a name that appeared after a given date, and had they asked for its predecessor?
// A name "appears" when its first address record starts (RESOLVES_TO validFrom) or, without one,
// at its first lookup. For every such name the queriers are ranked by their first lookup
// (firstSeen, exact to the second); `earlierNamesOnSameAddress` shows which other names on the same
// address the querier had looked up before, which is what makes a first lookup notable.
// @param after: DateTime -- e.g. 2016-09-23
// @param host: String = null -- restrict to one host key
// @param perName: Integer = 10 -- queriers shown per name
// @param limit: Integer = 50
// @mode READ
// @example after=2016-09-23
// @expect rows >= 1
// @expect column host contains "trump1.contact-client.com"
MATCH (h:Host)
WHERE $host IS NULL OR h.key = $host
OPTIONAL MATCH (h)-[a:RESOLVES_TO]->(:IP)
WITH h, min(a.validFrom) AS recordFrom
OPTIONAL MATCH (:IP)-[q0:QUERIED]->(h)
WITH h, recordFrom, min(q0.firstSeen) AS firstLookup
WITH h, coalesce(recordFrom, firstLookup) AS appeared
WHERE appeared >= datetime($after)
MATCH (ip:IP)-[q:QUERIED]->(h)
WITH h, appeared, ip, q ORDER BY q.firstSeen, ip.key
WITH h, appeared, collect({ip: ip, q: q})[0..$perName] AS firsts
UNWIND range(0, size(firsts) - 1) AS i
WITH h, appeared, i + 1 AS rank, firsts[i].ip AS ip, firsts[i].q AS q
OPTIONAL MATCH (o:Organization)-[:OPERATES]->(ip)
OPTIONAL MATCH (h)-[:RESOLVES_TO]->(:IP)<-[:RESOLVES_TO]-(other:Host)<-[q2:QUERIED]-(ip)
  WHERE other <> h AND q2.firstSeen < q.firstSeen
WITH h, appeared, rank, ip, q, collect(DISTINCT o.name) AS orgs,
     collect(DISTINCT other.key + ' (' + toString(q2.count) + ' lookups)') AS earlier
RETURN h.key AS host, appeared, rank, ip.key AS querier, orgs AS organization,
       q.firstSeen AS firstLookup, q.count AS lookups, earlier AS earlierNamesOnSameAddress
ORDER BY appeared, host, rank
LIMIT $limit
