// @name remove-orphan-addresses
// @summary Delete IPs and domains the removed source alone named (first seen since it came in, or marked): left with no relationship but a derived prefix link
// @param src: String -- source key (the orphanCheck mark)
// @param since: String -- the Source's addedAt, null when unknown
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts). IN_PREFIX is
// derived from the address, as SUBDOMAIN_OF is from the name: it does not keep an address alive.
// A name that is itself a registered domain is a Host and a Domain with no edge between them: the
// Host keeps its Domain.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (n) WHERE (n:IP OR n:Domain) AND (n.orphanCheck = $src OR n.addedAt >= datetime($since))
  AND NOT EXISTS { (n)-[r]-() WHERE type(r) <> 'IN_PREFIX' } AND NOT (n:Domain AND EXISTS { MATCH (:Host {key: n.key}) })
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
