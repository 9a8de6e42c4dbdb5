// @name import-lock-renew
// @summary Extend the holder's lease on the import lock; n = 0 when the lock is no longer this holder's
// @param key: String -- the lock key ('graph')
// @param owner: String -- the holder's id
// @param lease: Integer -- lease length in ms
// @mode WRITE
MATCH (l:ImportLock {key: $key}) WHERE l.owner = $owner
SET l.expiresAt = datetime() + duration({milliseconds: $lease})
RETURN count(l) AS n
