// @name lookup-bursts
// @summary Does a client look a name up on a schedule: gaps between its active 15-minute buckets, median gap, share near an hour?
// A bucket is "active" when the client looked the name up in it (repeated bucket ids summed).
// Gaps are the minutes between consecutive active buckets, so they are multiples of 15; a burst
// straddling a bucket boundary shows as a 15-minute gap. "Near an hour" = 45 to 75 minutes.
// Overnight and weekend pauses count as gaps too, so also look at the share among gaps of at most
// three hours. With byOrganization = true the addresses one organization is said to operate are
// merged into one client (the "two resolvers, one machine" question).
// @param host: String -- host key
// @param ip: String = null -- only this querier
// @param byOrganization: Boolean = false -- merge the addresses of one operator
// @param minLookups: Integer = 10
// @param limit: Integer = 25
// @mode READ
// @example host=mail1.trump-email.com
// @expect rows >= 1
// @expect column client contains "217.12.96.15"
MATCH (ip:IP)-[q:QUERIED]->(:Host {key: $host})
WHERE $ip IS NULL OR ip.key = $ip
OPTIONAL MATCH (o:Organization)-[:OPERATES]->(ip)
WITH CASE WHEN $byOrganization AND o IS NOT NULL THEN o.name ELSE ip.key END AS client, ip, q
UNWIND range(0, size(q.buckets) - 1) AS i
WITH client, q.buckets[i] AS b, q.bucketCounts[i] AS n
WITH client, b, sum(n) AS n ORDER BY client, b
WITH client, collect(b) AS bs, sum(n) AS lookups
WHERE lookups >= $minLookups AND size(bs) > 1
WITH client, lookups, size(bs) AS activeBuckets, [i IN range(1, size(bs) - 1) | (bs[i] - bs[i - 1]) * 15] AS gaps
UNWIND gaps AS g
WITH client, lookups, activeBuckets, count(g) AS gaps, percentileDisc(g, 0.5) AS medianGapMin,
     sum(CASE WHEN g >= 45 AND g <= 75 THEN 1 ELSE 0 END) AS near60,
     sum(CASE WHEN g <= 180 THEN 1 ELSE 0 END) AS short,
     sum(CASE WHEN g = 15 THEN 1 ELSE 0 END) AS adjacent
RETURN client, lookups, activeBuckets, gaps, medianGapMin,
       round(1000.0 * near60 / gaps) / 10 AS near60Pct,
       short AS gapsUpTo3h,
       CASE WHEN short = 0 THEN null ELSE round(1000.0 * near60 / short) / 10 END AS near60PctOfShort,
       adjacent AS adjacentBuckets
ORDER BY lookups DESC, client
LIMIT $limit
