// @name structural-namers
// @summary The sources that may carry a host's structural SUBDOMAIN_OF once another is removed: every imported file but that one, oldest first, and the documents each case file cites
// @param src: String -- the source being removed
// @mode READ
// A host's SUBDOMAIN_OF names the file that first named it (its ref is the file's name, the
// ledger's path). A case file's relationships cite a document (doc:…), with the case file's name
// in their ref: that case file stands for them (remove-structural-slots.cypher).
MATCH (s:Source)<-[:OF_SOURCE]-(l:ImportLedger) WHERE s.key <> $src
WITH s, min(l.path) AS ref ORDER BY s.addedAt, s.key
WITH collect({key: s.key, ref: ref}) AS files
RETURN files, COLLECT {
  MATCH (c:Case)-[:CITES]->(doc:Source) MATCH (c)-[:DEFINED_IN]->(f:Source) WHERE f.key <> $src
  RETURN {doc: doc.key, fileName: f.name, file: f.key}
} AS docs
