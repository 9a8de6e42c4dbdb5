// @name lock-held
// @summary Whether the import lock is still this holder's; the first statement of every write transaction of an import
// A holder whose lock another import took (its lease ran out while it was stopped, paused or cut
// off) then writes nothing more. A transaction already running when the lock is taken is ended by
// the taker (import-lock-end-holder).
// @param key: String -- the lock key ('graph')
// @param owner: String -- the holder's id
// @mode READ
OPTIONAL MATCH (l:ImportLock {key: $key})
RETURN l IS NOT NULL AND l.owner = $owner AS held
