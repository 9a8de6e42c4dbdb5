// @name remove-structural-slots
// @summary Hosts' SUBDOMAIN_OF edges the removed source alone stated: kept on the word of the oldest remaining file that names the host, else deleted
// @param src: String -- source key
// @param namers: List<Map> -- key, ref: the remaining files, oldest first (structural-namers.cypher)
// @param rankOf: Map -- a file's source key, or 'doc:…|<case file name>' for a document a case file cites, to its index in namers
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// A host's SUBDOMAIN_OF is structural: it carries the file that first named the host, and later
// files add no slot (subdomain-of-merge.cypher). So "only this source stated it" does not mean
// nothing else names the host. The files that still do are on the host's other edges (a case
// file's slot names its cited document, with the file's name in the ref) or, for a case file,
// behind its analysis records about the host; the oldest is what importing without the removed
// source would have written. The caller ranks the files, so a slot costs a map lookup, and an
// edge one row however many slots it has. Run after remove-sole-edges and remove-source-slots.
// Nothing is changed unless the lock is still the removing import's.
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH (h:Host)-[r:SUBDOMAIN_OF]->(:Domain) WHERE r.sources = [$src]
CALL {
  WITH h, r
  WITH r, COLLECT {
      MATCH (h)-[e]-() WHERE type(e) <> 'SUBDOMAIN_OF' AND e.sources IS NOT NULL
      WITH [i IN range(0, size(e.sources) - 1) |
            coalesce($rankOf[e.sources[i]], $rankOf[e.sources[i] + '|' + split(coalesce(e.srcRef[i], ''), ':')[0]])] AS ranks
      RETURN reduce(m = null, x IN ranks | CASE WHEN x IS NOT NULL AND (m IS NULL OR x < m) THEN x ELSE m END) AS rank
    UNION ALL
      MATCH (h)<-[:ABOUT|INVOLVES|REFERS_TO]-()<-[:CONTAINS]-(:Case)-[:DEFINED_IN]->(f:Source)
      RETURN $rankOf[f.key] AS rank
  } AS ranks
  WITH r, reduce(m = null, x IN ranks | CASE WHEN x IS NOT NULL AND (m IS NULL OR x < m) THEN x ELSE m END) AS best
  FOREACH (_ IN CASE WHEN best IS NULL THEN [1] ELSE [] END | DELETE r)
  FOREACH (n IN CASE WHEN best IS NULL THEN [] ELSE [$namers[toInteger(best)]] END |
    SET r.sources = [n.key], r.srcConf = [100], r.srcRef = [coalesce(n.ref, '')], r.srcCount = [1], r.srcFrom = [''], r.srcTo = [''], r.confidence = 100)
} IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
