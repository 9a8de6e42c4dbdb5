// @name await-indexes
// @summary Wait (up to 300 s) until the indexes a migration created are online
// @mode READ
CALL db.awaitIndexes(300)
