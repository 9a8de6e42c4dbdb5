// @name ledger-failed
// @summary Say why a run stopped; the entry stays running, so the next run resumes it
// Written only while the import lock is still the failed run's (lockOwner '' for a run without
// one): a run that lost its lock no longer speaks for the file, which its taker may be importing.
// @param key: String -- sha256 of the whole file
// @param error: String -- the message, at most 500 characters
// @param lockKey: String -- the import lock's key, '' without one
// @param lockOwner: String -- the failed run's id as the lock's holder, '' without one
// @mode WRITE
MATCH (l:ImportLedger {key: $key})
WHERE $lockOwner = '' OR EXISTS { MATCH (k:ImportLock {key: $lockKey}) WHERE k.owner = $lockOwner }
SET l.error = $error, l.failedAt = datetime()
