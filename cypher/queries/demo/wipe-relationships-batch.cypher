// @name wipe-relationships-batch
// @summary Delete up to 20000 relationships; run until it returns n = 0 (before wipe-batch, so that no node batch drags a hub's relationships into one transaction)
// @mode WRITE
MATCH ()-[r]->()
WITH r LIMIT 20000
DELETE r
RETURN count(*) AS n
