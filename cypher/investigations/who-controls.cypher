// @name who-controls
// @summary Every party that controls a host, domain or address, with the role and the path that gives it
// The one definition of "who controls": the API's whoControls runs this file too, so the CLI,
// the API and the UI give the same parties, roles and paths. Roles: REGISTRANT (the domain is
// REGISTERED_BY), ADMINISTRATOR (ADMINISTERED_BY, or a party that CONTROLS, OWNS or OPERATES the
// domain), REGISTRAR, DNS_OPERATOR (the controller or registrant of the name servers' domain),
// HOSTING_OPERATOR (operator of an address the name resolves to), NETWORK_OPERATOR (prefix
// allocation or announcing AS), CONTRACTED_OPERATOR (a party the registrant or administrator is a
// client of or outsources to, up to two hops, or that is contracted by the domain's controller).
// Every hop must be valid at $at (null = any time; an edge without validity is timeless; a missing
// end is open) and reach $minConfidence. confidence = the weakest hop; validFrom/validTo = when
// every hop of the path holds; chain = the path in words; path = the path itself (for the graph).
// A Domain and a Host may share a key: the Domain is taken, as the API's entity lookup does.
// @param name: String -- host name, domain or IP address, e.g. mail1.trump-email.com
// @param at: DateTime = null -- keep only hops valid at this instant (null = any time)
// @param minConfidence: Integer = 0 -- drop paths whose weakest hop is below this (0-100)
// @param limit: Integer = 1000
// @mode READ
// @example name=mail1.trump-email.com
// @expect rows >= 6
// @expect column role contains "REGISTRANT"
// @expect column party contains "Trump Organization"
// @expect column party contains "Cendyn"
// @expect column party contains "Listrak"
CALL () {
  MATCH (n:Domain {key: $name}) RETURN n, 0 AS rank
  UNION ALL
  MATCH (n:Host {key: $name}) RETURN n, 1 AS rank
  UNION ALL
  MATCH (n:IP {key: $name}) RETURN n, 2 AS rank
}
WITH n AS t ORDER BY rank LIMIT 1
CALL (t) {
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)-[:REGISTERED_BY]->(party:Organization|Person)
  RETURN 'REGISTRANT' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)-[:ADMINISTERED_BY]->(party:Organization|Person)
  RETURN 'ADMINISTRATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)<-[:CONTROLS|OWNS|OPERATES]-(party:Organization|Person)
  RETURN 'ADMINISTRATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)-[:REGISTRAR]->(party:Organization)
  RETURN 'REGISTRAR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)-[:NAME_SERVER]->(:Host)-[:SUBDOMAIN_OF]->(:Domain)<-[:CONTROLS|OWNS|OPERATES]-(party:Organization|Person)
  RETURN 'DNS_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)-[:NAME_SERVER]->(:Host)-[:SUBDOMAIN_OF]->(:Domain)-[:REGISTERED_BY|ADMINISTERED_BY]->(party:Organization|Person)
  RETURN 'DNS_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:RESOLVES_TO]->{0,1}(:IP)<-[:OPERATES|HOSTS|OWNS]-(party:Organization|Person)
  RETURN 'HOSTING_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:RESOLVES_TO]->{0,1}(:IP)-[:IN_PREFIX]->(:Prefix)-[:ALLOCATED_TO]->(party:Organization)
  RETURN 'NETWORK_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:RESOLVES_TO]->{0,1}(:IP)-[:IN_PREFIX]->(:Prefix)-[:ANNOUNCED_BY]->(:ASN)-[:REGISTERED_BY]->(party:Organization)
  RETURN 'NETWORK_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)-[:REGISTERED_BY|ADMINISTERED_BY]->(:Organization)-[:CLIENT_OF|OUTSOURCES_TO]->{1,2}(party:Organization)
  RETURN 'CONTRACTED_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)<-[:CONTROLS|OWNS]-(:Organization)-[:CLIENT_OF|OUTSOURCES_TO]->{1,2}(party:Organization)
  RETURN 'CONTRACTED_OPERATOR' AS role, p
  UNION ALL
  MATCH p = (t)-[:SUBDOMAIN_OF]->{0,1}(:Domain)<-[:CONTROLS|OWNS]-(:Organization)<-[:CONTRACTED_BY]-(party:Organization)
  RETURN 'CONTRACTED_OPERATOR' AS role, p
}
WITH role, p, nodes(p) AS ns, relationships(p) AS rels
WHERE all(r IN rels WHERE coalesce(r.confidence, 0) >= $minConfidence
      AND ($at IS NULL
           OR (r.validFrom IS NULL AND r.validTo IS NULL)
           OR (coalesce(r.validFrom <= datetime($at), true) AND coalesce(r.validTo >= datetime($at), true))))
RETURN role,
       coalesce(last(ns).name, last(ns).key) AS party,
       reduce(m = 100, r IN rels | CASE WHEN coalesce(r.confidence, 0) < m THEN coalesce(r.confidence, 0) ELSE m END) AS confidence,
       reduce(f = null, r IN rels | CASE WHEN r.validFrom IS NOT NULL AND (f IS NULL OR r.validFrom > f) THEN r.validFrom ELSE f END) AS validFrom,
       reduce(u = null, r IN rels | CASE WHEN r.validTo IS NOT NULL AND (u IS NULL OR r.validTo < u) THEN r.validTo ELSE u END) AS validTo,
       reduce(s = coalesce(ns[0].name, ns[0].key), i IN range(0, size(rels) - 1) |
         s + CASE WHEN startNode(rels[i]) = ns[i] THEN ' -' + type(rels[i]) + '-> ' ELSE ' <-' + type(rels[i]) + '- ' END
           + coalesce(ns[i + 1].name, ns[i + 1].key)) AS chain,
       reduce(acc = [], r IN rels | acc + [k IN coalesce(r.sources, []) WHERE NOT k IN acc]) AS sources,
       p AS path
ORDER BY confidence DESC, role, party, chain
LIMIT $limit
