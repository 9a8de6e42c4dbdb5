// @name case-by-ref
// @summary The key of a case named by its key ("case:…") or by the id `cases` lists
// @param ref: String -- case key or id
// @mode READ
MATCH (c:Case)
WHERE c.key IN [$ref, 'case:' + $ref] OR c.id = $ref
RETURN c.key AS key
ORDER BY c.key = $ref DESC
LIMIT 1
