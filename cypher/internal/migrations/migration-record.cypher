// @name migration-record
// @summary Record a schema migration as applied (again, when its file changed)
// @param name: String -- the migration's @name
// @param checksum: String -- sha256 of the file text
// @mode WRITE
MERGE (m:Migration {name: $name})
SET m.checksum = $checksum, m.appliedAt = datetime()
