// @name ips-page
// @summary One page of IPs in key order with the prefixes they are linked to: by the derived source, and by any
// @param after: String -- the last key of the previous page ('' for the first)
// @param page: Integer = 50000 -- page size
// @param src: String -- PREFIX_MATCH_SOURCE
// @mode READ
MATCH (i:IP) WHERE i.key > $after
WITH i ORDER BY i.key LIMIT $page
RETURN i.key AS ip, elementId(i) AS id, [(i)-[r:IN_PREFIX]->(p) WHERE $src IN r.sources | p.key] AS cur,
       [(i)-[r:IN_PREFIX]->(p) | p.key] AS any
