// @name schema-vocabulary
// @summary The labels, relationship types and property keys the database knows (for console completion)
// db.propertyKeys() lists every key ever used, including keys no node holds any more: completion
// offers a few too many rather than miss one.
// @mode READ
CALL db.labels() YIELD label
WITH collect(label) AS labels
CALL db.relationshipTypes() YIELD relationshipType
WITH labels, collect(relationshipType) AS relationshipTypes
CALL db.propertyKeys() YIELD propertyKey
RETURN labels, relationshipTypes, collect(propertyKey) AS propertyKeys
