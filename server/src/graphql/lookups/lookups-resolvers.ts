import type { GraphQLContext } from '../context.ts';
import { queriers, timeline, officeHours, firstLookups, type GroupBy, type BucketSize, type Window, type QuerierGroup } from '../../domain/lookups/lookup-service.ts';
import { lookupWindowCounts } from '../../domain/lookups/window-counts.ts';
import { eventStore } from '../../events/event-store.ts';
import { encodeCursor, decodeCursor, pageSize } from '../common/common-resolvers.ts';

interface HostArgs { host: string; window?: Window | null; groupBy?: GroupBy; timeZone?: string }

export const lookupsResolvers = {
  Query: {
    async queriers(_: unknown, a: HostArgs & { first?: number; after?: string }, ctx: GraphQLContext) {
      const first = pageSize(a.first, 500);
      const offset = decodeCursor(a.after);
      const r = await queriers(ctx.db, eventStore(ctx.cfg), a.host, a.window, a.groupBy ?? 'IP');
      const page = r.groups.slice(offset, offset + first);
      const edges = page.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
      return { total: r.total, edges, pageInfo: { hasNextPage: offset + first < r.groups.length, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
    },
    timeline: (_: unknown, a: HostArgs & { bucket?: BucketSize }, ctx: GraphQLContext) =>
      timeline(ctx.db, eventStore(ctx.cfg), a.host, a.window, a.bucket ?? 'DAY', a.groupBy ?? 'NONE', a.timeZone ?? 'UTC'),
    officeHours: (_: unknown, a: HostArgs, ctx: GraphQLContext) =>
      officeHours(ctx.db, eventStore(ctx.cfg), a.host, a.window, a.groupBy ?? 'ORGANIZATION', a.timeZone ?? 'UTC'),
    async firstLookups(_: unknown, a: { host: string; limit?: number }, ctx: GraphQLContext) {
      const list = await firstLookups(ctx.db, a.host, a.limit ?? 10);
      return list.map((f) => ({ ...f, organization: f.org }));
    },
    lookupWindowCounts: (_: unknown, a: { edgeIds: string[]; window?: Window | null }, ctx: GraphQLContext) =>
      lookupWindowCounts(ctx.db, eventStore(ctx.cfg), a.edgeIds, a.window),
  },
  QuerierGroup: { entity: (g: QuerierGroup) => g.node },
};
