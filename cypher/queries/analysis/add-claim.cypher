// @name add-claim
// @summary An analyst's claim about an entity, optionally filed in a case
// @param targetId: String -- element id of the subject entity
// @param subjectKey: String
// @param subjectKind: String
// @param key: String -- new claim key
// @param attribute: String
// @param value: String
// @param confidence: Integer
// @param quote: String
// @param caseKey: String -- Case key or null
// @param authorKey: String
// @param authorName: String
// @mode WRITE
MATCH (t) WHERE elementId(t) = $targetId
MERGE (s:Source {key: $authorKey})
  ON CREATE SET s.kind = 'analyst', s.name = $authorName, s.title = 'Analyst ' + $authorName, s.createdAt = datetime(), s.reliability = 50, s.synthetic = false
CREATE (cl:Claim {key: $key, attribute: $attribute, value: $value, valueType: 'string', confidence: $confidence,
                  quote: $quote, source: $authorKey, subjectKey: $subjectKey, subjectKind: $subjectKind,
                  ref: 'analyst', date: datetime(), author: $authorKey})
CREATE (cl)-[:ABOUT]->(t)
CREATE (cl)-[:CITES]->(s)
WITH cl, s
OPTIONAL MATCH (c:Case {key: $caseKey})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (c)-[:CONTAINS]->(cl))
RETURN cl, s
