// Shared scalars, the Node interface, edges with their provenance (sources loaded in one batch
// per request), role checks and cursors.
import DataLoader from 'dataloader';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { AppError, ErrorCode } from '../../errors.ts';
import { ENDPOINT_KINDS, NODE_KINDS } from '../../model/index.ts';
import type { Role } from '../../config.ts';
import { loader, type GraphQLContext } from '../context.ts';
import { edgeSources, type GNode, type GEdge, type EdgeSourceSlot } from '../../domain/graph/graph-model.ts';
import { sourcesByKey, nodesByKey } from '../../domain/entities/entity-service.ts';

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

export function requireRole(ctx: GraphQLContext, min: Role): void {
  if (RANK[ctx.role] < RANK[min]) throw new AppError(ErrorCode.FORBIDDEN, `This needs the ${min} role; you are ${ctx.role}.`);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}
export function decodeCursor(after: string | null | undefined): number {
  if (after == null) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(after, 'base64url').toString());
  if (!m) throw new AppError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor this API gave out.');
  return Number(m[1]) + 1;
}
export function pageSize(first: number | null | undefined, max = 500): number {
  const f = first ?? 20;
  if (!Number.isInteger(f) || f < 1 || f > max) throw new AppError(ErrorCode.BAD_USER_INPUT, `first must be from 1 to ${max}.`);
  return f;
}

export function sourceLoader(ctx: GraphQLContext): DataLoader<string, GNode | null> {
  return loader(ctx, 'sourcesByKey', () => new DataLoader<string, GNode | null>(async (keys) => {
    const m = await sourcesByKey(ctx.db, keys);
    return keys.map((k) => m.get(k) ?? null);
  }));
}
export function nodeLoader(ctx: GraphQLContext): DataLoader<string, GNode | null> {
  return loader(ctx, 'nodesByKey', () => new DataLoader<string, GNode | null>(async (keys) => {
    const m = await nodesByKey(ctx.db, keys);
    return keys.map((k) => m.get(k) ?? null);
  }));
}

function parseIso(v: unknown): string {
  if (typeof v !== 'string' || !Number.isFinite(Date.parse(v))) throw new AppError(ErrorCode.BAD_USER_INPUT, `Not an ISO-8601 time: ${JSON.stringify(v)}.`);
  return new Date(Date.parse(v)).toISOString();
}

function literal(ast: ValueNode, vars: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING: case Kind.BOOLEAN: return ast.value;
    case Kind.INT: case Kind.FLOAT: return Number(ast.value);
    case Kind.NULL: return null;
    case Kind.LIST: return ast.values.map((v) => literal(v, vars));
    case Kind.OBJECT: return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, vars)]));
    case Kind.VARIABLE: return vars?.[ast.name.value];
    default: return null;
  }
}

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, vars) => literal(ast, vars),
});

const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v == null ? null : typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v)),
  parseValue: parseIso,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new AppError(ErrorCode.BAD_USER_INPUT, 'DateTime must be an ISO-8601 string.');
    return parseIso(ast.value);
  },
});

// Kinds with an object type of their own in common.graphql; endpoint kinds resolve as OtherNode.
const CONCRETE: ReadonlySet<string> = new Set(NODE_KINDS.filter((k) => !(ENDPOINT_KINDS as readonly string[]).includes(k)));
const str = (v: unknown) => (v == null ? null : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : v == null || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null);

const nodeFields = { properties: (n: GNode) => n.props };

export const commonResolvers = {
  JSON: JSONScalar as unknown as Record<string, unknown>,
  DateTime: DateTimeScalar as unknown as Record<string, unknown>,
  Node: { __resolveType: (n: GNode) => (CONCRETE.has(n.kind) ? n.kind : 'OtherNode') },
  Domain: nodeFields, Host: nodeFields, Prefix: nodeFields, OtherNode: nodeFields,
  IP: { ...nodeFields, version: (n: GNode) => num(n.props.version) },
  ASN: { ...nodeFields, number: (n: GNode) => num(n.props.number ?? n.key.replace(/^AS/i, '')), country: (n: GNode) => str(n.props.country) },
  Organization: {
    ...nodeFields,
    aliases: (n: GNode) => (Array.isArray(n.props.aliases) ? n.props.aliases.map(String) : []),
    country: (n: GNode) => str(n.props.country), city: (n: GNode) => str(n.props.city),
  },
  Person: { ...nodeFields, email: (n: GNode) => str(n.props.email) },
  Source: {
    ...nodeFields,
    sourceKind: (n: GNode) => str(n.props.kind), title: (n: GNode) => str(n.props.title), url: (n: GNode) => str(n.props.url),
    publisher: (n: GNode) => str(n.props.publisher), date: (n: GNode) => str(n.props.date), datePrecision: (n: GNode) => str(n.props.datePrecision),
    reliability: (n: GNode) => num(n.props.reliability), synthetic: (n: GNode) => (n.props.synthetic == null ? null : n.props.synthetic === true),
  },
  Edge: {
    from: (e: GEdge) => e.from ?? null,
    to: (e: GEdge) => e.to ?? null,
    confidence: (e: GEdge) => num(e.props.confidence),
    validFrom: (e: GEdge) => str(e.props.validFrom), validTo: (e: GEdge) => str(e.props.validTo),
    firstSeen: (e: GEdge) => str(e.props.firstSeen), lastSeen: (e: GEdge) => str(e.props.lastSeen),
    count: (e: GEdge) => num(e.props.count),
    sources: (e: GEdge) => edgeSources(e.props),
    properties: (e: GEdge) => e.props,
  },
  EdgeSource: {
    key: (s: EdgeSourceSlot) => s.sourceKey,
    source: (s: EdgeSourceSlot, _: unknown, ctx: GraphQLContext) => sourceLoader(ctx).load(s.sourceKey),
  },
};
