// @name ledger-drop-batch-markers
// @summary Delete up to 10000 batch markers of a finished import; run until it returns n = 0
// Markers are many for big files: one bounded transaction per call.
// @param prefix: String -- the ledger key followed by ':'
// @mode WRITE
MATCH (b:ImportBatch) WHERE b.key STARTS WITH $prefix
WITH b LIMIT 10000
DETACH DELETE b
RETURN count(*) AS n
