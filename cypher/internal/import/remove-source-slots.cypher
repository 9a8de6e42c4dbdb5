// @name remove-source-slots
// @summary Take this source's provenance slot off edges others also state; recompute count, confidence and validity from the rest
// @param src: String -- source key
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the removing import's id as the import lock's holder, '' without one
// @mode WRITE
// Nothing is removed unless the lock is still the removing import's (lock-fence.ts).
OPTIONAL MATCH (lock:ImportLock {key: $lockKey})
WITH lock WHERE $lockOwner = '' OR lock.owner = $lockOwner
MATCH ()-[r]->() WHERE $src IN r.sources AND size(r.sources) > 1
CALL { WITH r
  WITH r, [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] <> $src] AS keep
  SET r.sources = [i IN keep | r.sources[i]], r.srcConf = [i IN keep | r.srcConf[i]],
      r.srcRef = [i IN keep | r.srcRef[i]], r.srcCount = [i IN keep | r.srcCount[i]],
      r.srcFrom = [i IN keep | r.srcFrom[i]], r.srcTo = [i IN keep | r.srcTo[i]]
  WITH r, r.firstSeen IS NOT NULL AS observed,
       reduce(m = null, v IN r.srcFrom | CASE WHEN v = '' THEN m WHEN m IS NULL OR datetime(v) < m THEN datetime(v) ELSE m END) AS vf,
       reduce(m = null, v IN r.srcTo | CASE WHEN v = '' THEN m WHEN m IS NULL OR datetime(v) > m THEN datetime(v) ELSE m END) AS vt
  // An observed edge's first/last seen become the remaining envelope; a lookup edge then needs no
  // stored validity (it is [firstSeen, lastSeen], see edge-cypher.ts).
  SET r.count = reduce(s = 0, c IN r.srcCount | s + c),
      r.confidence = reduce(m = 0, c IN r.srcConf | CASE WHEN c > m THEN c ELSE m END),
      r.validFrom = CASE WHEN observed AND type(r) = 'QUERIED' THEN null ELSE vf END,
      r.validTo = CASE WHEN observed AND type(r) = 'QUERIED' THEN null ELSE vt END,
      r.firstSeen = CASE WHEN observed THEN vf END,
      r.lastSeen = CASE WHEN observed THEN vt END
} IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
