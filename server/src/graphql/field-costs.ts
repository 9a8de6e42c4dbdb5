// What each field that reaches the database costs, by its arguments, for the complexity limit
// (limits.ts). One unit is roughly a millisecond of database work on the 2016 case; the figures
// are ratios, not promises. A field missing here that reaches the database is a bug: a test walks
// the schema's Query and Mutation fields and requires an entry (or NO_DB) for each.
type Args = Record<string, unknown>;
const n = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, v) : d);

/** Root fields answered without the database. */
export const NO_DB = new Set(['Query.investigations', 'Mutation.reloadInvestigations', 'Mutation.ping']);

export const FIELD_COSTS: Record<string, (a: Args) => number> = {
  'Query.health': () => 5,
  'Query.version': () => 5,
  'Query.entity': () => 5,
  'Query.search': (a) => 20 + n(a.first, 20),
  // Breadth-first: each level can multiply the frontier; `limit` bounds the nodes kept.
  'Query.neighborhood': (a) => 20 * 4 ** (Math.min(n(a.depth, 1), 3) - 1) * Math.max(1, n(a.limit, 200) / 200),
  'Query.evidence': () => 5,
  'Query.cohosted': () => 40,
  'Query.whoControls': () => 60,
  // k shortest paths up to maxHops: the search grows with both.
  'Query.paths': (a) => 10 * n(a.maxHops, 6) * n(a.k, 3),
  'Query.queriers': (a) => 30 + n(a.first, 50) / 2,
  'Query.timeline': () => 40,
  'Query.officeHours': () => 40,
  'Query.firstLookups': (a) => 20 + n(a.limit, 10),
  // One graph lookup per id, then one DuckDB scan of the window's days.
  'Query.lookupWindowCounts': (a) => 40 + (Array.isArray(a.edgeIds) ? a.edgeIds.length : 0) / 100,
  'Query.cases': () => 5,
  'Query.claims': () => 20,
  'Query.hypotheses': () => 60,
  'Query.runInvestigation': () => 300,
  'Query.cypher': () => 500,
  // Read-only DuckDB SQL over the event store: the console's limits, priced like the console.
  'Query.sql': () => 500,
  'Query.schemaVocabulary': () => 10,
  // EXPLAIN only: planning, no rows.
  'Query.checkCypher': () => 50,
  'Query.export': (a) => {
    const sel = (a.selection ?? {}) as Args;
    const keys = Array.isArray(sel.keys) ? sel.keys.length : 1;
    return 20 + keys * 2 ** (Math.min(n(sel.depth, 1), 3) - 1);
  },
  'Mutation.addNote': () => 30,
  'Mutation.addClaim': () => 30,
  'Mutation.addEvidenceLink': () => 30,
  'Mutation.saveInvestigation': () => 60,
};

/** Extra fields added by other areas, e.g. a plug-in registering its own root field. */
export function registerFieldCost(coordinate: string, cost: (a: Args) => number): void {
  FIELD_COSTS[coordinate] = cost;
}
