// Relationship types of the graph (the allow-list; docs/model.md has the table). Plain data, no
// imports: the client bundles this folder too.

/** Endpoint facts (Sysmon, Route 53 Resolver): which program or instance asked, and where it runs. Only log importers write them. */
export const ENDPOINT_REL_TYPES = ['RUNS_ON', 'LOOKED_UP', 'IN_VPC', 'ASSIGNED_TO', 'FIREWALL_MATCHED'] as const;

/** Relationship types any importer may write (allow-list; see docs/model.md). */
export const REL_TYPES = [
  // DNS
  'SUBDOMAIN_OF', 'RESOLVES_TO', 'ALIAS_OF', 'NAME_SERVER', 'MAIL_SERVER', 'PTR', 'QUERIED',
  // DNS messages that are not lookups (issue 15): RFC 2136 UPDATE, RFC 1996 NOTIFY, mDNS announcements
  'UPDATED', 'NOTIFIED', 'ANNOUNCED',
  // registry and network
  'REGISTERED_BY', 'ADMINISTERED_BY', 'TECH_CONTACT', 'REGISTRAR', 'IN_PREFIX', 'ANNOUNCED_BY',
  'ALLOCATED_TO', 'MEMBER_OF', 'SUBPREFIX_OF',
  // registry (issue 15): the reseller between registrant and registrar (SIDN, ICANN `Reseller:`)
  'RESELLER',
  // case files (analysts' and reporters' facts)
  'CLIENT_OF', 'OPERATES', 'OUTSOURCES_TO', 'OWNS', 'CONTROLS', 'EMPLOYED_BY', 'LOCATED_IN',
  'CREATED', 'HOSTS', 'SUBSIDIARY_OF', 'CONTRACTED_BY', 'AFFILIATED_WITH',
  ...ENDPOINT_REL_TYPES,
] as const;
export type RelType = (typeof REL_TYPES)[number];

export function isRelType(s: string): s is RelType {
  return (REL_TYPES as readonly string[]).includes(s);
}
