// @name subdomain-of-create
// @summary SUBDOMAIN_OF for hosts this import has just created: the edge cannot exist yet
// Structural, so no per-source provenance beyond the first source; written in the hosts' transaction.
// @param rows: List<Map> -- host, domain (keys), ref
// @param src: String -- the importing Source's key
// @mode WRITE
UNWIND $rows AS row
MATCH (h:Host {key: row.host}) MATCH (d:Domain {key: row.domain})
CREATE (h)-[r:SUBDOMAIN_OF]->(d)
SET r.sources = [$src], r.srcConf = [100], r.srcRef = [row.ref], r.srcCount = [1], r.srcFrom = [''], r.srcTo = [''], r.confidence = 100
