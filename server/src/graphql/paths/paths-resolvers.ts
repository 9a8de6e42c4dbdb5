import type { GraphQLContext } from '../context.ts';
import { paths, type PathArgs } from '../../domain/paths/path-service.ts';

export const pathsResolvers = {
  Query: {
    paths: (_: unknown, a: PathArgs, ctx: GraphQLContext) => paths(ctx.db, a),
  },
};
