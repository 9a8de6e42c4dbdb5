// @name 006-queried-key
// @summary Lookup edges (IP)-[:QUERIED]->(Host) carry a unique key k = "<ip key>><host key>": an import finds a known pair by one index seek instead of a MERGE that scans a dense node's relationships; the constraint keeps one edge per pair under concurrent imports. Edges written before the key existed get it here, in bounded transactions, before the constraint is built.
// @mode WRITE
MATCH (a:IP)-[r:QUERIED]->(b:Host) WHERE r.k IS NULL
CALL { WITH a, r, b SET r.k = a.key + '>' + b.key } IN TRANSACTIONS OF 10000 ROWS;
CREATE CONSTRAINT queried_key IF NOT EXISTS FOR ()-[r:QUERIED]-() REQUIRE r.k IS UNIQUE;
