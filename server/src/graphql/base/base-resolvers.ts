import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toAppError } from '../../errors.ts';
import type { GraphQLContext } from '../context.ts';

const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../../package.json'), 'utf8')) as { version: string };

export const baseResolvers = {
  Query: {
    async health(_: unknown, __: unknown, ctx: GraphQLContext) {
      try {
        await ctx.db.ping();
        return { status: 'ok', database: true, databaseError: null };
      } catch (e) {
        return { status: 'degraded', database: false, databaseError: toAppError(e).code };
      }
    },
    async version(_: unknown, __: unknown, ctx: GraphQLContext) {
      try {
        const info = await ctx.db.serverInfo();
        return { app: pkg.version, neo4j: `${info.version} ${info.edition}`, address: info.address };
      } catch {
        return { app: pkg.version, neo4j: null, address: ctx.db.uri };
      }
    },
  },
  Mutation: {
    ping: () => true,
  },
};
