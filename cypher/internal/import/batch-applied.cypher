// @name batch-applied
// @summary Whether an import batch was already written: its marker or the marker of a batch it is a part of exists (`done`); and how many of its own parts were written after it was split in two (markers <key>/0, <key>/1, …), so that a resumed import splits it the same way
// @param key: String -- <segment>:<chunk>:<batch>, with /0 or /1 per halving
// @param done: List<String> -- the key and the keys of the batches it is a part of
// @mode READ
OPTIONAL MATCH (b:ImportBatch) WHERE b.key IN $done
WITH count(b) AS n
OPTIONAL MATCH (p:ImportBatch) WHERE p.key STARTS WITH $key + '/'
RETURN n, count(p) AS parts
