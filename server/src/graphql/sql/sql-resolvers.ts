import type { GraphQLContext } from '../context.ts';
import type { CypherFile } from '../../cypher/cypher-file.ts';
import { requireRole } from '../common/common-resolvers.ts';
import { eventStore, liveSources } from '../../events/event-store.ts';
import { runEventSql } from '../../events/event-sql.ts';
import { sqlParams } from '../../events/sql-params.ts';
import { isSqlInvestigation } from '../../domain/investigations/sql-investigation.ts';

export const sqlResolvers = {
  Query: {
    async sql(_: unknown, a: { query: string; params?: unknown }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      const params = sqlParams(a.params as Record<string, unknown> | null | undefined);
      return runEventSql(eventStore(ctx.cfg), a.query, { sources: await liveSources(ctx.db), params, limits: ctx.cfg.console, caller: 'graphql:sql' });
    },
  },
  Investigation: {
    language: (f: CypherFile) => (isSqlInvestigation(f) ? 'sql' : 'cypher'),
  },
};
