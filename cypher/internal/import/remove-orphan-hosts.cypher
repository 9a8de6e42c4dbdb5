// @name remove-orphan-hosts
// @summary Delete hosts left with no fact but their structural SUBDOMAIN_OF that the removed source created, or whose creator is gone
// @param src: String -- source key
// @param since: String -- the Source's addedAt, null when unknown (nodes written before addedBy was recorded)
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts). A node's
// creator (addedBy) named it; if that source is still here, the node stays even with no fact
// (a case entity, a registry record's name). A creator removed before left the node to the files
// that named it later: when their facts go too, so does the node. A creator imported again after
// its removal (--replace keeps the source's key) is a new Source, added after the node.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (n:Host) WHERE NOT EXISTS { (n)-[r]-() WHERE NOT (type(r) = 'SUBDOMAIN_OF' AND startNode(r) = n AND endNode(r):Domain) }
  AND (n.addedBy = $src OR (n.addedBy IS NULL AND n.addedAt >= datetime($since))
       OR (n.addedBy IS NOT NULL AND NOT EXISTS { MATCH (s:Source {key: n.addedBy}) WHERE s.addedAt <= n.addedAt }))
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
