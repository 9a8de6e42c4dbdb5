// Families of relationship types: the API's `Edge.family` (EdgeFamily in common.graphql), which
// the UI colours by and the path finder reads (a path over LOOKUP and DNS edges only gets a
// caveat). Plain data, no imports beyond the model.
import type { RelType } from './rel-types.ts';

export const EDGE_FAMILIES = ['CONTROL', 'DNS', 'LOOKUP', 'CLAIM', 'NETWORK', 'STRUCTURE'] as const;
export type EdgeFamily = (typeof EDGE_FAMILIES)[number];

// A type not listed here is CLAIM. That includes the analysis layer (ABOUT, CITES, BEARS_ON…)
// and, today, the types added since the families were drawn (UPDATED, NOTIFIED, ANNOUNCED,
// RESELLER and the endpoint types): giving them a family changes which paths get the DNS caveat,
// so it is a decision of its own, not part of moving the list.
export const REL_FAMILY: Readonly<Partial<Record<RelType, EdgeFamily>>> = {
  RESOLVES_TO: 'DNS', ALIAS_OF: 'DNS', NAME_SERVER: 'DNS', MAIL_SERVER: 'DNS', PTR: 'DNS',
  QUERIED: 'LOOKUP',
  SUBDOMAIN_OF: 'STRUCTURE', SUBPREFIX_OF: 'STRUCTURE', LOCATED_IN: 'STRUCTURE',
  IN_PREFIX: 'NETWORK', ANNOUNCED_BY: 'NETWORK', ALLOCATED_TO: 'NETWORK',
  REGISTERED_BY: 'CONTROL', ADMINISTERED_BY: 'CONTROL', TECH_CONTACT: 'CONTROL', REGISTRAR: 'CONTROL',
  MEMBER_OF: 'CONTROL', CLIENT_OF: 'CONTROL', OPERATES: 'CONTROL', OUTSOURCES_TO: 'CONTROL', OWNS: 'CONTROL',
  CONTROLS: 'CONTROL', EMPLOYED_BY: 'CONTROL', CREATED: 'CONTROL', HOSTS: 'CONTROL', SUBSIDIARY_OF: 'CONTROL',
  CONTRACTED_BY: 'CONTROL', AFFILIATED_WITH: 'CONTROL',
};

/** Family of any relationship type, entity or analysis layer (unknown types are CLAIM). */
export function familyOf(type: string): EdgeFamily {
  return (REL_FAMILY as Record<string, EdgeFamily | undefined>)[type] ?? 'CLAIM';
}
