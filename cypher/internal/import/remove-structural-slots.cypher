// @name remove-structural-slots
// @summary SUBDOMAIN_OF edges the removed source alone stated: kept on the word of the first remaining source that names the host, else deleted
// @param src: String -- source key
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// A host's SUBDOMAIN_OF is structural: it carries the file that first named the host, and later
// files add no slot (subdomain-of-merge.cypher). So "only this source stated it" does not mean
// nothing else names the host. The remaining sources that do are those on the host's other
// edges; the earliest added of them is what importing without the removed source would have
// written, and its ref is that file's name (a lookup edge's ref is name:line). Run after
// remove-sole-edges and remove-source-slots, before remove-orphan-hosts, which the ends of a
// deleted edge are marked for. Nothing is changed unless the lock is still the removing import's.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (h)-[r:SUBDOMAIN_OF]->(d) WHERE r.sources = [$src]
CALL {
  WITH h, r, d
  WITH h, r, d, COLLECT {
    MATCH (h)-[e]-() WHERE type(e) <> 'SUBDOMAIN_OF' AND e.sources IS NOT NULL
    UNWIND range(0, size(e.sources) - 1) AS i
    MATCH (s:Source {key: e.sources[i]})
    WITH s, e.srcRef[i] AS ref ORDER BY s.addedAt, s.key LIMIT 1
    RETURN {key: s.key, ref: CASE WHEN ref =~ '.*:[0-9]+' THEN left(ref, size(ref) - size(last(split(ref, ':'))) - 1) ELSE ref END}
  } AS named
  FOREACH (_ IN CASE WHEN size(named) = 0 THEN [1] ELSE [] END | SET h.orphanCheck = $src, d.orphanCheck = $src DELETE r)
  FOREACH (n IN named |
    SET r.sources = [n.key], r.srcConf = [100], r.srcRef = [n.ref], r.srcCount = [1], r.srcFrom = [''], r.srcTo = [''], r.confidence = 100)
} IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
