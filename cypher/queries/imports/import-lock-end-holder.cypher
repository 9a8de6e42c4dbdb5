// @name import-lock-end-holder
// @summary End the transactions of a former holder of the import lock, once its lock is taken
// Its batch transactions carry the owner in their metadata (importLock). One that began before
// the lock changed hands passed its lock-held check; ended here, it cannot commit beside the new
// holder. Only the server this runs on is asked: a single server, or a cluster's writer.
// @param owner: String -- the former holder's id
// @mode WRITE
SHOW TRANSACTIONS YIELD transactionId AS txId, metaData
WHERE metaData.importLock = $owner
TERMINATE TRANSACTIONS txId
YIELD transactionId, message
RETURN transactionId, message
