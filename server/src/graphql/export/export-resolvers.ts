import type { GraphQLContext } from '../context.ts';
import { exportSubgraph, type ExportFormat, type Selection } from '../../domain/export/export-service.ts';

export const exportResolvers = {
  Query: {
    export: (_: unknown, a: { selection: Selection; format: ExportFormat }, ctx: GraphQLContext) => exportSubgraph(ctx.db, a.selection, a.format),
  },
};
