// @name import-lock-take
// @summary Make this holder the import lock's owner, with a lease (in the transaction that touched it)
// @param key: String -- the lock key ('graph')
// @param owner: String -- the holder's id
// @param pid: Integer -- the holder's process id
// @param host: String -- the holder's host name
// @param identity: String -- boot id, pid namespace and start time of the holder's process ('' where unknown)
// @param what: String -- what the holder is doing (e.g. the file name)
// @param lease: Integer -- lease length in ms
// @mode WRITE
MATCH (l:ImportLock {key: $key})
SET l.owner = $owner, l.pid = $pid, l.host = $host, l.identity = $identity, l.what = $what, l.since = datetime(),
    l.expiresAt = datetime() + duration({milliseconds: $lease})
