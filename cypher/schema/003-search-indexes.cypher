// @name 003-search-indexes
// @summary Full-text search over names, and lookup indexes for common filters
// @mode WRITE
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Domain|Host|IP|Prefix|ASN|Organization|Person|Source)
ON EACH [n.key, n.name, n.aliasText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'simple', `fulltext.eventually_consistent`: false } };
CREATE INDEX ledger_source IF NOT EXISTS FOR (n:ImportLedger) ON (n.sourceName);
CREATE INDEX source_kind IF NOT EXISTS FOR (n:Source) ON (n.kind);
CREATE INDEX ip_version IF NOT EXISTS FOR (n:IP) ON (n.version);
CREATE INDEX queried_first_seen IF NOT EXISTS FOR ()-[r:QUERIED]-() ON (r.firstSeen);
CREATE INDEX claim_attribute IF NOT EXISTS FOR (n:Claim) ON (n.attribute);
