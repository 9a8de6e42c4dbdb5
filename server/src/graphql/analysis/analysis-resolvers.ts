import type { GraphQLContext } from '../context.ts';
import { caseOverview, cases, claims, hypotheses, addNote, addClaim, addEvidenceLink, type ClaimView, type Effect } from '../../domain/analysis/analysis-service.ts';
import { requireRole } from '../common/common-resolvers.ts';
import type { GNode } from '../../domain/graph/graph-model.ts';

export const analysisResolvers = {
  Query: {
    cases: (_: unknown, __: unknown, ctx: GraphQLContext) => cases(ctx.db),
    claims: (_: unknown, a: { key?: string | null }, ctx: GraphQLContext) => claims(ctx.db, a.key),
    async hypotheses(_: unknown, a: { case: string }, ctx: GraphQLContext) {
      const m = await hypotheses(ctx.db, a.case);
      return { case: m.caseNode, hypotheses: m.hypotheses, evidence: m.evidence };
    },
  },
  Mutation: {
    async addNote(_: unknown, a: { key: string; text: string }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      const r = await addNote(ctx.db, ctx.role, a.key, a.text);
      return { key: r.note.key, text: r.note.props.text, author: r.note.props.author, createdAt: r.note.props.createdAt, about: r.about };
    },
    addClaim(_: unknown, a: { subject: string; attribute: string; value: string; confidence: number; quote?: string | null; case?: string | null }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      return addClaim(ctx.db, ctx.role, { ...a, caseKey: a.case ?? null });
    },
    async addEvidenceLink(_: unknown, a: { evidence: string; hypothesis: string; effect: Effect; weight: number; rationale: string }, ctx: GraphQLContext) {
      requireRole(ctx, 'analyst');
      return (await addEvidenceLink(ctx.db, ctx.role, a)).link;
    },
  },
  Case: {
    id: (c: GNode) => String(c.props.id ?? c.key.replace(/^case:/, '')),
    title: (c: GNode) => String(c.props.title ?? c.key),
    summary: (c: GNode) => (c.props.summary == null ? null : String(c.props.summary)),
    created: (c: GNode) => c.props.created ?? null,
    subject: async (c: GNode, _: unknown, ctx: GraphQLContext) => (await caseOverview(ctx.db, c.key)).subject,
    sources: async (c: GNode, _: unknown, ctx: GraphQLContext) => (await caseOverview(ctx.db, c.key)).sources,
  },
  Claim: {
    key: (c: ClaimView) => c.node.key,
    attribute: (c: ClaimView) => String(c.node.props.attribute ?? ''),
    value: (c: ClaimView) => String(c.node.props.value ?? ''),
    confidence: (c: ClaimView) => (typeof c.node.props.confidence === 'number' ? c.node.props.confidence : null),
    date: (c: ClaimView) => c.node.props.date ?? null,
    quote: (c: ClaimView) => c.node.props.quote ?? null,
    ref: (c: ClaimView) => c.node.props.ref ?? null,
    source: (c: ClaimView) => c.source,
  },
};
