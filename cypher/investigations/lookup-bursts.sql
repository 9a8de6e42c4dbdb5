-- @name lookup-bursts
-- @summary Does a client look a name up on a schedule: gaps between its active 15-minute buckets, median gap, share near an hour?
-- From the event store. A 15-minute bucket (UTC, aligned to the quarter hour) is "active" when the
-- client looked the name up in it. Gaps are the minutes between consecutive active buckets, so
-- they are multiples of 15; a burst straddling a bucket boundary shows as a 15-minute gap.
-- "Near an hour" = 45 to 75 minutes. Overnight and weekend pauses count as gaps too, so also look
-- at the share among gaps of at most three hours. With byOrganization = true the addresses one
-- organization is said to operate (OPERATES, from the graph) are merged into one client (the
-- "two resolvers, one machine" question).
-- @param host: String -- host key
-- @param ip: String = null -- only this querier
-- @param byOrganization: Boolean = false -- merge the addresses of one operator
-- @param minLookups: Integer = 10
-- @param limit: Integer = 25
-- @example host=mail1.trump-email.com
-- @expect rows >= 1
-- @expect column client contains "217.12.96.15"
-- @mode READ
-- @graph operators(ip VARCHAR, organization VARCHAR, confidence DOUBLE): lookups/querier-operators
WITH per_ip AS (
  SELECT client AS ip, epoch_ms(ts) // 900000 AS b, sum(count) AS n
  FROM events
  WHERE qname = $host AND client IS NOT NULL AND ts IS NOT NULL AND ($ip IS NULL OR client = $ip)
  GROUP BY ALL
),
per_client AS (
  SELECT CASE WHEN $byOrganization AND o.organization IS NOT NULL THEN o.organization ELSE p.ip END AS client, p.b, sum(p.n) AS n
  FROM per_ip p LEFT JOIN operators o ON o.ip = p.ip
  GROUP BY ALL
),
runs AS (
  SELECT client, sum(n) AS lookups, list(b ORDER BY b) AS bs FROM per_client GROUP BY client
),
gapped AS (
  SELECT client, lookups, len(bs) AS activeBuckets,
         list_transform(range(1, len(bs)), lambda i: (bs[i + 1] - bs[i]) * 15) AS g
  FROM runs
  WHERE lookups >= $minLookups AND len(bs) > 1
),
counted AS (
  SELECT client, lookups, activeBuckets, len(g) AS gaps,
         -- The lower median, as Cypher's percentileDisc(g, 0.5) picks it.
         list_sort(g)[CAST(ceil(len(g) / 2) AS BIGINT)] AS medianGapMin,
         len(list_filter(g, lambda x: x >= 45 AND x <= 75)) AS near60,
         len(list_filter(g, lambda x: x <= 180)) AS short,
         len(list_filter(g, lambda x: x = 15)) AS adjacent
  FROM gapped
)
SELECT client, lookups::BIGINT AS lookups, activeBuckets, gaps, medianGapMin,
       round(1000.0::DOUBLE * near60 / gaps) / 10 AS near60Pct,
       short AS gapsUpTo3h,
       CASE WHEN short = 0 THEN NULL ELSE round(1000.0::DOUBLE * near60 / short) / 10 END AS near60PctOfShort,
       adjacent AS adjacentBuckets
FROM counted
ORDER BY lookups DESC, client
LIMIT $limit
