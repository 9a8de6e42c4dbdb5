// @name organization-addresses
// @summary The addresses an organization is said to operate (OPERATES)
// @param organization: String -- Organization key; null gives no rows
// @mode READ
MATCH (:Organization {key: $organization})-[:OPERATES]->(ip:IP)
RETURN DISTINCT ip.key AS ip
LIMIT 1000000
