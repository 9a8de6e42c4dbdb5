import type { GraphQLContext } from '../context.ts';
import type { CypherFile } from '../../cypher/cypher-file.ts';
import { listInvestigationFiles, runSavedInvestigation } from '../../domain/investigations/investigation-library.ts';
import { runConsole } from '../../domain/console/cypher-console.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { requireRole } from '../common/common-resolvers.ts';
import { eventStore } from '../../events/event-store.ts';

function objectParams(p: unknown): Record<string, unknown> {
  if (p == null) return {};
  if (typeof p !== 'object' || Array.isArray(p)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'params must be a JSON object.');
  return p as Record<string, unknown>;
}

export const investigationsResolvers = {
  Query: {
    investigations: (_: unknown, __: unknown, ctx: GraphQLContext) => listInvestigationFiles(ctx.cfg.repoRoot),
    runInvestigation: (_: unknown, a: { name: string; params?: unknown }, ctx: GraphQLContext) =>
      runSavedInvestigation(ctx.db, ctx.cfg.repoRoot, a.name, objectParams(a.params), ctx.cfg.console, eventStore(ctx.cfg)), // event store (issue 13)
    cypher(_: unknown, a: { query: string; params?: unknown }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      return runConsole(ctx.db, ctx.cfg, a.query, objectParams(a.params));
    },
  },
  Mutation: {
    reloadInvestigations(_: unknown, __: unknown, ctx: GraphQLContext) {
      requireRole(ctx, 'admin');
      return listInvestigationFiles(ctx.cfg.repoRoot, true).length;
    },
  },
  Investigation: {
    cypher: (f: CypherFile) => f.statements.join(';\n'),
    params: (f: CypherFile) => f.params.map((p) => ({ name: p.name, type: p.type, default: p.default ?? null, required: p.default === undefined, description: p.description ?? null })),
  },
};
