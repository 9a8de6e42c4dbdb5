// @name 001-node-keys
// @summary Uniqueness of every node key (one constraint per label; each also gives a lookup index)
// @mode WRITE
CREATE CONSTRAINT domain_key IF NOT EXISTS FOR (n:Domain) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT host_key IF NOT EXISTS FOR (n:Host) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT ip_key IF NOT EXISTS FOR (n:IP) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT prefix_key IF NOT EXISTS FOR (n:Prefix) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT asn_key IF NOT EXISTS FOR (n:ASN) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT source_key IF NOT EXISTS FOR (n:Source) REQUIRE n.key IS UNIQUE;
