// @name ledger-by-source-name
// @summary Completed, uncompressed imports of one source name, largest first: candidates for an append
// The columns are the fields of LedgerEntry (importers/pipeline/ledger.ts), as in ledger-get.
// @param sourceName: String
// @mode READ
MATCH (l:ImportLedger {sourceName: $sourceName})
WHERE l.status = 'done' AND NOT l.gz
RETURN l.key AS key, l.sourceKey AS sourceKey, l.sourceName AS sourceName, l.path AS path, l.format AS format,
       l.status AS status, l.bytes AS bytes, l.lines AS lines, l.prefixSha AS prefixSha, l.fromByte AS fromByte,
       l.fromLine AS fromLine, l.flushAt AS flushAt, l.batchSize AS batchSize, l.gz AS gz, l.records AS records,
       l.rejects AS rejects, l.options AS options, l.heldBack AS heldBack, l.error AS error
ORDER BY l.bytes DESC
LIMIT 20
