// @name case-sources
// @summary A case file's documented sources as Source nodes, each cited by the Case
// @param rows: List<Map> -- key, id, kind, title, url, publisher, date, datePrecision, retrievedAt, reliability, notes, synthetic
// @param caseKey: String -- case:<id>
// @mode WRITE
UNWIND $rows AS row
MERGE (s:Source {key: row.key})
ON CREATE SET s.addedAt = datetime()
SET s.id = row.id, s.kind = row.kind, s.name = row.title, s.title = row.title, s.url = row.url,
    s.publisher = row.publisher, s.date = row.date, s.datePrecision = row.datePrecision,
    s.retrievedAt = CASE WHEN row.retrievedAt IS NULL THEN null ELSE datetime(row.retrievedAt) END,
    s.reliability = row.reliability, s.notes = row.notes, s.synthetic = row.synthetic, s.aliasText = row.id
WITH s
MERGE (c:Case {key: $caseKey})
MERGE (c)-[:CITES]->(s)
