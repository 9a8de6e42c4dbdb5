// @name create-prefix-links
// @summary New derived IN_PREFIX links, both ends by element id, with a literal property map
// Both ends were read moments ago in the same pass, and a literal map is the cheapest CREATE
// there is, for the million-IP case. Same properties as edgeCypher's edges.
// @param rows: List<Map> -- ai, bi (element ids), n, conf, ref, vf, vt, src
// @mode WRITE
UNWIND $rows AS row
MATCH (a:IP) WHERE elementId(a) = row.ai
MATCH (b:Prefix) WHERE elementId(b) = row.bi
CREATE (a)-[:IN_PREFIX {sources: [row.src], srcConf: [row.conf], srcRef: [row.ref], srcCount: [row.n],
  srcFrom: [row.vf], srcTo: [row.vt], count: row.n, confidence: row.conf}]->(b)
