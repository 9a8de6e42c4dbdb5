// @name ledger-finish
// @summary Mark an import done with what it covered, clearing the error of an earlier stopped run
// @param key: String -- sha256 of the whole file
// @param d: Map -- bytes, lines, prefixSha, records, rejects, heldBack
// @mode WRITE
MATCH (l:ImportLedger {key: $key})
SET l.status = 'done', l.finishedAt = datetime(), l.bytes = $d.bytes, l.lines = $d.lines,
    l.prefixSha = $d.prefixSha, l.records = $d.records, l.rejects = $d.rejects, l.heldBack = $d.heldBack,
    l.error = null
