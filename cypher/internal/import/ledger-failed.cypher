// @name ledger-failed
// @summary Say why a run stopped; the entry stays running, so the next run resumes it
// @param key: String -- sha256 of the whole file
// @param error: String -- the message, at most 500 characters
// @mode WRITE
MATCH (l:ImportLedger {key: $key})
SET l.error = $error, l.failedAt = datetime()
