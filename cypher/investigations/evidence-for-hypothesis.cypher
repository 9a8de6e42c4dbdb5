// @name evidence-for-hypothesis
// @summary What bears on one hypothesis: each evidence item's effect, weight, rationale and the facts it rests on?
// `refersTo` are the entities, claims and events the evidence points at; `relationships` are the
// case-file relationships it cites (by relId) with their type, ends and sources. Missing evidence
// (not public, or not existing) is listed last.
// @param hypothesis: String -- hypothesis id (h-covert-channel) or key
// @param limit: Integer = 50
// @mode READ
// @example hypothesis=h-stale-dns
// @expect rows >= 1
// @expect column evidence contains "e-contract-ended"
MATCH (h:Hypothesis) WHERE h.id = $hypothesis OR h.key = $hypothesis
MATCH (e:Evidence)-[b:BEARS_ON]->(h)
OPTIONAL MATCH (e)-[:REFERS_TO]->(x)
WITH h, e, b, x ORDER BY labels(x)[0], coalesce(x.id, x.key)
WITH h, e, b, collect(labels(x)[0] + ':' + coalesce(x.id, x.key)) AS refersTo
CALL (e) {
  UNWIND coalesce(e.relRefs, []) AS rid
  MATCH (a)-[r]->(z) WHERE r.relId = rid
  WITH rid, a, r, z ORDER BY rid
  RETURN collect(rid + ': ' + a.key + ' -' + type(r) + '-> ' + z.key + ' [' +
                 reduce(t = '', k IN r.sources | t + CASE WHEN t = '' THEN '' ELSE ', ' END + k) + ']') AS relationships
}
RETURN e.id AS evidence, e.title AS title, e.kind AS kind, e.missing AS missing, b.effect AS effect, b.weight AS weight,
       b.rationale AS rationale, refersTo, relationships
ORDER BY missing, CASE b.effect WHEN 'supports' THEN 0 WHEN 'contradicts' THEN 1 ELSE 2 END, weight DESC, evidence
LIMIT $limit
