// @name import-lock-release
// @summary Release the import lock if this holder still has it
// @param key: String -- the lock key ('graph')
// @param owner: String -- the holder's id
// @mode WRITE
MATCH (l:ImportLock {key: $key}) WHERE l.owner = $owner
SET l.owner = null, l.pid = null, l.host = null, l.expiresAt = null, l.what = null
