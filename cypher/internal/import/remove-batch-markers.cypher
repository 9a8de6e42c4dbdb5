// @name remove-batch-markers
// @summary Delete every batch marker of one ledger entry
// @param prefix: String -- the ledger key followed by ':'
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @mode WRITE
MATCH (b:ImportBatch) WHERE b.key STARTS WITH $prefix
CALL { WITH b DELETE b } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
