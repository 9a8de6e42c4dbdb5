// @name remove-sole-edges
// @summary Delete the edges only this source stated
// @param src: String -- source key
// @param rows: Integer -- rows per inner transaction (fewer when one outgrows the memory for a transaction)
// @mode WRITE
MATCH ()-[r]->() WHERE $src IN r.sources AND size(r.sources) = 1
CALL { WITH r DELETE r } IN TRANSACTIONS OF $rows ROWS
RETURN count(*) AS n
