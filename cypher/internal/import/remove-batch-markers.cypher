// @name remove-batch-markers
// @summary Delete every batch marker of one ledger entry
// @param prefix: String -- the ledger key followed by ':'
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts).
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (b:ImportBatch) WHERE b.key STARTS WITH $prefix
CALL { WITH b DELETE b } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
