// @name remove-batch-markers
// @summary Delete every batch marker of one ledger entry
// @param prefix: String -- the ledger key followed by ':'
// @mode WRITE
MATCH (b:ImportBatch) WHERE b.key STARTS WITH $prefix
CALL { WITH b DELETE b } IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS n
