// @name hypotheses
// @summary A case's hypotheses and its evidence with every BEARS_ON link and the credibility of what the evidence refers to
// @param case: String -- Case key (case:<id>) or id
// @mode READ
MATCH (c:Case) WHERE c.key = $case OR c.id = $case
CALL (c) {
  OPTIONAL MATCH (c)-[:CONTAINS]->(h:Hypothesis)
  WITH h ORDER BY h.key
  RETURN collect(h) AS hypotheses
}
CALL (c) {
  OPTIONAL MATCH (c)-[:CONTAINS]->(e:Evidence)
  CALL (e) {
    OPTIONAL MATCH (e)-[:REFERS_TO]->(x) WHERE x:Claim OR x:Event
    RETURN max(x.confidence) AS credibility
  }
  CALL (e) {
    OPTIONAL MATCH (e)-[b:BEARS_ON]->(h:Hypothesis)
    RETURN collect(CASE WHEN h IS NULL THEN null ELSE {hypothesis: h.key, effect: b.effect, weight: b.weight, rationale: b.rationale, author: b.author} END) AS links
  }
  WITH e, credibility, links ORDER BY e.key
  RETURN collect(CASE WHEN e IS NULL THEN null ELSE {evidence: e, credibility: credibility, links: links} END) AS evidence
}
RETURN c, hypotheses, evidence
