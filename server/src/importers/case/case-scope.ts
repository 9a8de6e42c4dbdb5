// What every section of a case file is checked against while it is built: the ids seen so far
// and the reference rules. Sections are built in file-dependency order (sources, entities,
// record ids, then the records that cite them), so a lookup here sees everything it may cite.
import { ENTITY_KINDS, type EntityKind } from '../../model/index.ts';
import { parseCaseDate } from './case-dates.ts';
import { RECORD_KINDS, type CaseDate, type CaseEntity, type CaseRef, type Citation, type EntityKey, type RecordKind } from './case-model.ts';
import { networkKey } from './entity-keys.ts';
import type { PathSeg } from './yaml-locate.ts';

export interface BuildContext {
  report(path: PathSeg[], message: string, atKey?: boolean): void;
  lineOf(path: PathSeg[]): number;
}

// The data is read defensively: the schema check has already reported wrong shapes.
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
export const entityRefKey = (k: EntityKey) => `${k.kind}:${k.key}`;

export class CaseScope {
  readonly sourceIds = new Set<string>();
  /** Entities by `Kind:key`, parties (Organization, Person) also by id. */
  readonly byKey = new Map<string, CaseEntity>();
  readonly byId = new Map<string, CaseEntity>();
  readonly recordIds: Record<RecordKind, Set<string>> = {
    Relationship: new Set(), Claim: new Set(), Event: new Set(), Hypothesis: new Set(), Evidence: new Set(),
  };

  constructor(readonly ctx: BuildContext) {}

  /** A date, or undefined; reports a date-shaped value that is not a valid date (the schema reports the rest). */
  date(path: PathSeg[], v: unknown): CaseDate | undefined {
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    const r = parseCaseDate(v);
    if (r.ok) return r.date;
    if (r.shape) this.ctx.report(path, r.message);
    return undefined;
  }

  unique(section: string, ids: Set<string>, id: string | undefined, path: PathSeg[]): void {
    if (id === undefined) return;
    if (ids.has(id)) this.ctx.report(path, `duplicate ${section} id "${id}"`);
    ids.add(id);
  }

  sourceRef(path: PathSeg[], v: unknown): void {
    const id = str(v);
    if (id !== undefined && !this.sourceIds.has(id)) this.ctx.report(path, `unknown source "${id}" (not in sources)`);
  }

  citations(path: PathSeg[], v: unknown): Citation[] {
    return list(v).filter(isObj).map((c, i) => {
      this.sourceRef([...path, i, 'source'], c.source);
      return { source: str(c.source) ?? '', confidence: num(c.confidence), ...(str(c.ref) ? { ref: str(c.ref) } : {}) };
    });
  }

  entityRef(path: PathSeg[], v: unknown): EntityKey | undefined {
    return this.resolve(path, v, false) as EntityKey | undefined;
  }

  refs(path: PathSeg[], v: unknown): CaseRef[] {
    return list(v).map((r, i) => this.resolve([...path, i], r, true)).filter((r): r is CaseRef => r !== undefined);
  }

  /** `Kind:key`, `Record:id` or a bare id (party or record), reported when dangling or ambiguous. */
  private resolve(path: PathSeg[], v: unknown, records: boolean): CaseRef | undefined {
    const text = str(v);
    if (text === undefined) return undefined;
    const colon = text.indexOf(':');
    const prefix = colon > 0 ? text.slice(0, colon) : '';
    const rest = text.slice(colon + 1);
    if ((ENTITY_KINDS as readonly string[]).includes(prefix)) return this.entityByKey(path, text, prefix as EntityKind, rest);
    if ((RECORD_KINDS as readonly string[]).includes(prefix)) {
      const kind = prefix as RecordKind;
      if (!records) this.ctx.report(path, `"${text}" must reference an entity, not a ${kind}`);
      else if (!this.recordIds[kind].has(rest)) this.ctx.report(path, `dangling reference "${text}": no ${kind} with id "${rest}"`);
      else return { kind, key: rest };
      return undefined;
    }
    const hits: CaseRef[] = [];
    const party = this.byId.get(text);
    if (party) hits.push({ kind: party.kind, key: party.key });
    if (records) for (const kind of RECORD_KINDS) if (this.recordIds[kind].has(text)) hits.push({ kind, key: text });
    if (hits.length === 1) return hits[0];
    if (hits.length === 0) this.ctx.report(path, `dangling reference "${text}": no entity or record with that id`);
    else this.ctx.report(path, `ambiguous reference "${text}": write it as ${hits.map((h) => `${h.kind}:${h.key}`).join(' or ')}`);
    return undefined;
  }

  /** A party may be named by its id; every entity by its normalized network key. */
  private entityByKey(path: PathSeg[], text: string, kind: EntityKind, rest: string): CaseRef | undefined {
    const tries = kind === 'Organization' || kind === 'Person' ? [rest] : [];
    const k = networkKey(kind, rest);
    if (k.ok) tries.push(k.key);
    for (const key of tries) if (this.byKey.has(`${kind}:${key}`)) return { kind, key };
    this.ctx.report(path, `dangling reference "${text}": no ${kind} entity with that key in this file`);
    return undefined;
  }
}
