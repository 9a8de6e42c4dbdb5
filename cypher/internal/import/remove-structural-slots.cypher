// @name remove-structural-slots
// @summary Hosts' SUBDOMAIN_OF edges the removed source alone stated: kept on the word of the oldest remaining file that names the host, else deleted
// @param src: String -- source key
// @param namers: List<Map> -- key, ref: the remaining files, oldest first (structural-namers.cypher)
// @param rankOf: Map -- source key (a file, or a document for the case file citing it) to its index in namers
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// A host's SUBDOMAIN_OF is structural: it carries the file that first named the host, and later
// files add no slot (subdomain-of-merge.cypher). So "only this source stated it" does not mean
// nothing else names the host. The files that still do are on the host's other edges (or, for a
// case file, behind its analysis records about the host); the oldest of them is what importing
// without the removed source would have written. Source keys are ranked by the caller, so a
// host's slots cost a map lookup each. Run after remove-sole-edges and remove-source-slots.
// Nothing is changed unless the lock is still the removing import's.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (h:Host)-[r:SUBDOMAIN_OF]->(:Domain) WHERE r.sources = [$src]
CALL {
  WITH h, r
  WITH h, r, COLLECT {
      MATCH (h)-[e]-() WHERE type(e) <> 'SUBDOMAIN_OF' AND e.sources IS NOT NULL
      UNWIND e.sources AS k
      WITH toInteger($rankOf[k]) AS rank WHERE rank IS NOT NULL
      RETURN rank
    UNION
      MATCH (h)<-[:ABOUT|INVOLVES|REFERS_TO]-()<-[:CONTAINS]-(:Case)-[:DEFINED_IN]->(f:Source)
      WITH toInteger($rankOf[f.key]) AS rank WHERE rank IS NOT NULL
      RETURN rank
  } AS ranks
  WITH r, reduce(m = null, x IN ranks | CASE WHEN m IS NULL OR x < m THEN x ELSE m END) AS best
  FOREACH (_ IN CASE WHEN best IS NULL THEN [1] ELSE [] END | DELETE r)
  FOREACH (n IN CASE WHEN best IS NULL THEN [] ELSE [$namers[best]] END |
    SET r.sources = [n.key], r.srcConf = [100], r.srcRef = [coalesce(n.ref, '')], r.srcCount = [1], r.srcFrom = [''], r.srcTo = [''], r.confidence = 100)
} IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
