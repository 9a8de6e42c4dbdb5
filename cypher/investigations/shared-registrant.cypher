// @name shared-registrant
// @summary Which domains share a registrant, administrator or controller?
// One row per party with two or more domains (or, with `domain`, per party of that domain, even
// when it has no other). Roles follow the model's directions: Domain-[:REGISTERED_BY|ADMINISTERED_BY]->party,
// party-[:CONTROLS|OWNS]->Domain. Each domain carries its role and the weakest confidence behind it.
// @param domain: String = null -- only parties of this domain
// @param limit: Integer = 50
// @mode READ
// @example limit=50
// @expect rows >= 1
// @expect column party contains "Cendyn"
CALL () {
  MATCH (d:Domain)-[r:REGISTERED_BY]->(p) RETURN p, d, 'registrant' AS role, r.confidence AS conf, r.sources AS sources
  UNION ALL
  MATCH (d:Domain)-[r:ADMINISTERED_BY]->(p) RETURN p, d, 'administrator' AS role, r.confidence AS conf, r.sources AS sources
  UNION ALL
  MATCH (p)-[r:CONTROLS|OWNS]->(d:Domain) RETURN p, d, 'controller' AS role, r.confidence AS conf, r.sources AS sources
}
WITH p, d, collect(role) AS roles, min(conf) AS conf, collect(sources) AS srcs ORDER BY d.key
WITH p, collect({domain: d.key, roles: roles, conf: conf}) AS domains,
     reduce(acc = [], l IN collect(srcs) | acc + reduce(a2 = [], x IN l | a2 + x)) AS allSources
WHERE ($domain IS NULL AND size(domains) >= 2) OR any(x IN domains WHERE x.domain = $domain)
RETURN p.name AS party, size(domains) AS domainCount,
       [x IN domains | x.domain + ' (' + reduce(s = '', r IN x.roles | s + CASE WHEN s = '' THEN '' ELSE '+' END + r) + ', ' + toString(x.conf) + ')'] AS domains,
       reduce(acc = [], k IN allSources | CASE WHEN k IN acc THEN acc ELSE acc + k END) AS sources
ORDER BY domainCount DESC, party
LIMIT $limit
