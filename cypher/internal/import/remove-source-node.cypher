// @name remove-source-node
// @summary Delete a Source node
// @param src: String -- source key
// @mode WRITE
MATCH (s:Source {key: $src})
DETACH DELETE s
