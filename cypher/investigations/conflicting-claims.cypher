// @name conflicting-claims
// @summary Where do sources disagree: same subject and attribute, different values?
// Every claim of a conflicting (subject, attribute) pair is listed with its source, the source's
// reliability and the claim's confidence. The graph keeps both sides; it does not pick a winner.
// @param subject: String = null -- only claims about this entity key
// @param limit: Integer = 100
// @mode READ
// @example limit=100
// @expect rows >= 1
// @expect column subject contains "66.216.133.29"
MATCH (c:Claim)
WHERE $subject IS NULL OR c.subjectKey = $subject
WITH c.subjectKey AS subject, c.attribute AS attribute, collect(c) AS claims
WHERE size(reduce(v = [], x IN claims | CASE WHEN x.value IN v THEN v ELSE v + [x.value] END)) > 1
UNWIND claims AS c
OPTIONAL MATCH (c)-[:CITES]->(s:Source)
RETURN subject, attribute, c.value AS value, c.unit AS unit, c.confidence AS confidence,
       s.key AS source, s.reliability AS sourceReliability, c.date AS date, c.quote AS quote, c.id AS claim
ORDER BY subject, attribute, value, source
LIMIT $limit
