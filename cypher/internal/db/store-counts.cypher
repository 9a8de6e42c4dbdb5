// @name store-counts
// @summary How many nodes and relationships the database holds (for `infragraph db status`)
// @mode READ
CALL { MATCH (n) RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
RETURN nodes, rels
