// @name remove-orphan-hosts
// @summary Delete hosts first seen since the source came in that are left with no fact but SUBDOMAIN_OF
// @param since: String -- the Source's addedAt
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @mode WRITE
MATCH (n:Host) WHERE n.addedAt >= datetime($since) AND NOT EXISTS { (n)-[r]-() WHERE type(r) <> 'SUBDOMAIN_OF' }
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
