// @name ledger-keys-of-source
// @summary Every ledger entry of a source (a grown file has one per imported version)
// @param sourceKey: String
// @mode READ
MATCH (l:ImportLedger {sourceKey: $sourceKey})
RETURN l.key AS key
