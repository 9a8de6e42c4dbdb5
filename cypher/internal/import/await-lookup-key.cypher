// @name await-lookup-key
// @summary Wait (up to 600 s) until the lookup edge key index is online: keyed writes seek by it, and while it populates (after a bulk load) each seek would scan every QUERIED edge
// @mode READ
CALL db.awaitIndex('queried_key_index', 600)
