// @name has-data
// @summary Whether the database holds anything besides the migration records
// @mode READ
MATCH (n) WHERE NOT n:Migration
RETURN count(n) > 0 AS any
LIMIT 1
