// @name warm-page-cache
// @summary Read every page of the store (nodes, relationships, properties, text and array values, indexes) into Neo4j's page cache once, so that the first large import after a start does not fault them in page by page (APOC core; Neo4j Community has no page-cache warmer of its own)
// @mode READ
CALL apoc.warmup.run(true, true, true) YIELD totalTime, nodePages, relPages, propPages, stringPropPages, arrayPropPages, indexPages
RETURN totalTime, nodePages + relPages + propPages + stringPropPages + arrayPropPages + indexPages AS pages
