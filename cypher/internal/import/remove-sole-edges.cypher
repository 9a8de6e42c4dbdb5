// @name remove-sole-edges
// @summary Delete the edges only this source stated
// @param src: String -- source key
// @mode WRITE
MATCH ()-[r]->() WHERE $src IN r.sources AND size(r.sources) = 1
CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS n
