// @name unlink-stale-prefixes
// @summary A derived link that is no longer the best loses the derived source; if nothing else supports it, it goes
// @param rows: List<Map> -- ip, prefix (keys)
// @param src: String -- PREFIX_MATCH_SOURCE
// @mode WRITE
UNWIND $rows AS row
MATCH (:IP {key: row.ip})-[r:IN_PREFIX]->(:Prefix {key: row.prefix})
WITH r, [j IN range(0, size(r.sources) - 1) WHERE r.sources[j] <> $src] AS keep
FOREACH (_ IN CASE WHEN size(keep) > 0 THEN [1] ELSE [] END |
  SET r.confidence = reduce(m = 0, j IN keep | CASE WHEN r.srcConf[j] > m THEN r.srcConf[j] ELSE m END),
      r.sources = [j IN keep | r.sources[j]], r.srcConf = [j IN keep | r.srcConf[j]], r.srcRef = [j IN keep | r.srcRef[j]],
      r.srcCount = [j IN keep | r.srcCount[j]], r.srcFrom = [j IN keep | r.srcFrom[j]], r.srcTo = [j IN keep | r.srcTo[j]])
WITH r, keep WHERE size(keep) = 0
DELETE r
