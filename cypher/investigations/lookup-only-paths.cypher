// @name lookup-only-paths
// @summary Which paths would seem to connect two organizations, and do they rest on DNS lookups alone?
// Walks entity relationships in either direction (analysis-layer links excluded) up to six hops.
// A path with a QUERIED hop is flagged: a QUERIED edge means a resolver asked for a name's address,
// which is not an e-mail, not a connection to the machine, and says nothing about content. When
// every path returned is lookup-based, the graph holds no other link between the two parties.
// Confidence of a path = its weakest edge; `syntheticHops` counts hops backed only by synthetic sources.
// @param from: String = 'alfa-bank' -- Organization key
// @param to: String = 'trump-organization' -- Organization key
// @param maxHops: Integer = 6 -- at most 6
// @param limit: Integer = 25
// @mode READ
// @example from=alfa-bank to=trump-organization
// @expect rows >= 1
// @expect column flag contains "LOOKUP-BASED: a DNS lookup is not communication"
MATCH (a:Organization {key: $from}), (b:Organization {key: $to})
MATCH p = (a)-[:SUBDOMAIN_OF|RESOLVES_TO|ALIAS_OF|NAME_SERVER|MAIL_SERVER|PTR|QUERIED|IN_PREFIX|ANNOUNCED_BY|ALLOCATED_TO|REGISTERED_BY|ADMINISTERED_BY|TECH_CONTACT|REGISTRAR|CLIENT_OF|OPERATES|OUTSOURCES_TO|OWNS|CONTROLS|EMPLOYED_BY|HOSTS|SUBSIDIARY_OF|CONTRACTED_BY|AFFILIATED_WITH|MEMBER_OF*1..6]-(b)
WHERE length(p) <= $maxHops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
WITH p, [r IN relationships(p) WHERE type(r) = 'QUERIED'] AS lookups
WITH p, size(lookups) AS lookupHops,
     reduce(m = 100, r IN relationships(p) | CASE WHEN r.confidence < m THEN r.confidence ELSE m END) AS confidence,
     size([r IN relationships(p) WHERE all(s IN r.sources WHERE s STARTS WITH 'src:' OR s IN ['doc:synthetic-lookups', 'doc:synthetic-baseline'])]) AS syntheticHops
RETURN reduce(s = head(nodes(p)).name, i IN range(0, length(p) - 1) |
         s + CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i]
                  THEN ' -' + type(relationships(p)[i]) + '-> ' ELSE ' <-' + type(relationships(p)[i]) + '- ' END
           + coalesce(nodes(p)[i + 1].name, nodes(p)[i + 1].key)) AS path,
       length(p) AS hops, lookupHops,
       CASE WHEN lookupHops > 0 THEN 'LOOKUP-BASED: a DNS lookup is not communication' ELSE 'no lookup hop' END AS flag,
       confidence, syntheticHops
ORDER BY lookupHops = 0 DESC, hops, confidence DESC, path
LIMIT $limit
