// Entities, search, neighbourhoods, cohosting and edge provenance: thin wrappers over the services.
import type { GraphQLContext } from '../context.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { search, neighborhood, nodeByKeyAndKind, normalizeEntityKey, relationshipsById, cohosted, type NeighborhoodArgs } from '../../domain/entities/entity-service.ts';
import { edgeSources } from '../../domain/graph/graph-model.ts';
import { nodeLoader, encodeCursor, decodeCursor, pageSize } from '../common/common-resolvers.ts';

export const entitiesResolvers = {
  Query: {
    async entity(_: unknown, a: { key: string; kind?: string | null }, ctx: GraphQLContext) {
      const find = (key: string) => (a.kind ? nodeByKeyAndKind(ctx.db, key, a.kind) : nodeLoader(ctx).load(key));
      // The key as given first (keys are case-sensitive in general), then as whoControls reads a name.
      const exact = await find(a.key);
      const norm = normalizeEntityKey(a.key);
      return exact ?? (norm !== a.key ? find(norm) : null);
    },
    async search(_: unknown, a: { text: string; kinds?: string[]; first?: number; after?: string }, ctx: GraphQLContext) {
      const first = pageSize(a.first, 200);
      const offset = decodeCursor(a.after);
      const page = await search(ctx.db, a.text, a.kinds, offset, first);
      const edges = page.nodes.map((node, i) => ({ cursor: encodeCursor(offset + i), node, score: page.scores[i] }));
      return { edges, pageInfo: { hasNextPage: page.hasNext, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
    },
    neighborhood: (_: unknown, a: NeighborhoodArgs, ctx: GraphQLContext) => neighborhood(ctx.db, a),
    async evidence(_: unknown, a: { relationshipId: string }, ctx: GraphQLContext) {
      const e = (await relationshipsById(ctx.db, [a.relationshipId])).get(a.relationshipId);
      if (!e) throw new AppError(ErrorCode.NOT_FOUND, `No relationship with id "${a.relationshipId}".`);
      return { edge: e, sources: edgeSources(e.props) };
    },
    async cohosted(_: unknown, a: { key: string }, ctx: GraphQLContext) {
      const list = await cohosted(ctx.db, a.key);
      return list.map((c) => ({ address: c.address, hosts: c.hosts, prefixNeighbours: c.neighbours }));
    },
  },
};
