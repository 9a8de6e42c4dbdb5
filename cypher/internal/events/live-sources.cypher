// @name live-sources
// @summary Keys of the Source nodes in the graph: the sources whose events count
// @mode READ
MATCH (s:Source)
RETURN s.key AS key
LIMIT 1000000
