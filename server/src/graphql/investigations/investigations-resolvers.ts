import type { GraphQLContext } from '../context.ts';
import { listInvestigationFiles, runSavedInvestigation, type LibraryFile } from '../../domain/investigations/investigation-library.ts';
import { saveInvestigation, type SaveRequest } from '../../domain/investigations/user-library.ts';
import { schemaVocabulary } from '../../domain/investigations/schema-vocabulary.ts';
import { checkCypher } from '../../domain/investigations/cypher-diagnostics.ts';
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
    investigations: (_: unknown, __: unknown, ctx: GraphQLContext) => listInvestigationFiles(ctx.cfg),
    runInvestigation: (_: unknown, a: { name: string; params?: unknown }, ctx: GraphQLContext) =>
      runSavedInvestigation(ctx.db, ctx.cfg, a.name, objectParams(a.params), ctx.cfg.console, eventStore(ctx.cfg)), // event store (issue 13)
    cypher(_: unknown, a: { query: string; params?: unknown }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      return runConsole(ctx.db, ctx.cfg, a.query, objectParams(a.params));
    },
    schemaVocabulary(_: unknown, __: unknown, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      return schemaVocabulary(ctx.db);
    },
    checkCypher(_: unknown, a: { query: string; params?: unknown }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      if (a.query.length > 100_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'query is limited to 100000 characters.');
      return checkCypher(ctx.db, a.query, objectParams(a.params), ctx.cfg.console.timeoutMs);
    },
  },
  Mutation: {
    reloadInvestigations(_: unknown, __: unknown, ctx: GraphQLContext) {
      requireRole(ctx, 'admin');
      return listInvestigationFiles(ctx.cfg, true).length;
    },
    saveInvestigation(_: unknown, a: { input: SaveRequest & { params?: unknown } }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      return saveInvestigation(ctx.db, ctx.cfg, { ...a.input, params: objectParams(a.input.params) });
    },
  },
  Investigation: {
    cypher: (f: LibraryFile) => f.statements.join(';\n'),
    origin: (f: LibraryFile) => f.origin ?? 'bundled',
    shadows: (f: LibraryFile) => !!f.shadows,
    params: (f: LibraryFile) => f.params.map((p) => ({ name: p.name, type: p.type, default: p.default ?? null, required: p.default === undefined, description: p.description ?? null })),
  },
};
