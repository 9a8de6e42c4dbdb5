// @name search
// @summary Full-text search over entity keys, names and aliases, with exact and key-prefix matches first
// Digits and dots do not survive the index's simple analyzer, so addresses, prefixes and AS
// numbers are also matched by key prefix on their own uniqueness indexes.
// @param lucene: String -- escaped Lucene query; empty = skip the full-text index
// @param exact: String -- the text as typed, lower-cased, for exact key matches
// @param keyPrefix: String -- key prefix for IP/Prefix/ASN; empty = none
// @param kinds: List<String> -- labels to keep; empty = all entity kinds
// @param fetch: Integer -- candidates to read from each source
// @param skip: Integer
// @param limit: Integer
// @mode READ
CALL () {
  WITH $lucene AS q WHERE q <> ''
  CALL db.index.fulltext.queryNodes('entity_search', q, {limit: $fetch}) YIELD node, score
  RETURN node, score
  UNION ALL
  MATCH (node:IP) WHERE $keyPrefix <> '' AND node.key STARTS WITH $keyPrefix
  WITH node LIMIT $fetch RETURN node, 1.0 AS score
  UNION ALL
  MATCH (node:Prefix) WHERE $keyPrefix <> '' AND node.key STARTS WITH $keyPrefix
  WITH node LIMIT $fetch RETURN node, 1.0 AS score
  UNION ALL
  MATCH (node:ASN) WHERE $keyPrefix <> '' AND node.key STARTS WITH toUpper($keyPrefix)
  WITH node LIMIT $fetch RETURN node, 1.0 AS score
}
WITH node, max(score) AS score
WHERE size($kinds) = 0 OR any(l IN labels(node) WHERE l IN $kinds)
WITH node, score + CASE WHEN toLower(node.key) = $exact OR toLower(node.name) = $exact THEN 1000.0 ELSE 0.0 END AS rank
RETURN node, rank
ORDER BY rank DESC, node.key
SKIP $skip LIMIT $limit
