// @name prefixes-page
// @summary One page of Prefix nodes in key order, with their element ids, for the longest-prefix index
// @param after: String -- the last key of the previous page ('' for the first)
// @param page: Integer = 50000 -- page size
// @mode READ
MATCH (p:Prefix) WHERE p.key > $after
RETURN p.key AS key, elementId(p) AS id
ORDER BY p.key
LIMIT $page
