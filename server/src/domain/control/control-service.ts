// Who controls a name or address. The Cypher finds every role path; here paths are grouped by
// (role, party) and ranked:
//   path confidence = the lowest hop confidence on the path (a chain is as strong as its weakest
//   link; a product would punish long but well-sourced chains twice, once per hop and once by
//   role), and
//   score = role strength × path confidence / 100, role strengths below.
// The best path of each (role, party) is returned with the others as alternatives.
// The paths come from the bundled investigation cypher/investigations/who-controls.cypher, the
// same file `infragraph query who-controls` runs: one definition of roles, directions and time.
import type { Database } from '../../db/database.ts';
import { asPath } from '../../db/convert.ts';
import type { NodeDTO, RelDTO } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { requireNode } from '../entities/entity-service.ts';
import { toNode, toEdge, isoOrNull, type GNode, type GEdge } from '../graph/graph-model.ts';

export const ROLE_STRENGTH: Record<string, number> = {
  REGISTRANT: 1.0,
  ADMINISTRATOR: 0.95,
  HOSTING_OPERATOR: 0.85,
  DNS_OPERATOR: 0.8,
  CONTRACTED_OPERATOR: 0.7,
  NETWORK_OPERATOR: 0.6,
  REGISTRAR: 0.5,
};

export interface GPath { nodes: GNode[]; edges: GEdge[]; confidence: number }
export interface Controller { role: string; party: GNode; confidence: number; score: number; path: GPath; alternatives: GPath[] }

export function pathFrom(nodesDto: NodeDTO[], relsDto: RelDTO[]): GPath {
  const nodes = nodesDto.map(toNode);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = relsDto.map((r) => toEdge(r, byId));
  const confidence = edges.length ? Math.min(...edges.map((e) => Number(e.props.confidence ?? 0))) : 100;
  return { nodes, edges, confidence };
}

const pathKey = (p: GPath) => p.nodes.map((n) => n.key).join('\u0000');

export async function whoControls(db: Database, name: string, at?: string | null, minConfidence?: number | null): Promise<{ subject: GNode; controllers: Controller[] }> {
  const subject = await requireNode(db, name.trim().toLowerCase().replace(/\.$/, ''));
  if (!['Host', 'Domain', 'IP'].includes(subject.kind)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `whoControls takes a host name, domain or IP address; "${name}" is a ${subject.kind}.`);
  }
  const mc = minConfidence ?? 0;
  if (mc < 0 || mc > 100) throw new AppError(ErrorCode.BAD_USER_INPUT, 'minConfidence must be from 0 to 100.');
  const rows = await db.readTx((tx) => runQuery(tx, 'investigations', 'who-controls', {
    name: subject.key, at: isoOrNull(at, 'at'), minConfidence: Math.ceil(mc), limit: 1000,
  }), { caller: 'graphql:whoControls' });
  const groups = new Map<string, { role: string; party: GNode; paths: GPath[] }>();
  for (const r of rows) {
    const p = asPath(r.path);
    const path = pathFrom(p.nodes, p.rels);
    const party = path.nodes[path.nodes.length - 1];
    const role = String(r.role);
    const k = `${role}\u0000${party.id}`;
    const g = groups.get(k) ?? { role, party, paths: [] };
    g.paths.push(path);
    groups.set(k, g);
  }
  const controllers = [...groups.values()].map((g) => {
    const sorted = g.paths.sort((a, b) => b.confidence - a.confidence || a.edges.length - b.edges.length || pathKey(a).localeCompare(pathKey(b)));
    const best = sorted[0];
    return { role: g.role, party: g.party, confidence: best.confidence, score: Math.round((ROLE_STRENGTH[g.role] ?? 0.1) * best.confidence * 100) / 10_000, path: best, alternatives: sorted.slice(1) };
  });
  controllers.sort((a, b) => b.score - a.score || a.party.key.localeCompare(b.party.key));
  return { subject, controllers };
}
