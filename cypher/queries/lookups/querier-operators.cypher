// @name querier-operators
// @summary Every address that looked a name up, with each organization said to operate it (one row per statement; none: one row with nulls)
// @param host: String -- Host key
// @mode READ
MATCH (ip:IP)-[:QUERIED]->(:Host {key: $host})
OPTIONAL MATCH (o:Organization)-[op:OPERATES]->(ip)
RETURN ip.key AS ip, o.name AS organization, op.confidence AS confidence
LIMIT 1000000
