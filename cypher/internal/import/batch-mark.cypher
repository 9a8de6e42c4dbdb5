// @name batch-mark
// @summary The marker of an import batch, written in the batch's own transaction
// @param key: String -- <segment>:<chunk>:<batch>
// @mode WRITE
CREATE (:ImportBatch {key: $key, at: datetime()})
