// @name batch-applied
// @summary Whether an import batch was already written (its marker exists): a resumed import skips it
// @param key: String -- <segment>:<chunk>:<batch>
// @mode READ
MATCH (b:ImportBatch {key: $key})
RETURN count(b) AS n
