// @name ledger-start
// @summary Record the start of an import: its Source node and a running ledger entry
// @param src: Map -- SourceProps (key, kind, name, sha256, size, format, reliability, synthetic; url, retrievedAt, title, addedAt or null)
// @param e: Map -- the LedgerEntry, every field present
// @mode WRITE
MERGE (s:Source {key: $src.key})
ON CREATE SET s.addedAt = CASE WHEN $src.addedAt IS NULL THEN datetime() ELSE datetime($src.addedAt) END
SET s.kind = $src.kind, s.name = $src.name, s.title = coalesce($src.title, s.title, $src.name),
    s.sha256 = $src.sha256, s.size = $src.size, s.format = $src.format,
    s.reliability = $src.reliability, s.url = coalesce($src.url, s.url),
    s.retrievedAt = CASE WHEN $src.retrievedAt IS NULL THEN s.retrievedAt ELSE datetime($src.retrievedAt) END,
    s.synthetic = $src.synthetic, s.importedAt = datetime()
MERGE (l:ImportLedger {key: $e.key})
ON CREATE SET l.startedAt = datetime()
SET l += $e, l.status = 'running'
MERGE (l)-[:OF_SOURCE]->(s)
