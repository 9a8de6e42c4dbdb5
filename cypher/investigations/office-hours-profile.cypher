// @name office-hours-profile
// @summary When, in a given time zone, was a name looked up: lookups per local hour and weekday?
// Built from the 15-minute buckets (every zone offset is a multiple of 15 minutes, so the local
// hour is exact); the zone's daylight-saving rules apply per bucket. One row per local hour,
// one column per weekday. Narrow to one querier with `ip`, or to one organization's addresses
// with `organization` (an Organization key).
// @param host: String -- host key
// @param timeZone: String = 'Europe/Moscow' -- IANA zone name
// @param ip: String = null -- only this querier
// @param organization: String = null -- only IPs this organization is said to operate
// @mode READ
// @example host=mail1.trump-email.com organization=alfa-bank
// @expect rows = 24
MATCH (ip:IP)-[q:QUERIED]->(:Host {key: $host})
WHERE ($ip IS NULL OR ip.key = $ip)
  AND ($organization IS NULL OR EXISTS { (:Organization {key: $organization})-[:OPERATES]->(ip) })
UNWIND range(0, size(q.buckets) - 1) AS i
WITH datetime({epochMillis: q.buckets[i] * 900000, timezone: $timeZone}) AS t, q.bucketCounts[i] AS n
WITH t.hour AS hour, t.dayOfWeek AS dow, sum(n) AS n
WITH hour, collect([dow, n]) AS byDay
UNWIND range(0, 23) AS h
WITH h, [x IN collect(CASE WHEN hour = h THEN byDay END) WHERE x IS NOT NULL] AS cells
WITH h, CASE WHEN size(cells) = 0 THEN [] ELSE cells[0] END AS byDay
WITH h, [d IN range(1, 7) | reduce(s = 0, x IN byDay | s + CASE WHEN x[0] = d THEN x[1] ELSE 0 END)] AS c
RETURN h AS localHour, c[0] AS mon, c[1] AS tue, c[2] AS wed, c[3] AS thu, c[4] AS fri, c[5] AS sat, c[6] AS sun,
       reduce(s = 0, x IN c | s + x) AS total
ORDER BY localHour
LIMIT 24
