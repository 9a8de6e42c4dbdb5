// @name source-added-at
// @summary When a Source was first added (nodes first seen since then may be its alone)
// @param src: String -- source key
// @mode READ
MATCH (s:Source {key: $src})
RETURN s.addedAt AS at
