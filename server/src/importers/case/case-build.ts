// Semantic checks the schema cannot express, and the normalized model. Runs even when the
// schema found problems (so the user gets every error at once); it reads the data defensively
// and stays silent about anything the schema already reported.
import type { SourceKind } from '../types.ts';
import { ENTITY_KINDS, REL_TYPES, type EntityKind, type PropValue, type RelType } from '../../model/index.ts';
import { endsBeforeStart, parseCaseDate } from './case-dates.ts';
import {
  RECORD_KINDS,
  type CaseClaim, type CaseDate, type CaseEntity, type CaseEvent, type CaseEvidence, type CaseFile,
  type CaseHypothesis, type CaseRef, type CaseRelationship, type CaseSource, type Citation,
  type EntityKey, type EvidenceLink, type RecordKind,
} from './case-model.ts';
import { networkKey } from './entity-keys.ts';
import { describeRule, isAllowed } from './relationship-rules.ts';
import type { PathSeg } from './yaml-locate.ts';

export interface BuildContext {
  report(path: PathSeg[], message: string, atKey?: boolean): void;
  lineOf(path: PathSeg[]): number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const entityRefKey = (k: EntityKey) => `${k.kind}:${k.key}`;

export function buildCase(data: unknown, fileName: string, ctx: BuildContext): CaseFile {
  const root = isObj(data) ? data : {};
  const date = (path: PathSeg[], v: unknown): CaseDate | undefined => {
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    const r = parseCaseDate(v);
    if (r.ok) return r.date;
    if (r.shape) ctx.report(path, r.message);
    return undefined;
  };
  const unique = (section: string, ids: Set<string>, id: string | undefined, path: PathSeg[]) => {
    if (id === undefined) return;
    if (ids.has(id)) ctx.report(path, `duplicate ${section} id "${id}"`);
    ids.add(id);
  };

  const head = isObj(root.case) ? root.case : {};
  const caseHeader = {
    id: str(head.id) ?? '', title: str(head.title) ?? '', summary: str(head.summary) ?? '',
    created: date(['case', 'created'], head.created) ?? { iso: '', precision: 'day' as const, text: '' },
  };

  // Sources first: everything else cites them.
  const sourceIds = new Set<string>();
  const sources: CaseSource[] = list(root.sources).filter(isObj).map((s, i) => {
    unique('source', sourceIds, str(s.id), ['sources', i, 'id']);
    return {
      id: str(s.id) ?? '', kind: s.kind as SourceKind, title: str(s.title) ?? '', url: str(s.url),
      publisher: str(s.publisher), date: date(['sources', i, 'date'], s.date),
      retrieved: date(['sources', i, 'retrieved'], s.retrieved), reliability: num(s.reliability),
      notes: str(s.notes), line: ctx.lineOf(['sources', i]),
    };
  });
  const sourceRef = (path: PathSeg[], v: unknown) => {
    const id = str(v);
    if (id !== undefined && !sourceIds.has(id)) ctx.report(path, `unknown source "${id}" (not in sources)`);
  };
  const citations = (path: PathSeg[], v: unknown): Citation[] =>
    list(v).filter(isObj).map((c, i) => {
      sourceRef([...path, i, 'source'], c.source);
      return { source: str(c.source) ?? '', confidence: num(c.confidence), ...(str(c.ref) ? { ref: str(c.ref) } : {}) };
    });

  // Entities: keys by kind, ids for parties.
  const byKey = new Map<string, CaseEntity>();
  const byId = new Map<string, CaseEntity>();
  const entities: CaseEntity[] = [];
  list(root.entities).forEach((raw, i) => {
    if (!isObj(raw)) return;
    const kind = raw.kind as EntityKind;
    const name = str(raw.name);
    if (!ENTITY_KINDS.includes(kind) || name === undefined) return;
    const party = kind === 'Organization' || kind === 'Person';
    const explicitId = str(raw.id);
    if (explicitId !== undefined && !party) {
      ctx.report(['entities', i, 'id'], `only Organization and Person entities take an id; refer to a ${kind} as ${kind}:<name>`, true);
    }
    const k = party && explicitId !== undefined ? { ok: true as const, key: explicitId } : networkKey(kind, name);
    if (!k.ok) {
      ctx.report(['entities', i, 'name'], k.message);
      return;
    }
    const e: CaseEntity = {
      kind, key: k.key, ...(party ? { id: k.key } : {}), name,
      aliases: list(raw.aliases).filter((a): a is string => typeof a === 'string'),
      props: (isObj(raw.props) ? raw.props : {}) as Record<string, PropValue>,
      ...(str(raw.notes) ? { notes: str(raw.notes) } : {}),
      sources: citations(['entities', i, 'sources'], raw.sources), line: ctx.lineOf(['entities', i]),
    };
    const rk = entityRefKey(e);
    if (byKey.has(rk)) {
      ctx.report(['entities', i, 'name'], `duplicate entity ${rk} (first on line ${byKey.get(rk)!.line})`);
      return;
    }
    byKey.set(rk, e);
    if (party) {
      if (byId.has(e.key)) ctx.report(['entities', i, explicitId ? 'id' : 'name'], `duplicate entity id "${e.key}"`);
      else byId.set(e.key, e);
    }
    entities.push(e);
  });

  // Record ids, collected before any reference is resolved (events may cite later claims).
  const recordIds: Record<RecordKind, Set<string>> = {
    Relationship: new Set(), Claim: new Set(), Event: new Set(), Hypothesis: new Set(), Evidence: new Set(),
  };
  const sections: [string, RecordKind][] = [
    ['relationships', 'Relationship'], ['claims', 'Claim'], ['events', 'Event'], ['hypotheses', 'Hypothesis'], ['evidence', 'Evidence'],
  ];
  for (const [section, kind] of sections) {
    list(root[section]).forEach((r, i) => {
      if (isObj(r)) unique(kind.toLowerCase(), recordIds[kind], str(r.id), [section, i, 'id']);
    });
  }

  const resolve = (path: PathSeg[], v: unknown, records: boolean): CaseRef | undefined => {
    const text = str(v);
    if (text === undefined) return undefined;
    const colon = text.indexOf(':');
    const prefix = colon > 0 ? text.slice(0, colon) : '';
    const rest = text.slice(colon + 1);
    if ((ENTITY_KINDS as readonly string[]).includes(prefix)) {
      const kind = prefix as EntityKind;
      const tries = kind === 'Organization' || kind === 'Person' ? [rest] : [];
      const k = networkKey(kind, rest);
      if (k.ok) tries.push(k.key);
      for (const key of tries) if (byKey.has(`${kind}:${key}`)) return { kind, key };
      ctx.report(path, `dangling reference "${text}": no ${kind} entity with that key in this file`);
      return undefined;
    }
    if ((RECORD_KINDS as readonly string[]).includes(prefix)) {
      const kind = prefix as RecordKind;
      if (!records) ctx.report(path, `"${text}" must reference an entity, not a ${kind}`);
      else if (!recordIds[kind].has(rest)) ctx.report(path, `dangling reference "${text}": no ${kind} with id "${rest}"`);
      else return { kind, key: rest };
      return undefined;
    }
    const hits: CaseRef[] = [];
    const party = byId.get(text);
    if (party) hits.push({ kind: party.kind, key: party.key });
    if (records) for (const kind of RECORD_KINDS) if (recordIds[kind].has(text)) hits.push({ kind, key: text });
    if (hits.length === 1) return hits[0];
    if (hits.length === 0) ctx.report(path, `dangling reference "${text}": no entity or record with that id`);
    else ctx.report(path, `ambiguous reference "${text}": write it as ${hits.map((h) => `${h.kind}:${h.key}`).join(' or ')}`);
    return undefined;
  };
  const entityRef = (path: PathSeg[], v: unknown) => resolve(path, v, false) as EntityKey | undefined;
  const refs = (path: PathSeg[], v: unknown) =>
    list(v).map((r, i) => resolve([...path, i], r, true)).filter((r): r is CaseRef => r !== undefined);

  const relationships: CaseRelationship[] = [];
  list(root.relationships).forEach((r, i) => {
    if (!isObj(r)) return;
    const p: PathSeg[] = ['relationships', i];
    const from = entityRef([...p, 'from'], r.from);
    const to = entityRef([...p, 'to'], r.to);
    const type = r.type as RelType;
    const known = REL_TYPES.includes(type);
    if (known && from && to && !isAllowed(type, from.kind, to.kind)) {
      ctx.report([...p, 'type'], `${type} is not allowed from ${from.kind} to ${to.kind}; allowed: ${describeRule(type)}`);
    }
    const validFrom = date([...p, 'validFrom'], r.validFrom);
    const validTo = date([...p, 'validTo'], r.validTo);
    if (validFrom && validTo && endsBeforeStart(validFrom, validTo)) {
      ctx.report([...p, 'validTo'], `validTo ${validTo.text} is before validFrom ${validFrom.text}`);
    }
    const asOf = date([...p, 'asOf'], r.asOf);
    const sourcesOf = citations([...p, 'sources'], r.sources);
    if (!from || !to || !known) return;
    relationships.push({
      ...(str(r.id) ? { id: str(r.id) } : {}), type, from, to,
      ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}), ...(asOf ? { asOf } : {}),
      ...(str(r.notes) ? { notes: str(r.notes) } : {}), sources: sourcesOf, line: ctx.lineOf(p),
    });
  });

  const claims: CaseClaim[] = [];
  list(root.claims).forEach((c, i) => {
    if (!isObj(c)) return;
    const p: PathSeg[] = ['claims', i];
    const subject = entityRef([...p, 'subject'], c.subject);
    sourceRef([...p, 'source'], c.source);
    const d = date([...p, 'date'], c.date);
    if (!subject) return;
    claims.push({
      id: str(c.id) ?? '', subject, attribute: str(c.attribute) ?? '', value: c.value as CaseClaim['value'],
      ...(str(c.unit) ? { unit: str(c.unit) } : {}), source: str(c.source) ?? '', confidence: num(c.confidence),
      ...(d ? { date: d } : {}), ...(str(c.quote) ? { quote: str(c.quote) } : {}),
      ...(str(c.notes) ? { notes: str(c.notes) } : {}), line: ctx.lineOf(p),
    });
  });

  const hypotheses: CaseHypothesis[] = list(root.hypotheses).filter(isObj).map((h, i) => {
    const proponents = list(h.proponents).filter((x): x is string => typeof x === 'string');
    proponents.forEach((s, j) => sourceRef(['hypotheses', i, 'proponents', j], s));
    return {
      id: str(h.id) ?? '', title: str(h.title) ?? '', description: str(h.description) ?? '',
      proponents, line: ctx.lineOf(['hypotheses', i]),
    };
  });

  const evidence: CaseEvidence[] = list(root.evidence).filter(isObj).map((e, i) => {
    const p: PathSeg[] = ['evidence', i];
    const links: EvidenceLink[] = list(e.links).filter(isObj).map((l, j) => {
      const h = str(l.hypothesis);
      if (h !== undefined && !recordIds.Hypothesis.has(h)) ctx.report([...p, 'links', j, 'hypothesis'], `unknown hypothesis "${h}"`);
      return { hypothesis: h ?? '', effect: l.effect as EvidenceLink['effect'], weight: num(l.weight), rationale: str(l.rationale) ?? '' };
    });
    return {
      id: str(e.id) ?? '', title: str(e.title) ?? '', description: str(e.description) ?? '',
      kind: e.kind as CaseEvidence['kind'], refs: refs([...p, 'refs'], e.refs), missing: e.missing === true,
      links, line: ctx.lineOf(p),
    };
  });

  const events: CaseEvent[] = [];
  list(root.events).forEach((ev, i) => {
    if (!isObj(ev)) return;
    const p: PathSeg[] = ['events', i];
    sourceRef([...p, 'source'], ev.source);
    const d = date([...p, 'date'], ev.date);
    const r = refs([...p, 'refs'], ev.refs);
    if (!d) return;
    events.push({
      id: str(ev.id) ?? '', date: d, title: str(ev.title) ?? '',
      ...(str(ev.description) ? { description: str(ev.description) } : {}),
      refs: r, source: str(ev.source) ?? '', confidence: num(ev.confidence), line: ctx.lineOf(p),
    });
  });

  return { fileName, case: caseHeader, sources, entities, relationships, claims, hypotheses, evidence, events };
}
