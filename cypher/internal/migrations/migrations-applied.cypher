// @name migrations-applied
// @summary The schema migrations recorded as applied, with the checksum of the file each ran
// @mode READ
MATCH (m:Migration)
RETURN m.name AS name, m.checksum AS checksum
