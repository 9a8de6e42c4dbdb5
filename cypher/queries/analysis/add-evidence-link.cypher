// @name add-evidence-link
// @summary Link (or re-link) evidence to a hypothesis, recording the analyst who did it
// @param evidence: String -- Evidence key
// @param hypothesis: String -- Hypothesis key
// @param effect: String -- supports | contradicts | neutral
// @param weight: Integer -- 1..5
// @param rationale: String
// @param authorKey: String
// @param authorName: String
// @mode WRITE
MATCH (e:Evidence {key: $evidence})
MATCH (h:Hypothesis {key: $hypothesis})
MERGE (s:Source {key: $authorKey})
  ON CREATE SET s.kind = 'analyst', s.name = $authorName, s.title = 'Analyst ' + $authorName, s.createdAt = datetime(), s.reliability = 50, s.synthetic = false
MERGE (e)-[b:BEARS_ON]->(h)
SET b.effect = $effect, b.weight = $weight, b.rationale = $rationale, b.author = $authorKey, b.source = $authorKey, b.updatedAt = datetime()
RETURN e, h, b
