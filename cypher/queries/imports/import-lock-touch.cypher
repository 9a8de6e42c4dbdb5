// @name import-lock-touch
// @summary Take Neo4j's write lock on the import lock node (creating it) and read its holder
// Writing the node first makes a second taker wait for the first to commit, then read its result.
// @param key: String -- the lock key ('graph')
// @mode WRITE
MERGE (l:ImportLock {key: $key})
SET l.touch = coalesce(l.touch, 0) + 1
RETURN l.owner AS owner, l.pid AS pid, l.host AS host, l.identity AS identity, toString(l.since) AS since, l.what AS what,
       l.expiresAt IS NULL OR l.expiresAt < datetime() AS expired
