// @name add-note
// @summary An analyst's note about an entity, recorded with its author as Source
// @param targetId: String -- element id of the entity
// @param key: String -- new note key
// @param text: String
// @param authorKey: String -- analyst:<name>
// @param authorName: String
// @mode WRITE
MATCH (t) WHERE elementId(t) = $targetId
MERGE (s:Source {key: $authorKey})
  ON CREATE SET s.kind = 'analyst', s.name = $authorName, s.title = 'Analyst ' + $authorName, s.createdAt = datetime(), s.reliability = 50, s.synthetic = false
CREATE (n:Note {key: $key, text: $text, author: $authorKey, createdAt: datetime()})
CREATE (n)-[:ABOUT]->(t)
CREATE (n)-[:CITES]->(s)
RETURN n, t
