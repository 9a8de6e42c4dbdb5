// @name ledger-get
// @summary The import ledger entry of one file version, by its sha256
// The columns are the fields of LedgerEntry (importers/pipeline/ledger.ts); ledger-by-source-name returns the same.
// @param key: String -- sha256 of the whole file
// @mode READ
MATCH (l:ImportLedger {key: $key})
RETURN l.key AS key, l.sourceKey AS sourceKey, l.sourceName AS sourceName, l.path AS path, l.format AS format,
       l.status AS status, l.bytes AS bytes, l.lines AS lines, l.prefixSha AS prefixSha, l.fromByte AS fromByte,
       l.fromLine AS fromLine, l.flushAt AS flushAt, l.batchSize AS batchSize, l.gz AS gz, l.records AS records,
       l.rejects AS rejects, l.options AS options, l.heldBack AS heldBack, l.error AS error
