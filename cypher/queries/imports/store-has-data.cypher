// @name store-has-data
// @summary How many nodes the graph holds besides schema records and the import lock (0 = a bulk load may build it)
// @mode READ
MATCH (n) WHERE NOT n:Migration AND NOT n:ImportLock
RETURN count(n) AS n
