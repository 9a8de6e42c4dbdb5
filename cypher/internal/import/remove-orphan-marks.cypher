// @name remove-orphan-marks
// @summary Clear the orphanCheck marks of a source's removal from the nodes that still hold facts
// @param src: String -- source key
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Last step of a removal, so a removal cut short keeps its marks for the run that finishes it.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (n) WHERE (n:Host OR n:IP OR n:Domain) AND n.orphanCheck = $src
CALL { WITH n REMOVE n.orphanCheck } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
