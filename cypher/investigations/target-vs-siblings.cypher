// @name target-vs-siblings
// @summary Is the target's lookup pattern unusual next to sibling hosts on the same prefix?
// The baseline comparison a careful analyst makes before calling a pattern special: every host
// resolving into the target's prefix(es), counted over the target's own lookup window
// (its first to its last lookup, at 15-minute resolution), side by side: lookups, distinct
// queriers, the top querier's share, active days, and the share of lookups in office hours
// (Mon–Fri 09:00–17:59) and at weekends in the given time zone. `syntheticOnly` flags hosts
// known only from synthetic material (the bundled siblings are FICTIONAL).
// @param host: String -- the target host key
// @param timeZone: String = 'Europe/Moscow' -- zone for office hours and weekends
// @param limit: Integer = 25
// @mode READ
// @example host=mail1.trump-email.com
// @expect rows >= 2
// @expect column role contains "target"
MATCH (:IP)-[tq:QUERIED]->(t:Host {key: $host})
WITH t, min(tq.firstSeen).epochMillis / 900000 AS b0, max(tq.lastSeen).epochMillis / 900000 AS b1
MATCH (t)-[:RESOLVES_TO]->(:IP)-[:IN_PREFIX]->(p:Prefix)
// A second MATCH, so the target's own IN_PREFIX edge can be walked back (and the target included).
MATCH (p)<-[:IN_PREFIX]-(a:IP)<-[ra:RESOLVES_TO]-(h:Host)
WITH DISTINCT t, b0, b1, h, a, ra
CALL (h, b0, b1) {
  MATCH (ip:IP)-[q:QUERIED]->(h)
  UNWIND range(0, size(q.buckets) - 1) AS i
  WITH ip, q.buckets[i] AS b, q.bucketCounts[i] AS n
  WHERE b >= b0 AND b <= b1
  WITH collect({ip: ip.key, b: b, n: n}) AS xs
  UNWIND xs AS x
  WITH xs, x.ip AS ip, sum(x.n) AS n ORDER BY n DESC, ip
  WITH xs, collect({ip: ip, n: n}) AS qs
  WITH qs,
       reduce(s = 0, x IN xs | s + x.n) AS lookups,
       reduce(s = 0, x IN xs | s + CASE WHEN datetime({epochMillis: x.b * 900000, timezone: $timeZone}).dayOfWeek <= 5
                                          AND datetime({epochMillis: x.b * 900000, timezone: $timeZone}).hour >= 9
                                          AND datetime({epochMillis: x.b * 900000, timezone: $timeZone}).hour < 18 THEN x.n ELSE 0 END) AS office,
       reduce(s = 0, x IN xs | s + CASE WHEN datetime({epochMillis: x.b * 900000, timezone: $timeZone}).dayOfWeek >= 6 THEN x.n ELSE 0 END) AS weekend,
       size(reduce(d = [], x IN xs | CASE WHEN x.b / 96 IN d THEN d ELSE d + [x.b / 96] END)) AS activeDays
  RETURN lookups, size(qs) AS queriers, qs[0].ip AS topQuerier, qs[0].n AS topN, office, weekend, activeDays
}
WITH t, h, a, ra, lookups, queriers, topQuerier, topN, office, weekend, activeDays
WHERE lookups > 0
OPTIONAL MATCH (s:Source) WHERE s.key IN ra.sources
WITH t, h, a, lookups, queriers, topQuerier, topN, office, weekend, activeDays, collect(s) AS srcs
RETURN h.key AS host, CASE WHEN h = t THEN 'target' ELSE 'sibling' END AS role, a.key AS address,
       lookups, queriers, topQuerier, round(1000.0 * topN / lookups) / 10 AS topQuerierPct, activeDays,
       round(1000.0 * office / lookups) / 10 AS officeHoursPct, round(1000.0 * weekend / lookups) / 10 AS weekendPct,
       size(srcs) > 0 AND all(s IN srcs WHERE s.synthetic) AS syntheticOnly
ORDER BY role DESC, host
LIMIT $limit
