// @name cases
// @summary Every case loaded (from case files), oldest first
// @mode READ
MATCH (c:Case)
RETURN c
ORDER BY c.created, c.key
