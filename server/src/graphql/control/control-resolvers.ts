import type { GraphQLContext } from '../context.ts';
import { whoControls } from '../../domain/control/control-service.ts';

export const controlResolvers = {
  Query: {
    whoControls: (_: unknown, a: { name: string; at?: string | null; minConfidence?: number | null }, ctx: GraphQLContext) =>
      whoControls(ctx.db, a.name, a.at, a.minConfidence),
  },
};
