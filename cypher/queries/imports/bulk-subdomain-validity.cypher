// @name bulk-subdomain-validity
// @summary After a bulk load: give structural SUBDOMAIN_OF edges their empty validity arrays
// The offline importer cannot write an array of empty strings.
// @mode WRITE
MATCH ()-[r:SUBDOMAIN_OF]->() WHERE r.srcFrom IS NULL
CALL { WITH r SET r.srcFrom = [x IN r.sources | ''], r.srcTo = [x IN r.sources | ''] } IN TRANSACTIONS OF 20000 ROWS
