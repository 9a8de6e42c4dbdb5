// @name remove-orphan-addresses
// @summary Delete IPs and domains first seen since the source came in that are left with no relationship
// @param since: String -- the Source's addedAt
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @mode WRITE
MATCH (n) WHERE (n:IP OR n:Domain) AND n.addedAt >= datetime($since) AND NOT EXISTS { (n)--() }
CALL { WITH n DELETE n } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
