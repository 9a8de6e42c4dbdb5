// @name names-sharing-address
// @summary Which other names point (or pointed) at the same address as this name?
// Forward records (RESOLVES_TO) and reverse records (PTR) both count; validity and sources show
// when each name was on the address and who says so.
// @param name: String -- host key, e.g. mail1.trump-email.com
// @param limit: Integer = 50
// @mode READ
// @example name=mail1.trump-email.com
// @expect rows >= 1
// @expect column otherName contains "trump1.contact-client.com"
MATCH (h:Host {key: $name})-[:RESOLVES_TO]->(ip:IP)
CALL (h, ip) {
  MATCH (other:Host)-[r:RESOLVES_TO]->(ip) WHERE other <> h
  RETURN other, 'A' AS record, r
  UNION
  MATCH (ip)-[r:PTR]->(other:Host) WHERE other <> h
  RETURN other, 'PTR' AS record, r
}
RETURN ip.key AS address, other.key AS otherName, record, r.validFrom AS validFrom, r.validTo AS validTo,
       r.confidence AS confidence, r.sources AS sources
ORDER BY address, validFrom, otherName
LIMIT $limit
