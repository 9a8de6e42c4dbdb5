// Node kinds (labels) of the graph. Plain data, no imports: the client bundles this folder too,
// so nothing here may need Node (docs/architecture.md).

/** Endpoints named by host and cloud DNS logs (Sysmon, Route 53 Resolver); never by case files. */
export const ENDPOINT_KINDS = ['Process', 'Vpc', 'CloudInstance'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

/** Node kinds (labels). The only labels any importer may write; labels are never made from input. */
export const NODE_KINDS = [
  'Domain', 'Host', 'IP', 'Prefix', 'ASN', 'Organization', 'Person', 'Source',
  ...ENDPOINT_KINDS,
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The kinds a case file may name as entities: parties and the network (not sources, not endpoints). */
export const ENTITY_KINDS = ['Organization', 'Person', 'Domain', 'Host', 'IP', 'Prefix', 'ASN'] as const satisfies readonly NodeKind[];
export type EntityKind = (typeof ENTITY_KINDS)[number];

export function isNodeKind(s: string): s is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(s);
}
