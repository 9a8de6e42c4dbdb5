// @name 006-queried-key
// @summary Lookup edges (IP)-[:QUERIED]->(Host) carry a key k = "<ip key>><host key>" (see 007 for its index). Edges written before the key existed get it here, in bounded transactions. A store built by the offline bulk load skips this scan (its CSV gives every lookup edge its key): over 5.6M edges it took about 15 s.
// @mode WRITE
MATCH (a:IP)-[r:QUERIED]->(b:Host) WHERE r.k IS NULL
CALL { WITH a, r, b SET r.k = a.key + '>' + b.key } IN TRANSACTIONS OF 10000 ROWS;
