// @name remove-ledger-entries
// @summary Delete every ledger entry of a source
// @param src: String -- source key
// @mode WRITE
MATCH (l:ImportLedger {sourceKey: $src})
DETACH DELETE l
