// @name subdomain-of-merge
// @summary Host → Domain (SUBDOMAIN_OF) for hosts that may exist already
// Structural, so no per-source provenance: a second source does not add a slot.
// @param rows: List<Map> -- host, domain (keys), ref
// @param src: String -- the importing Source's key
// @mode WRITE
UNWIND $rows AS row
MATCH (h:Host {key: row.host}) MATCH (d:Domain {key: row.domain})
MERGE (h)-[r:SUBDOMAIN_OF]->(d)
ON CREATE SET r.sources = [$src], r.srcConf = [100], r.srcRef = [row.ref], r.srcCount = [1], r.srcFrom = [''], r.srcTo = [''], r.confidence = 100
