// @name 005-import-lock
// @summary The import lock node is unique per key; ledger entries are found by their source (--replace)
// @mode WRITE
CREATE CONSTRAINT import_lock_key IF NOT EXISTS FOR (n:ImportLock) REQUIRE n.key IS UNIQUE;
CREATE INDEX ledger_source_key IF NOT EXISTS FOR (n:ImportLedger) ON (n.sourceKey);
