-- @name target-vs-siblings
-- @summary Is the target's lookup pattern unusual next to sibling hosts on the same prefix?
-- The baseline comparison a careful analyst makes before calling a pattern special: every host
-- resolving into the target's prefix(es) (from the graph), counted from the event store over the
-- target's own lookup window (its first to its last lookup, at 15-minute resolution), side by
-- side: lookups, distinct queriers, the top querier's share, active days (UTC), and the share of
-- lookups in office hours (Mon–Fri 09:00–17:59) and at weekends in the given time zone.
-- `syntheticOnly` flags hosts known only from synthetic material (the bundled siblings are FICTIONAL).
-- @param host: String -- the target host key
-- @param timeZone: String = 'Europe/Moscow' -- zone for office hours and weekends
-- @param limit: Integer = 25
-- @example host=mail1.trump-email.com
-- @expect rows >= 2
-- @expect column host contains "mail1.trump-email.com"
-- @mode READ
-- @graph siblings(host VARCHAR, role VARCHAR, address VARCHAR, syntheticOnly BOOLEAN): lookups/prefix-siblings
WITH span AS (
  SELECT min(epoch_ms(ts) // 900000) AS b0, max(epoch_ms(ts) // 900000) AS b1
  FROM events WHERE qname = $host AND client IS NOT NULL AND ts IS NOT NULL
),
lookups AS (
  SELECT e.qname AS host, e.client AS ip, epoch_ms(e.ts) // 900000 AS b, e.count AS n,
         timezone($timeZone, CAST(e.ts AS TIMESTAMPTZ)) AS t
  FROM events e, span
  WHERE e.qname IN (SELECT host FROM siblings) AND e.client IS NOT NULL AND e.ts IS NOT NULL
    AND epoch_ms(e.ts) // 900000 BETWEEN span.b0 AND span.b1
),
per_host AS (
  SELECT host, sum(n) AS lookups, count(DISTINCT ip) AS queriers,
         coalesce(sum(n) FILTER (WHERE isodow(t) <= 5 AND hour(t) >= 9 AND hour(t) < 18), 0) AS office,
         coalesce(sum(n) FILTER (WHERE isodow(t) >= 6), 0) AS weekend,
         count(DISTINCT b // 96) AS activeDays
  FROM lookups GROUP BY host
),
top AS (
  SELECT host, ip, n FROM (
    SELECT host, ip, sum(n) AS n, row_number() OVER (PARTITION BY host ORDER BY sum(n) DESC, ip) AS rk
    FROM lookups GROUP BY host, ip
  ) WHERE rk = 1
)
SELECT s.host, s.role, s.address, p.lookups::BIGINT AS lookups, p.queriers, t.ip AS topQuerier,
       round(1000.0::DOUBLE * t.n / p.lookups) / 10 AS topQuerierPct, p.activeDays,
       round(1000.0::DOUBLE * p.office / p.lookups) / 10 AS officeHoursPct,
       round(1000.0::DOUBLE * p.weekend / p.lookups) / 10 AS weekendPct,
       s.syntheticOnly
FROM siblings s JOIN per_host p ON p.host = s.host JOIN top t ON t.host = s.host
WHERE p.lookups > 0
ORDER BY s.role DESC, s.host, s.address
LIMIT $limit
