// @name remove-sole-edges
// @summary Delete the edges only this source stated (SUBDOMAIN_OF: remove-structural-slots); mark their DNS ends for the orphan check
// @param src: String -- source key
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts). The mark
// (orphanCheck) outlives this statement: an end left with no fact is what the removed source
// alone named, whenever that node was first seen (remove-orphan-hosts, -addresses).
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (a)-[r]->(b) WHERE $src IN r.sources AND size(r.sources) = 1 AND type(r) <> 'SUBDOMAIN_OF'
CALL { WITH a, r, b
  FOREACH (n IN [x IN [a, b] WHERE x:Host OR x:IP OR x:Domain] | SET n.orphanCheck = $src)
  DELETE r
} IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
