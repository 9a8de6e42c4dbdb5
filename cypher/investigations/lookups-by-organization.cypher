// @name lookups-by-organization
// @summary Which organizations looked a name up, how often, and what share of all lookups?
// Lookups are summed from the QUERIED histogram (15-minute buckets, repeated bucket ids summed),
// so an optional window applies exactly at bucket resolution. A querier IP is attributed to an
// organization through (:Organization)-[:OPERATES]->(:IP); that attribution is often inferred
// (reverse names), so its weakest confidence is shown. IPs nobody is known to operate are grouped
// as "(unattributed)". A lookup is a resolver asking for an address, not an e-mail.
// @param host: String -- host key, e.g. mail1.trump-email.com
// @param from: DateTime = null -- start of the window (inclusive), default: everything
// @param to: DateTime = null -- end of the window (exclusive)
// @param limit: Integer = 50
// @mode READ
// @example host=mail1.trump-email.com
// @expect rows >= 3
// @expect column organization contains "Alfa Bank"
// @expect column organization contains "Spectrum Health"
MATCH (ip:IP)-[q:QUERIED]->(h:Host {key: $host})
WITH ip, q,
     CASE WHEN $from IS NULL THEN -1 ELSE datetime($from).epochMillis / 900000 END AS b0,
     CASE WHEN $to IS NULL THEN 9223372036854775807 ELSE datetime($to).epochMillis / 900000 END AS b1
WITH ip, q, reduce(n = 0, i IN range(0, size(q.buckets) - 1) |
       n + CASE WHEN q.buckets[i] >= b0 AND q.buckets[i] < b1 THEN q.bucketCounts[i] ELSE 0 END) AS lookups
WHERE lookups > 0
OPTIONAL MATCH (o:Organization)-[op:OPERATES]->(ip)
WITH coalesce(o.name, '(unattributed)') AS organization, ip, lookups, op ORDER BY ip.key
WITH organization, collect(DISTINCT ip.key) AS ips, sum(lookups) AS lookups, min(op.confidence) AS attributionConfidence
WITH collect({organization: organization, ips: ips, lookups: lookups, conf: attributionConfidence}) AS rows, sum(lookups) AS total
UNWIND rows AS r
RETURN r.organization AS organization, r.ips AS ips, r.lookups AS lookups,
       round(10000.0 * r.lookups / total) / 100 AS sharePct, total,
       r.conf AS attributionConfidence
ORDER BY lookups DESC, organization = '(unattributed)', organization
LIMIT $limit
