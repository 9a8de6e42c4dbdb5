// k shortest paths between two entities. Traversal is undirected: investigators ask "how are
// these connected", and direction (who registered whom, who queried what) is shown on each hop.
//
// Lookup-based paths. Hops fall into three classes:
//   attribution — CONTROL, NETWORK and STRUCTURE families (who operates an address, which domain
//                 a host belongs to): they tie an address or name to a party;
//   DNS         — RESOLVES_TO, ALIAS_OF, NAME_SERVER, MAIL_SERVER, PTR;
//   lookup      — QUERIED.
// `lookupBased` = the path has a QUERIED hop. `dnsOnly` = at least one hop is DNS or lookup, and
// every hop that is not attribution is DNS or lookup: the link between the two parties is made
// only of name resolution. A lookup is evidence that a name was resolved (often by a recursive
// resolver on behalf of someone else), not that two parties communicated; the caveat says so.
import type { Database } from '../../db/database.ts';
import { asNodes, asRels } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { requireNode } from '../entities/entity-service.ts';
import { relTypes, windowParams, type TimeWindow } from '../graph/graph-model.ts';
import { pathFrom, type GPath } from '../control/control-service.ts';

export interface PathArgs {
  from: string; to: string; maxHops?: number | null; relationTypes?: string[] | null;
  minConfidence?: number | null; window?: TimeWindow | null; k?: number | null;
}
export interface FoundPath extends GPath { length: number; dnsOnly: boolean; lookupBased: boolean; caveat: string | null }

export function classify(p: GPath): { dnsOnly: boolean; lookupBased: boolean; caveat: string | null } {
  const lookups = p.edges.filter((e) => e.family === 'LOOKUP');
  const dns = p.edges.filter((e) => e.family === 'DNS');
  const other = p.edges.filter((e) => e.family !== 'LOOKUP' && e.family !== 'DNS' && !['CONTROL', 'NETWORK', 'STRUCTURE'].includes(e.family));
  const lookupBased = lookups.length > 0;
  const dnsOnly = lookups.length + dns.length > 0 && other.length === 0;
  let caveat: string | null = null;
  if (lookupBased) {
    const hops = lookups.map((e) => `${e.from?.key ?? e.fromId} looked up ${e.to?.key ?? e.toId}`).join('; ');
    caveat = `This connection rests on DNS lookups (${hops}). A lookup shows that a name was resolved, often by a recursive resolver on someone else's behalf; it is not evidence that the two parties communicated.`;
  } else if (dnsOnly) {
    caveat = 'This connection rests only on DNS records (names and addresses), not on any stated relationship between the parties.';
  }
  return { dnsOnly, lookupBased, caveat };
}

export async function paths(db: Database, a: PathArgs): Promise<FoundPath[]> {
  const maxHops = a.maxHops ?? 6;
  const k = a.k ?? 3;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 8) throw new AppError(ErrorCode.BAD_USER_INPUT, 'maxHops must be from 1 to 8.');
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new AppError(ErrorCode.BAD_USER_INPUT, 'k must be from 1 to 10.');
  const [from, to] = await Promise.all([requireNode(db, a.from), requireNode(db, a.to)]);
  if (from.id === to.id) throw new AppError(ErrorCode.BAD_USER_INPUT, 'from and to must be different entities.');
  const params = {
    fromId: from.id, toId: to.id, types: relTypes(a.relationTypes), minConfidence: a.minConfidence ?? 0, ...windowParams(a.window),
  };
  const rows = await db.readTx((tx) => runQuery(tx, 'paths', 'shortest-paths', params,
    (text) => text.replace('p = SHORTEST 1 (a)', `p = SHORTEST ${k} (a)`).replace('){1,8} (b)', `){1,${maxHops}} (b)`)), { caller: 'graphql:paths' });
  return rows
    .map((r) => pathFrom(asNodes(r.nodes), asRels(r.rels)))
    .map((p) => ({ ...p, length: p.edges.length, ...classify(p) }))
    .sort((x, y) => x.length - y.length || y.confidence - x.confidence);
}
