// @name wipe-batch
// @summary Delete up to 5000 nodes other than the migration records; run until it returns n = 0
// @mode WRITE
MATCH (n) WHERE NOT n:Migration
WITH n LIMIT 5000
DETACH DELETE n
RETURN count(*) AS n
