// @name remove-sole-edges
// @summary Delete the edges only this source stated (a host's structural SUBDOMAIN_OF: remove-structural-slots)
// @param src: String -- source key
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts).
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (a)-[r]->(b) WHERE $src IN r.sources AND size(r.sources) = 1 AND NOT (type(r) = 'SUBDOMAIN_OF' AND a:Host AND b:Domain)
CALL { WITH r DELETE r } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
