// @name nodes-by-key
// @summary Entity nodes for a batch of keys (keys are unique per label, so each label is one index seek)
// @param keys: List<String> -- entity keys
// @mode READ
UNWIND $keys AS k
CALL (k) {
  MATCH (n:Domain {key: k}) RETURN n
  UNION
  MATCH (n:Host {key: k}) RETURN n
  UNION
  MATCH (n:IP {key: k}) RETURN n
  UNION
  MATCH (n:Prefix {key: k}) RETURN n
  UNION
  MATCH (n:ASN {key: k}) RETURN n
  UNION
  MATCH (n:Organization {key: k}) RETURN n
  UNION
  MATCH (n:Person {key: k}) RETURN n
  UNION
  MATCH (n:Source {key: k}) RETURN n
}
RETURN k AS key, n
