// Semantic checks the schema cannot express, and the normalized model. Runs even when the
// schema found problems (so the user gets every error at once); it reads the data defensively
// and stays silent about anything the schema already reported.
import type { SourceKind } from '../types.ts';
import { ENTITY_KINDS, REL_TYPES, type EntityKind, type PropValue, type RelType } from '../../model/index.ts';
import { endsBeforeStart } from './case-dates.ts';
import type {
  CaseClaim, CaseEntity, CaseEvent, CaseEvidence, CaseFile, CaseHeader, CaseHypothesis, CaseRelationship, CaseSource,
  EvidenceLink, RecordKind,
} from './case-model.ts';
import { CaseScope, entityRefKey, isObj, list, num, str, type BuildContext, type Obj } from './case-scope.ts';
import { networkKey } from './entity-keys.ts';
import { describeRule, isAllowed } from './relationship-rules.ts';
import type { PathSeg } from './yaml-locate.ts';

export function buildCase(data: unknown, fileName: string, ctx: BuildContext): CaseFile {
  const root = isObj(data) ? data : {};
  const s = new CaseScope(ctx);
  // The order matters: each step sees the ids of the steps before it, and reports come out in this order.
  const caseHeader = buildHeader(root, s);
  const sources = buildSources(root, s);
  const entities = buildEntities(root, s);
  collectRecordIds(root, s);
  const relationships = buildRelationships(root, s);
  const claims = buildClaims(root, s);
  const hypotheses = buildHypotheses(root, s);
  const evidence = buildEvidence(root, s);
  const events = buildEvents(root, s);
  return { fileName, case: caseHeader, sources, entities, relationships, claims, hypotheses, evidence, events };
}

function buildHeader(root: Obj, s: CaseScope): CaseHeader {
  const head = isObj(root.case) ? root.case : {};
  return {
    id: str(head.id) ?? '', title: str(head.title) ?? '', summary: str(head.summary) ?? '',
    created: s.date(['case', 'created'], head.created) ?? { iso: '', precision: 'day' as const, text: '' },
  };
}

/** Sources first: everything else cites them. */
function buildSources(root: Obj, s: CaseScope): CaseSource[] {
  return list(root.sources).filter(isObj).map((src, i) => {
    s.unique('source', s.sourceIds, str(src.id), ['sources', i, 'id']);
    return {
      id: str(src.id) ?? '', kind: src.kind as SourceKind, title: str(src.title) ?? '', url: str(src.url),
      publisher: str(src.publisher), date: s.date(['sources', i, 'date'], src.date),
      retrieved: s.date(['sources', i, 'retrieved'], src.retrieved), reliability: num(src.reliability),
      notes: str(src.notes), line: s.ctx.lineOf(['sources', i]),
    };
  });
}

/** Entities: keys by kind, ids for parties. */
function buildEntities(root: Obj, s: CaseScope): CaseEntity[] {
  const entities: CaseEntity[] = [];
  list(root.entities).forEach((raw, i) => {
    if (!isObj(raw)) return;
    const e = buildEntity(raw, i, s);
    if (e !== undefined) entities.push(e);
  });
  return entities;
}

/** One entity, registered in the scope; undefined when it is invalid or a duplicate key. */
function buildEntity(raw: Obj, i: number, s: CaseScope): CaseEntity | undefined {
  const kind = raw.kind as EntityKind;
  const name = str(raw.name);
  if (!ENTITY_KINDS.includes(kind) || name === undefined) return undefined;
  const party = kind === 'Organization' || kind === 'Person';
  const explicitId = str(raw.id);
  if (explicitId !== undefined && !party) {
    s.ctx.report(['entities', i, 'id'], `only Organization and Person entities take an id; refer to a ${kind} as ${kind}:<name>`, true);
  }
  const k = party && explicitId !== undefined ? { ok: true as const, key: explicitId } : networkKey(kind, name);
  if (!k.ok) {
    s.ctx.report(['entities', i, 'name'], k.message);
    return undefined;
  }
  const e: CaseEntity = {
    kind, key: k.key, ...(party ? { id: k.key } : {}), name,
    aliases: list(raw.aliases).filter((a): a is string => typeof a === 'string'),
    props: (isObj(raw.props) ? raw.props : {}) as Record<string, PropValue>,
    ...(str(raw.notes) ? { notes: str(raw.notes) } : {}),
    sources: s.citations(['entities', i, 'sources'], raw.sources), line: s.ctx.lineOf(['entities', i]),
  };
  const rk = entityRefKey(e);
  const first = s.byKey.get(rk);
  if (first !== undefined) {
    s.ctx.report(['entities', i, 'name'], `duplicate entity ${rk} (first on line ${first.line})`);
    return undefined;
  }
  s.byKey.set(rk, e);
  if (party) {
    if (s.byId.has(e.key)) s.ctx.report(['entities', i, explicitId ? 'id' : 'name'], `duplicate entity id "${e.key}"`);
    else s.byId.set(e.key, e);
  }
  return e;
}

const RECORD_SECTIONS: [string, RecordKind][] = [
  ['relationships', 'Relationship'], ['claims', 'Claim'], ['events', 'Event'], ['hypotheses', 'Hypothesis'], ['evidence', 'Evidence'],
];

/** Record ids, collected before any reference is resolved (events may cite later claims). */
function collectRecordIds(root: Obj, s: CaseScope): void {
  for (const [section, kind] of RECORD_SECTIONS) {
    list(root[section]).forEach((r, i) => {
      if (isObj(r)) s.unique(kind.toLowerCase(), s.recordIds[kind], str(r.id), [section, i, 'id']);
    });
  }
}

function buildRelationships(root: Obj, s: CaseScope): CaseRelationship[] {
  const relationships: CaseRelationship[] = [];
  list(root.relationships).forEach((r, i) => {
    if (!isObj(r)) return;
    const p: PathSeg[] = ['relationships', i];
    const from = s.entityRef([...p, 'from'], r.from);
    const to = s.entityRef([...p, 'to'], r.to);
    const type = r.type as RelType;
    const known = REL_TYPES.includes(type);
    if (known && from && to && !isAllowed(type, from.kind, to.kind)) {
      s.ctx.report([...p, 'type'], `${type} is not allowed from ${from.kind} to ${to.kind}; allowed: ${describeRule(type)}`);
    }
    const validFrom = s.date([...p, 'validFrom'], r.validFrom);
    const validTo = s.date([...p, 'validTo'], r.validTo);
    if (validFrom && validTo && endsBeforeStart(validFrom, validTo)) {
      s.ctx.report([...p, 'validTo'], `validTo ${validTo.text} is before validFrom ${validFrom.text}`);
    }
    const asOf = s.date([...p, 'asOf'], r.asOf);
    const sourcesOf = s.citations([...p, 'sources'], r.sources);
    if (!from || !to || !known) return;
    relationships.push({
      ...(str(r.id) ? { id: str(r.id) } : {}), type, from, to,
      ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}), ...(asOf ? { asOf } : {}),
      ...(str(r.notes) ? { notes: str(r.notes) } : {}), sources: sourcesOf, line: s.ctx.lineOf(p),
    });
  });
  return relationships;
}

function buildClaims(root: Obj, s: CaseScope): CaseClaim[] {
  const claims: CaseClaim[] = [];
  list(root.claims).forEach((c, i) => {
    if (!isObj(c)) return;
    const p: PathSeg[] = ['claims', i];
    const subject = s.entityRef([...p, 'subject'], c.subject);
    s.sourceRef([...p, 'source'], c.source);
    const d = s.date([...p, 'date'], c.date);
    if (!subject) return;
    claims.push({
      id: str(c.id) ?? '', subject, attribute: str(c.attribute) ?? '', value: c.value as CaseClaim['value'],
      ...(str(c.unit) ? { unit: str(c.unit) } : {}), source: str(c.source) ?? '', confidence: num(c.confidence),
      ...(d ? { date: d } : {}), ...(str(c.quote) ? { quote: str(c.quote) } : {}),
      ...(str(c.notes) ? { notes: str(c.notes) } : {}), line: s.ctx.lineOf(p),
    });
  });
  return claims;
}

function buildHypotheses(root: Obj, s: CaseScope): CaseHypothesis[] {
  return list(root.hypotheses).filter(isObj).map((h, i) => {
    const proponents = list(h.proponents).filter((x): x is string => typeof x === 'string');
    proponents.forEach((src, j) => s.sourceRef(['hypotheses', i, 'proponents', j], src));
    return {
      id: str(h.id) ?? '', title: str(h.title) ?? '', description: str(h.description) ?? '',
      proponents, line: s.ctx.lineOf(['hypotheses', i]),
    };
  });
}

function buildEvidence(root: Obj, s: CaseScope): CaseEvidence[] {
  return list(root.evidence).filter(isObj).map((e, i) => {
    const p: PathSeg[] = ['evidence', i];
    const links: EvidenceLink[] = list(e.links).filter(isObj).map((l, j) => {
      const h = str(l.hypothesis);
      if (h !== undefined && !s.recordIds.Hypothesis.has(h)) s.ctx.report([...p, 'links', j, 'hypothesis'], `unknown hypothesis "${h}"`);
      return { hypothesis: h ?? '', effect: l.effect as EvidenceLink['effect'], weight: num(l.weight), rationale: str(l.rationale) ?? '' };
    });
    return {
      id: str(e.id) ?? '', title: str(e.title) ?? '', description: str(e.description) ?? '',
      kind: e.kind as CaseEvidence['kind'], refs: s.refs([...p, 'refs'], e.refs), missing: e.missing === true,
      links, line: s.ctx.lineOf(p),
    };
  });
}

function buildEvents(root: Obj, s: CaseScope): CaseEvent[] {
  const events: CaseEvent[] = [];
  list(root.events).forEach((ev, i) => {
    if (!isObj(ev)) return;
    const p: PathSeg[] = ['events', i];
    s.sourceRef([...p, 'source'], ev.source);
    const d = s.date([...p, 'date'], ev.date);
    const r = s.refs([...p, 'refs'], ev.refs);
    if (!d) return;
    events.push({
      id: str(ev.id) ?? '', date: d, title: str(ev.title) ?? '',
      ...(str(ev.description) ? { description: str(ev.description) } : {}),
      refs: r, source: str(ev.source) ?? '', confidence: num(ev.confidence), line: s.ctx.lineOf(p),
    });
  });
  return events;
}
