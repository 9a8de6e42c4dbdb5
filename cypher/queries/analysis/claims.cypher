// @name claims
// @summary Claims about one entity (or all claims), each with the source that makes it
// @param subject: String -- entity key, or null for every claim
// @mode READ
MATCH (cl:Claim)
WHERE $subject IS NULL OR cl.subjectKey = $subject
OPTIONAL MATCH (cl)-[:CITES]->(s:Source)
RETURN cl, s
ORDER BY cl.subjectKey, cl.attribute, cl.confidence DESC, cl.key
