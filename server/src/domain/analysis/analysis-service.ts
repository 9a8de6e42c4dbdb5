// The analysis layer: claims side by side, the competing-hypotheses matrix, analysts' notes,
// claims and evidence links.
//
// Scoring has ONE definition: cypher/investigations/hypothesis-matrix.cypher, the file the CLI's
// `query hypothesis-matrix` runs. The API runs that same file for the scores and ranks, so the UI,
// the CLI and docs/case-2016.md cannot disagree:
//   score(h)         = Σ weight of present evidence that supports h − Σ weight that contradicts h;
//   inconsistency(h) = Σ weight that contradicts h (ties in score: less inconsistency ranks first);
//   open(h)          = Σ weight of missing evidence bearing on h (what finding it could move).
// credibility(e)  = highest confidence of the claims/events the evidence refers to / 100 (1 when
//                   none) is shown beside the evidence; it does not enter the score.
// Diagnosticity(e) = max − min of its signed weights over the hypotheses (no link = 0), as in the
// file. Evidence *discriminates* when it tells hypotheses apart in the ACH sense: it contradicts at
// least one hypothesis and not all of them (support alone rarely rules anything out).
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { asNode, asNodes, asList, asMap } from '../../db/convert.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runQuery } from '../queries/query-library.ts';
import { requireNode } from '../entities/entity-service.ts';
import { toNode, type GNode } from '../graph/graph-model.ts';
import { runSavedInvestigation } from '../investigations/investigation-library.ts';
import { REPO_ROOT } from '../../config.ts';

export interface ClaimView { node: GNode; source: GNode | null }
export interface ClaimGroup { subjectKey: string; attribute: string; conflicting: boolean; values: string[]; claims: ClaimView[] }

export async function claims(db: Database, subject: string | null | undefined): Promise<ClaimGroup[]> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'claims', { subject: subject ?? null }), { caller: 'graphql:claims' });
  const groups = new Map<string, ClaimGroup>();
  for (const r of rows) {
    const node = toNode(asNode(r.cl));
    const sk = String(node.props.subjectKey ?? ''), attr = String(node.props.attribute ?? '');
    const k = `${sk}\u0000${attr}`;
    const g = groups.get(k) ?? { subjectKey: sk, attribute: attr, conflicting: false, values: [], claims: [] };
    g.claims.push({ node, source: r.s ? toNode(asNode(r.s)) : null });
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
  return rows.map((r) => toNode(asNode(r.c)));
}

/** What the start view shows of a case: its subject host and the sources it cites. */
export async function caseOverview(db: Database, caseKey: string): Promise<{ subject: string | null; sources: GNode[] }> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'case-overview', { caseKey }), { caller: 'graphql:case-overview' });
  const r = rows[0];
  if (!r) return { subject: null, sources: [] };
  return { subject: r.subject == null ? null : String(r.subject), sources: (r.sources == null ? [] : asNodes(r.sources)).map(toNode) };
}

export type Effect = 'supports' | 'contradicts' | 'neutral';
export interface Link { hypothesis: string; effect: Effect; weight: number; rationale: string | null; author: string | null }
export interface EvidenceRow { evidence: GNode; credibility: number; missing: boolean; discriminating: boolean; diagnosticity: number; links: Link[] }
export interface HypothesisScore { hypothesis: GNode; support: number; inconsistency: number; score: number; rank: number; openWeight: number }
export interface Matrix { caseNode: GNode; hypotheses: HypothesisScore[]; evidence: EvidenceRow[] }

export async function hypotheses(db: Database, caseRef: string): Promise<Matrix> {
  const rows = await db.readTx((tx) => runQuery(tx, 'analysis', 'hypotheses', { case: caseRef.startsWith('case:') ? caseRef : caseRef }), { caller: 'graphql:hypotheses' });
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No case "${caseRef}".`);
  const r = rows[0];
  const hyps = asNodes(r.hypotheses).map(toNode);
  const ev = asList(r.evidence).map(asMap).map((x) => {
    const node = toNode(asNode(x.evidence));
    const links: Link[] = asList(x.links).map(asMap).map((l) => ({
      hypothesis: String(l.hypothesis), effect: String(l.effect) as Effect, weight: Number(l.weight ?? 1),
      rationale: l.rationale == null ? null : String(l.rationale), author: l.author == null ? null : String(l.author),
    }));
    const missing = node.props.missing === true;
    const signed = hyps.map((h) => {
      const l = links.find((x) => x.hypothesis === h.key);
      return !l ? 0 : l.effect === 'supports' ? l.weight : l.effect === 'contradicts' ? -l.weight : 0;
    });
    const against = hyps.filter((h) => links.some((l) => l.hypothesis === h.key && l.effect === 'contradicts')).length;
    return {
      evidence: node, credibility: x.credibility == null ? 1 : Number(x.credibility) / 100, missing,
      discriminating: !missing && against > 0 && against < hyps.length,
      diagnosticity: signed.length ? Math.max(...signed) - Math.min(...signed) : 0, links,
    };
  });
  const caseNode = toNode(asNode(r.c));
  const caseId = String(caseNode.props.id ?? caseNode.key.replace(/^case:/, ''));
  const run = await runSavedInvestigation(db, REPO_ROOT, 'hypothesis-matrix', { caseId }, { maxRows: 200, maxBytes: 4_000_000, timeoutMs: 60_000 });
  const byId = new Map(run.rows.map((row, i) => [String(row.hypothesis), { row, rank: i + 1 }]));
  const scores = hyps.map((h) => {
    const hit = byId.get(String(h.props.id ?? h.key.split(':').pop()));
    const n = (v: unknown) => Number(v ?? 0);
    return {
      hypothesis: h, support: n(hit?.row.forWeight), inconsistency: n(hit?.row.inconsistency), score: n(hit?.row.score),
      openWeight: n(hit?.row.openWeight), rank: hit?.rank ?? hyps.length,
    };
  });
  return { caseNode, hypotheses: scores, evidence: ev };
}

export function authorOf(role: string): { authorKey: string; authorName: string } {
  return { authorKey: `analyst:${role}`, authorName: role };
}

export async function addNote(db: Database, author: string, key: string, text: string): Promise<{ note: GNode; about: GNode }> {
  if (!text.trim() || text.length > 20_000) throw new AppError(ErrorCode.BAD_USER_INPUT, 'text must be 1 to 20000 characters.');
  const t = await requireNode(db, key);
  const rows = await db.writeTx((tx) => runQuery(tx, 'analysis', 'add-note', { targetId: t.id, key: `note:${randomUUID()}`, text, ...authorOf(author) }), { caller: 'graphql:addNote' });
  return { note: toNode(asNode(rows[0].n)), about: toNode(asNode(rows[0].t)) };
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
  return { node: toNode(asNode(rows[0].cl)), source: toNode(asNode(rows[0].s)) };
}

export interface EvidenceLinkArgs { evidence: string; hypothesis: string; effect: Effect; weight: number; rationale: string }

export async function addEvidenceLink(db: Database, author: string, a: EvidenceLinkArgs): Promise<{ evidence: GNode; hypothesis: GNode; link: Link }> {
  if (!['supports', 'contradicts', 'neutral'].includes(a.effect)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'effect must be supports, contradicts or neutral.');
  if (!Number.isInteger(a.weight) || a.weight < 1 || a.weight > 5) throw new AppError(ErrorCode.BAD_USER_INPUT, 'weight must be a whole number from 1 to 5.');
  const rows = await db.writeTx((tx) => runQuery(tx, 'analysis', 'add-evidence-link', { ...a, ...authorOf(author) }), { caller: 'graphql:addEvidenceLink' });
  if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No evidence "${a.evidence}" or no hypothesis "${a.hypothesis}".`);
  const { authorKey } = authorOf(author);
  return {
    evidence: toNode(asNode(rows[0].e)), hypothesis: toNode(asNode(rows[0].h)),
    link: { hypothesis: a.hypothesis, effect: a.effect, weight: a.weight, rationale: a.rationale, author: authorKey },
  };
}
