// @name bulk-subdomain-validity
// @summary After a bulk load without trimming: give structural SUBDOMAIN_OF edges their empty validity arrays
// The offline importer cannot write an array of one empty string; the CSV holds a blank there,
// which it keeps when it was not told to trim text values (csv-graph-writer.ts).
// @mode WRITE
MATCH ()-[r:SUBDOMAIN_OF]->() WHERE r.srcFrom = [' ']
CALL { WITH r SET r.srcFrom = [x IN r.sources | ''], r.srcTo = [x IN r.sources | ''] } IN TRANSACTIONS OF 20000 ROWS
