// @name 007-queried-key-index
// @summary A range index on the lookup edge key: an import finds a known pair by one index seek instead of a MERGE that scans a dense node's relationships. One edge per pair is kept by the importer (one import at a time under the import lock, each pair once per import), not by a uniqueness constraint: building that constraint held a bulk load of 5.6M edges before it was queryable, while an index populates in the background. Stores that had the constraint get the index instead.
// @mode WRITE
DROP CONSTRAINT queried_key IF EXISTS;
CREATE INDEX queried_key_index IF NOT EXISTS FOR ()-[r:QUERIED]-() ON (r.k);
