// @name 006-queried-key
// @summary Lookup edges (IP)-[:QUERIED]->(Host) carry a key k = "<ip key>><host key>" under a range index: an import finds a known pair by one index seek instead of a MERGE that scans a dense node's relationships. One edge per pair is kept by the importer (one import at a time under the import lock, each pair once per import), not by a uniqueness constraint: building that constraint held a bulk load of 5.6M edges for 36 s, while an index populates after the store is queryable. Edges written before the key existed get it here, in bounded transactions; stores that had the constraint get the index instead.
// @mode WRITE
MATCH (a:IP)-[r:QUERIED]->(b:Host) WHERE r.k IS NULL
CALL { WITH a, r, b SET r.k = a.key + '>' + b.key } IN TRANSACTIONS OF 10000 ROWS;
DROP CONSTRAINT queried_key IF EXISTS;
CREATE INDEX queried_key_index IF NOT EXISTS FOR ()-[r:QUERIED]-() ON (r.k);
