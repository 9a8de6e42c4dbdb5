// @name sources-by-key
// @summary Source nodes for a batch of source keys
// @param keys: List<String>
// @mode READ
UNWIND $keys AS k
MATCH (s:Source {key: k})
RETURN k AS key, s
