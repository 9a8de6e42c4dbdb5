// Driver values → plain JSON-able objects. Nothing outside db/ sees a neo4j-driver type.
import { AppError, ErrorCode } from '../errors.ts';
import neo4j, { isInt, isNode, isRelationship, isPath, isDateTime, isDate, isLocalDateTime, isTime, isLocalTime, isDuration, isPoint } from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

// Type aliases, not interfaces: they are Plain values themselves (an interface has no index signature).
export type NodeDTO = { id: string; labels: string[]; props: Record<string, Plain> };
export type RelDTO = { id: string; type: string; start: string; end: string; props: Record<string, Plain> };
export type PathDTO = { nodes: NodeDTO[]; rels: RelDTO[] };

function props(p: Record<string, unknown>): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const k of Object.keys(p)) out[k] = toPlain(p[k]);
  return out;
}

export function toPlain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return v as Plain;
  // JSON has no Infinity or NaN (JSON.stringify would print null): they travel as text.
  if (t === 'number') return Number.isFinite(v) ? v as number : String(v);
  if (t === 'bigint') return Number(v);
  if (isInt(v)) {
    // Counts and ids fit in 2^53; anything larger keeps its exact digits as text.
    return neo4j.integer.inSafeRange(v) ? v.toNumber() : v.toString();
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (isNode(v)) return { id: v.elementId, labels: [...v.labels], props: props(v.properties) } satisfies NodeDTO;
  if (isRelationship(v)) {
    return { id: v.elementId, type: v.type, start: v.startNodeElementId, end: v.endNodeElementId, props: props(v.properties) } satisfies RelDTO;
  }
  if (isPath(v)) {
    const nodes = [toPlain(v.start)];
    const rels: Plain[] = [];
    for (const seg of v.segments) {
      rels.push(toPlain(seg.relationship));
      nodes.push(toPlain(seg.end));
    }
    return { nodes, rels };
  }
  if (isDateTime(v)) {
    // Stored times are UTC; the driver knows the offset (or zone) and gives the instant.
    const d = v.toStandardDate();
    if (Number.isNaN(d.getTime())) {
      // Neo4j allows years up to ±999,999,999; the API's DateTime (JavaScript's Date) ±275,760.
      throw new AppError(ErrorCode.BAD_USER_INPUT, `The result holds the date-time ${String(v)}, outside the range the API can return (years -271821 to 275760).`);
    }
    return d.toISOString();
  }
  if (isDate(v) || isLocalDateTime(v) || isTime(v) || isLocalTime(v) || isDuration(v) || isPoint(v)) return String(v);
  if (t === 'object') return props(v as Record<string, unknown>);
  return String(v);
}

export function isNodeDTO(v: Plain): v is NodeDTO {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray(v.labels) && 'props' in v;
}

function isRelDTO(v: Plain): v is RelDTO {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.type === 'string' && typeof v.start === 'string' && 'props' in v;
}

// Readers of a result column a statement promises to hold a node, relationship, list or map: the
// domain services take typed values from untyped rows without casts, and a statement that breaks
// its promise fails loudly here rather than as a wrong answer further on.
const broken = (what: string, v: Plain) => new AppError(ErrorCode.INTERNAL, `A query result held ${JSON.stringify(v)?.slice(0, 80)} where ${what} was expected.`);

export function asNode(v: Plain): NodeDTO {
  if (!isNodeDTO(v)) throw broken('a node', v);
  return v;
}

export function asRel(v: Plain): RelDTO {
  if (!isRelDTO(v)) throw broken('a relationship', v);
  return v;
}

export function asList(v: Plain): Plain[] {
  if (!Array.isArray(v)) throw broken('a list', v);
  return v;
}

export function asMap(v: Plain): { [k: string]: Plain } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw broken('a map', v);
  return v;
}

export const asNodes = (v: Plain): NodeDTO[] => asList(v).map(asNode);
export const asRels = (v: Plain): RelDTO[] => asList(v).map(asRel);

export function asPath(v: Plain): PathDTO {
  const m = asMap(v);
  return { nodes: asNodes(m.nodes), rels: asRels(m.rels) };
}
