// @name remove-orphan-hosts
// @summary Delete hosts left with no fact but SUBDOMAIN_OF that the removed source alone named (first seen since it came in, or marked by its edges' removal)
// @param src: String -- source key (the orphanCheck mark)
// @param since: String -- the Source's addedAt, null when unknown
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts). A deleted
// host's domain (its parent, or itself when the host is a registered domain) is marked in turn:
// it may be left with nothing (remove-orphan-addresses).
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (n:Host) WHERE (n.orphanCheck = $src OR n.addedAt >= datetime($since))
  AND NOT EXISTS { (n)-[r]-() WHERE type(r) <> 'SUBDOMAIN_OF' }
CALL { WITH n
  WITH n, COLLECT { MATCH (n)-[:SUBDOMAIN_OF]->(d:Domain) RETURN d UNION MATCH (d:Domain {key: n.key}) RETURN d } AS domains
  FOREACH (d IN domains | SET d.orphanCheck = $src)
  DETACH DELETE n
} IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
