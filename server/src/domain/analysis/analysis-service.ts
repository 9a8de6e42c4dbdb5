// The analysis layer: claims side by side, the competing-hypotheses matrix, analysts' notes,
// claims and evidence links.
//
// Scoring (ACH after Heuer: hypotheses are ranked by how much evidence speaks against them):
//   credibility(e)  = highest confidence of the claims/events the evidence refers to / 100,
//                     or 1 when it refers to none (a fact stated by the case);
//   support(h)      = Σ weight × credibility over evidence that supports h;
//   inconsistency(h)= Σ weight × credibility over evidence that contradicts h;
//   score(h)        = support − 2 × inconsistency (contradictions count double).
// Missing evidence (missing: true) never scores; it is listed as what to look for.
// Evidence discriminates when its effect (no link = neutral) is not the same on every hypothesis.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { NodeDTO, Plain } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { requireNode } from '../entities/entity-service.ts';
import { toNode, type GNode } from '../graph/graph-model.ts';

export interface ClaimView { node: GNode; source: GNode | null }
export interface ClaimGroup { subjectKey: string; attribute: string; conflicting: boolean; values: string[]; claims: ClaimView[] }

export async function claims(db: Database, subject: string | null | undefined): Promise<ClaimGroup[]> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'claims', { subject: subject ?? null }), { caller: 'graphql:claims' });
  const groups = new Map<string, ClaimGroup>();
  for (const r of rows) {
    const node = toNode(r.cl as unknown as NodeDTO);
    const sk = String(node.props.subjectKey ?? ''), attr = String(node.props.attribute ?? '');
    const k = `${sk}\u0000${attr}`;
    const g = groups.get(k) ?? { subjectKey: sk, attribute: attr, conflicting: false, values: [], claims: [] };
    g.claims.push({ node, source: r.s ? toNode(r.s as unknown as NodeDTO) : null });
    const v = String(node.props.value ?? '');
    if (!g.values.includes(v)) g.values.push(v);
    groups.set(k, g);
  }
  for (const g of groups.values()) g.conflicting = g.values.length > 1;
  return [...groups.values()];
}

/** Every loaded case, oldest first. */
export async function cases(db: Database): Promise<GNode[]> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'cases', {}), { caller: 'graphql:cases' });
  return rows.map((r) => toNode(r.c as unknown as NodeDTO));
}

export type Effect = 'supports' | 'contradicts' | 'neutral';
export interface Link { hypothesis: string; effect: Effect; weight: number; rationale: string | null; author: string | null }
export interface EvidenceRow { evidence: GNode; credibility: number; missing: boolean; discriminating: boolean; links: Link[] }
export interface HypothesisScore { hypothesis: GNode; support: number; inconsistency: number; score: number; rank: number }
export interface Matrix { caseNode: GNode; hypotheses: HypothesisScore[]; evidence: EvidenceRow[] }

export async function hypotheses(db: Database, caseRef: string): Promise<Matrix> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'hypotheses', { case: caseRef.startsWith('case:') ? caseRef : caseRef }), { caller: 'graphql:hypotheses' });
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No case "${caseRef}".`);
  const r = rows[0];
  const hyps = (r.hypotheses as unknown as NodeDTO[]).map(toNode);
  const ev = (r.evidence as unknown as { evidence: NodeDTO; credibility: number | null; links: Record<string, Plain>[] }[]).map((x) => {
    const node = toNode(x.evidence);
    const links: Link[] = x.links.map((l) => ({
      hypothesis: String(l.hypothesis), effect: String(l.effect) as Effect, weight: Number(l.weight ?? 1),
      rationale: l.rationale == null ? null : String(l.rationale), author: l.author == null ? null : String(l.author),
    }));
    const effects = new Set(hyps.map((h) => links.find((l) => l.hypothesis === h.key)?.effect ?? 'neutral'));
    const missing = node.props.missing === true;
    return { evidence: node, credibility: x.credibility == null ? 1 : Number(x.credibility) / 100, missing, discriminating: !missing && effects.size > 1, links };
  });
  const scores = hyps.map((h) => {
    let support = 0, inconsistency = 0;
    for (const e of ev) {
      if (e.missing) continue;
      for (const l of e.links) {
        if (l.hypothesis !== h.key) continue;
        if (l.effect === 'supports') support += l.weight * e.credibility;
        if (l.effect === 'contradicts') inconsistency += l.weight * e.credibility;
      }
    }
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return { hypothesis: h, support: round(support), inconsistency: round(inconsistency), score: round(support - 2 * inconsistency), rank: 0 };
  });
  [...scores].sort((a, b) => b.score - a.score || a.inconsistency - b.inconsistency).forEach((s, i) => { s.rank = i + 1; });
  return { caseNode: toNode(r.c as unknown as NodeDTO), hypotheses: scores, evidence: ev };
}

export function authorOf(role: string): { authorKey: string; authorName: string } {
  return { authorKey: `analyst:${role}`, authorName: role };
}

export async function addNote(db: Database, author: string, key: string, text: string): Promise<{ note: GNode; about: GNode }> {
  if (!text.trim() || text.length > 20_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'text must be 1 to 20000 characters.');
  const t = await requireNode(db, key);
  const rows = await db.writeTx((tx) => runQuery(tx, 'analysis', 'add-note', { targetId: t.id, key: `note:${randomUUID()}`, text, ...authorOf(author) }), { caller: 'graphql:addNote' });
  return { note: toNode(rows[0].n as unknown as NodeDTO), about: toNode(rows[0].t as unknown as NodeDTO) };
}

export interface AddClaimArgs { subject: string; attribute: string; value: string; confidence: number; quote?: string | null; caseKey?: string | null }

/**
 * A case named as `cases` lists it (its id, e.g. "2016-mail1-trump-email") or by its key
 * ("case:2016-mail1-trump-email"). An unknown case is an error: filing a claim in no case
 * without a word loses it from the case's analysis.
 */
export async function resolveCaseKey(db: Database, ref: string): Promise<string> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'case-by-ref', { ref: ref.trim() }), { caller: 'graphql:addClaim:case' });
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No case "${ref}" (the \`cases\` query lists their ids).`);
  return String(rows[0].key);
}

export async function addClaim(db: Database, author: string, a: AddClaimArgs): Promise<ClaimView> {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(a.attribute)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'attribute must be an identifier (letters, digits, _; up to 64).');
  if (!Number.isInteger(a.confidence) || a.confidence < 0 || a.confidence > 100) throw new AppError(ErrorCode.BAD_USER_INPUT, 'confidence must be a whole number from 0 to 100.');
  const t = await requireNode(db, a.subject);
  const caseKey = a.caseKey == null || a.caseKey === '' ? null : await resolveCaseKey(db, a.caseKey);
  const rows = await db.writeTx((tx) => runQuery(tx, 'analysis', 'add-claim', {
    targetId: t.id, subjectKey: t.key, subjectKind: t.kind, key: `claim:analyst:${randomUUID()}`, attribute: a.attribute,
    value: a.value, confidence: a.confidence, quote: a.quote ?? null, caseKey, ...authorOf(author),
  }), { caller: 'graphql:addClaim' });
  return { node: toNode(rows[0].cl as unknown as NodeDTO), source: toNode(rows[0].s as unknown as NodeDTO) };
}

export interface EvidenceLinkArgs { evidence: string; hypothesis: string; effect: Effect; weight: number; rationale: string }

export async function addEvidenceLink(db: Database, author: string, a: EvidenceLinkArgs): Promise<{ evidence: GNode; hypothesis: GNode; link: Link }> {
  if (!['supports', 'contradicts', 'neutral'].includes(a.effect)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'effect must be supports, contradicts or neutral.');
  if (!Number.isInteger(a.weight) || a.weight < 1 || a.weight > 5) throw new AppError(ErrorCode.BAD_USER_INPUT, 'weight must be a whole number from 1 to 5.');
  const rows = await db.writeTx((tx) => runQuery(tx, 'analysis', 'add-evidence-link', { ...a, ...authorOf(author) }), { caller: 'graphql:addEvidenceLink' });
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No evidence "${a.evidence}" or no hypothesis "${a.hypothesis}".`);
  const { authorKey } = authorOf(author);
  return {
    evidence: toNode(rows[0].e as unknown as NodeDTO), hypothesis: toNode(rows[0].h as unknown as NodeDTO),
    link: { hypothesis: a.hypothesis, effect: a.effect, weight: a.weight, rationale: a.rationale, author: authorKey },
  };
}
