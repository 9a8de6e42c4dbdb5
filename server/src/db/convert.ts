// Driver values → plain JSON-able objects. Nothing outside db/ sees a neo4j-driver type.
import { AppError, ErrorCode } from '../errors.ts';
import neo4j, { isInt, isNode, isRelationship, isPath, isDateTime, isDate, isLocalDateTime, isTime, isLocalTime, isDuration, isPoint } from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

export interface NodeDTO { id: string; labels: string[]; props: Record<string, Plain> }
export interface RelDTO { id: string; type: string; start: string; end: string; props: Record<string, Plain> }
export interface PathDTO { nodes: NodeDTO[]; rels: RelDTO[] }

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
  if (isNode(v)) return { id: v.elementId, labels: [...v.labels], props: props(v.properties) } as unknown as Plain;
  if (isRelationship(v)) {
    return { id: v.elementId, type: v.type, start: v.startNodeElementId, end: v.endNodeElementId, props: props(v.properties) } as unknown as Plain;
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

export function isNodeDTO(v: Plain): v is Plain & NodeDTO {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as Record<string, Plain>).labels) && 'props' in v;
}
