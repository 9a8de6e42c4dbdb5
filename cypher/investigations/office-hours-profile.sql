-- @name office-hours-profile
-- @summary When, in a given time zone, was a name looked up: lookups per local hour and weekday?
-- Counted from the event store, each lookup at its own local time in the zone (its daylight-saving
-- rules included). One row per local hour, one column per weekday. Narrow to one querier with
-- `ip`, or to one organization's addresses with `organization` (an Organization key; the
-- addresses come from OPERATES statements in the graph).
-- @param host: String -- host key
-- @param timeZone: String = 'Europe/Moscow' -- IANA zone name
-- @param ip: String = null -- only this querier
-- @param organization: String = null -- only IPs this organization is said to operate
-- @example host=mail1.trump-email.com organization=alfa-bank
-- @expect rows = 24
-- @mode READ
-- @graph operated(ip VARCHAR): lookups/organization-addresses
WITH lookups AS (
  SELECT timezone($timeZone, CAST(ts AS TIMESTAMPTZ)) AS t, count AS n
  FROM events
  WHERE qname = $host AND client IS NOT NULL AND ts IS NOT NULL
    AND ($ip IS NULL OR client = $ip)
    AND ($organization IS NULL OR client IN (SELECT ip FROM operated))
),
cells AS (SELECT hour(t) AS h, isodow(t) AS d, sum(n) AS n FROM lookups GROUP BY ALL)
SELECT hours.h AS localHour,
       coalesce(sum(n) FILTER (WHERE d = 1), 0)::BIGINT AS mon,
       coalesce(sum(n) FILTER (WHERE d = 2), 0)::BIGINT AS tue,
       coalesce(sum(n) FILTER (WHERE d = 3), 0)::BIGINT AS wed,
       coalesce(sum(n) FILTER (WHERE d = 4), 0)::BIGINT AS thu,
       coalesce(sum(n) FILTER (WHERE d = 5), 0)::BIGINT AS fri,
       coalesce(sum(n) FILTER (WHERE d = 6), 0)::BIGINT AS sat,
       coalesce(sum(n) FILTER (WHERE d = 7), 0)::BIGINT AS sun,
       coalesce(sum(n), 0)::BIGINT AS total
FROM (SELECT range AS h FROM range(0, 24)) hours
LEFT JOIN cells ON cells.h = hours.h
WHERE EXISTS (SELECT 1 FROM lookups)
GROUP BY hours.h
ORDER BY localHour
LIMIT 24
