// @name remove-orphan-hosts
// @summary Delete hosts first seen since the source came in that are left with no fact but SUBDOMAIN_OF
// @param since: String -- the Source's addedAt
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts).
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (n:Host) WHERE n.addedAt >= datetime($since) AND NOT EXISTS { (n)-[r]-() WHERE type(r) <> 'SUBDOMAIN_OF' }
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
