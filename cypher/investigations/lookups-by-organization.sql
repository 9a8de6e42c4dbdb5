-- @name lookups-by-organization
-- @summary Which organizations looked a name up, how often, and what share of all lookups?
-- Lookups are counted from the event store (one row per lookup), so an optional window applies
-- to each lookup's own time. A querier IP is attributed to an organization through
-- (:Organization)-[:OPERATES]->(:IP) in the graph; that attribution is often inferred (reverse
-- names), so its weakest confidence is shown. IPs nobody is known to operate are grouped as
-- "(unattributed)". A lookup is a resolver asking for an address, not an e-mail.
-- @param host: String -- host key, e.g. mail1.trump-email.com
-- @param from: DateTime = null -- start of the window (inclusive), default: everything
-- @param to: DateTime = null -- end of the window (exclusive)
-- @param limit: Integer = 50
-- @example host=mail1.trump-email.com
-- @expect rows >= 3
-- @expect column organization contains "Alfa Bank"
-- @expect column organization contains "Spectrum Health"
-- @mode READ
-- @graph operators(ip VARCHAR, organization VARCHAR, confidence DOUBLE): lookups/querier-operators
WITH per_ip AS (
  SELECT client AS ip, sum(count) AS lookups
  FROM events
  WHERE qname = $host AND client IS NOT NULL AND ts IS NOT NULL
    AND ($from IS NULL OR ts >= CAST($from AS TIMESTAMP))
    AND ($to IS NULL OR ts < CAST($to AS TIMESTAMP))
  GROUP BY client
),
attributed AS (
  SELECT coalesce(o.organization, '(unattributed)') AS organization, p.ip, p.lookups, o.confidence
  FROM per_ip p LEFT JOIN operators o ON o.ip = p.ip
),
grouped AS (
  SELECT organization, list(DISTINCT ip ORDER BY ip) AS ips, sum(lookups) AS lookups, min(confidence) AS conf
  FROM attributed GROUP BY organization
)
SELECT organization, ips, lookups::BIGINT AS lookups,
       round(10000.0::DOUBLE * lookups / sum(lookups) OVER ()) / 100 AS sharePct,
       (sum(lookups) OVER ())::BIGINT AS total,
       conf AS attributionConfidence
FROM grouped
ORDER BY lookups DESC, organization = '(unattributed)', organization
LIMIT $limit
