// @name remove-orphan-addresses
// @summary Delete IPs and domains left with no relationship but a derived prefix link that the removed source created, or whose creator is gone
// @param src: String -- source key
// @param since: String -- the Source's addedAt, null when unknown (nodes written before addedBy was recorded)
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts); the creator
// rule is remove-orphan-hosts'. A longest-prefix link is derived from the address, as
// SUBDOMAIN_OF is from the name: it keeps no address alive (a stated IN_PREFIX does). A name that
// is itself a registered domain is a Host and a Domain with no edge between them: the Host keeps
// its Domain. Run after remove-orphan-hosts.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (n) WHERE (n:IP OR n:Domain)
  AND NOT EXISTS { (n)-[r]-() WHERE NOT (type(r) = 'IN_PREFIX' AND all(k IN r.sources WHERE k = 'derived:longest-prefix-match')) }
  AND NOT (n:Domain AND EXISTS { MATCH (:Host {key: n.key}) })
  AND (n.addedBy = $src OR (n.addedBy IS NULL AND n.addedAt >= datetime($since))
       OR (n.addedBy IS NOT NULL AND NOT EXISTS { MATCH (s:Source {key: n.addedBy}) WHERE s.addedAt <= n.addedAt }))
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
