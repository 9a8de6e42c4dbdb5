// @name who-controls
// @summary Every party that controls a host, domain or address, with the role and the path that gives it
// Roles: REGISTRANT (Domain-REGISTERED_BY), ADMINISTRATOR (ADMINISTERED_BY, CONTROLS, OWNS,
// OPERATES of the domain), REGISTRAR, DNS_OPERATOR (the controller of the name servers' domain),
// HOSTING_OPERATOR (operator of an address the name resolves to), NETWORK_OPERATOR (prefix
// allocation or announcing AS), CONTRACTED_OPERATOR (a party the registrant or administrator is a
// client of or outsources to, up to two hops). Every hop must be valid at $at (null = any time;
// an edge without validity is timeless; a missing end is open) and reach $minConfidence.
// @param id: String -- element id of the Host, Domain or IP
// @param at: String -- ISO-8601 instant or null
// @param minConfidence: Integer
// @param limit: Integer
// @mode READ
MATCH (t) WHERE elementId(t) = $id
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
WITH role, p
WHERE all(r IN relationships(p) WHERE coalesce(r.confidence, 0) >= $minConfidence
      AND ($at IS NULL
           OR (r.validFrom IS NULL AND r.validTo IS NULL)
           OR (coalesce(r.validFrom <= datetime($at), true) AND coalesce(r.validTo >= datetime($at), true))))
RETURN role, nodes(p) AS nodes, relationships(p) AS rels
LIMIT $limit
