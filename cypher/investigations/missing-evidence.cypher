// @name missing-evidence
// @summary What evidence would tell the hypotheses apart but is missing, and which hypotheses would it move?
// Evidence marked missing in the case, ranked by the total weight of its links (how much finding
// it would matter), with the hypotheses it bears on, why, and what it refers to.
// @param caseId: String = '2016-mail1-trump-email'
// @param limit: Integer = 50
// @mode READ
// @example caseId=2016-mail1-trump-email
// @expect rows >= 1
// @expect column evidence contains "m-receiving-mail-logs"
MATCH (:Case {id: $caseId})-[:CONTAINS]->(e:Evidence)
WHERE e.missing
MATCH (e)-[b:BEARS_ON]->(h:Hypothesis)
WITH e, b, h ORDER BY b.weight DESC, h.id
WITH e, sum(b.weight) AS totalWeight, max(b.weight) AS maxWeight,
     collect(h.id + ' ' + toString(b.weight) + ': ' + b.rationale) AS wouldBearOn
OPTIONAL MATCH (e)-[:REFERS_TO]->(x)
WITH e, totalWeight, maxWeight, wouldBearOn, x ORDER BY labels(x)[0], x.key
WITH e, totalWeight, maxWeight, wouldBearOn, collect(labels(x)[0] + ':' + coalesce(x.id, x.key)) AS refs
RETURN e.id AS evidence, e.title AS title, totalWeight, maxWeight, wouldBearOn,
       refs + [r IN coalesce(e.relRefs, []) | 'Relationship:' + r] AS refersTo
ORDER BY totalWeight DESC, maxWeight DESC, evidence
LIMIT $limit
