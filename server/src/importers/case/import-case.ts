// Import a case file: validate everything first (a file with any error writes nothing), then
// write its cited sources, entities and relationships (through the same GraphWriter as every
// importer, so provenance has one shape), and the analysis layer: claims, hypotheses, evidence
// and timeline events. Re-importing the same file is a no-op (ledger); every write is a MERGE.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { internalStatement } from '../../cypher/statement-files.ts';
import { parseCaseFile } from './parse-case-file.ts';
import { caseToRows } from './case-to-rows.ts';
import type { CaseFile, CaseRef } from './case-model.ts';
import { GraphWriter } from '../pipeline/graph-writer.ts';
import { assertHeld, explainFailure, fenceMetadata, fencedWrite, type ImportFence } from '../pipeline/lock-fence.ts';
import { ledgerFinish, ledgerGet, ledgerStart } from '../pipeline/ledger.ts';
import { sha256File } from '../pipeline/read-input.ts';
import type { ImportSummary } from '../pipeline/import-file.ts';
import type { EdgeRow } from '../types.ts';
import type { PropValue } from '../../model/index.ts';
import { WRITE_ANALYSIS_CYPHER } from './analysis-cypher.ts';

export interface CaseImportOptions { reportDir: string; batchSize: number; writers: number; fence?: ImportFence }

/** Key of a cited document's Source node. Ids are global: the same id in two cases is one document. */
export const docKey = (id: string) => `doc:${id}`;
const recKey = (caseId: string, kind: string, id: string) => `${kind.toLowerCase()}:${caseId}:${id}`;

/** A reference as (label, key) for MATCH; entity labels and record labels both come from fixed lists. */
function refRow(caseId: string, r: CaseRef): { label: string; key: string } {
  switch (r.kind) {
    case 'Claim': case 'Event': case 'Hypothesis': case 'Evidence':
      return { label: r.kind, key: recKey(caseId, r.kind, r.key) };
    case 'Relationship':
      return { label: 'Relationship', key: r.key };
    default:
      return { label: r.kind, key: r.key };
  }
}

export function formatCaseErrors(errors: { file: string; line: number; column: number; path: string; message: string }[]): string {
  return errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.path ? e.path + ': ' : ''}${e.message}`).join('\n');
}

export async function importCaseFile(db: Database, file: string, o: CaseImportOptions): Promise<ImportSummary> {
  try {
    return await importCase(db, file, o);
  } catch (e) {
    throw await explainFailure(db, o.fence, e);
  }
}

async function importCase(db: Database, file: string, o: CaseImportOptions): Promise<ImportSummary> {
  const t0 = Date.now();
  const st = await stat(file).catch(() => null);
  if (!st?.isFile()) throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: no such file.`);
  const sha = await sha256File(file);
  const name = path.basename(file);
  const base = { file, format: 'case' as const, lines: 0, nodesCreated: 0, edgeRows: 0, batchesSkipped: 0, firstRejects: [], notes: [] as string[] };
  const done = await ledgerGet(db, sha);
  if (done?.status === 'done') {
    return { ...base, status: 'unchanged', sourceKey: done.sourceKey, records: 0, rejects: 0, notes: ['already imported (same sha256): nothing to do'], seconds: (Date.now() - t0) / 1000, writeSeconds: 0 };
  }
  const parsed = parseCaseFile(await readFile(file, 'utf8'), file);
  if (!parsed.ok) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${name} is not a valid case file (${parsed.errors.length} error(s)); nothing was written:\n${formatCaseErrors(parsed.errors)}`, { details: { errors: parsed.errors } });
  }
  const cf = parsed.caseFile;
  const caseId = cf.case.id;
  const sourceKey = `case:${caseId}:${name}`;
  await ledgerStart(db, {
    key: sha, sourceKey, sourceName: name, path: name, format: 'case', status: 'running', bytes: st.size, lines: 0,
    prefixSha: sha, fromByte: 0, fromLine: 0, flushAt: 0, batchSize: o.batchSize, gz: false,
  }, { key: sourceKey, kind: 'analyst', name, title: `Case file ${name}: ${cf.case.title}`, sha256: sha, size: st.size, format: 'case', reliability: 100, synthetic: false }, o.fence);

  await writeSources(db, cf, o.fence);
  const rows = caseToRows(cf);
  const edges: EdgeRow[] = rows.edges.map((e) => {
    // The cited document is the edge's source; the case file is where the citation was made.
    const { source, sourceRef, ...props } = (e.props ?? {}) as Record<string, PropValue>;
    return { ...e, source: docKey(String(source)), refText: `${name}:${e.ref}${sourceRef ? ` (${sourceRef})` : ''}`, props };
  });
  const writer = new GraphWriter({ db, sourceKey, refName: name, confidence: 50, segment: sha, batchSize: o.batchSize, writers: o.writers, fence: o.fence });
  await writer.writeNodesAndFacts({ entities: rows.entities, edges });
  await writeAnalysis(db, cf, sourceKey, name, o.fence);

  const records = rows.entities.length + rows.edges.length + cf.claims.length + cf.hypotheses.length + cf.evidence.length + cf.events.length;
  await ledgerFinish(db, sha, { bytes: st.size, lines: 0, prefixSha: sha, records, rejects: 0 }, o.fence);
  return {
    ...base, status: 'imported', sourceKey, records, rejects: 0,
    nodesCreated: writer.stats.nodesCreated, edgeRows: writer.stats.edgeRows, seconds: (Date.now() - t0) / 1000, writeSeconds: (Date.now() - t0) / 1000,
  };
}

async function writeSources(db: Database, cf: CaseFile, fence?: ImportFence): Promise<void> {
  const rows = cf.sources.map((s) => ({
    key: docKey(s.id), id: s.id, kind: s.kind, title: s.title, url: s.url ?? null, publisher: s.publisher ?? null,
    date: s.date?.iso ?? null, datePrecision: s.date?.precision ?? null, retrievedAt: s.retrieved?.iso ?? null,
    reliability: s.reliability, notes: s.notes ?? null, synthetic: s.kind === 'synthetic',
  }));
  const params = { rows, caseKey: `case:${cf.case.id}` };
  await fencedWrite(db, fence, internalStatement('case', 'case-sources', params), params, { caller: 'import:case:sources' });
}

async function writeAnalysis(db: Database, cf: CaseFile, fileSourceKey: string, name: string, fence?: ImportFence): Promise<void> {
  const id = cf.case.id;
  const refs = (list: CaseRef[]) => list.map((r) => refRow(id, r));
  const params = {
    caseRow: { key: `case:${id}`, id, title: cf.case.title, summary: cf.case.summary, created: cf.case.created.iso, fileSource: fileSourceKey },
    claims: cf.claims.map((c) => ({
      key: recKey(id, 'Claim', c.id), id: c.id, attribute: c.attribute, value: String(c.value), valueType: typeof c.value,
      unit: c.unit ?? null, source: docKey(c.source), confidence: c.confidence, date: c.date?.iso ?? null,
      quote: c.quote ?? null, notes: c.notes ?? null, ref: `${name}:${c.line}`, subject: refRow(id, c.subject),
    })),
    hypotheses: cf.hypotheses.map((h) => ({
      key: recKey(id, 'Hypothesis', h.id), id: h.id, title: h.title, description: h.description,
      proponents: h.proponents.map(docKey), ref: `${name}:${h.line}`,
    })),
    evidence: cf.evidence.map((e) => ({
      key: recKey(id, 'Evidence', e.id), id: e.id, title: e.title, description: e.description, kind: e.kind, missing: e.missing,
      ref: `${name}:${e.line}`, refs: refs(e.refs),
      links: e.links.map((l) => ({ hypothesis: recKey(id, 'Hypothesis', l.hypothesis), effect: l.effect, weight: l.weight, rationale: l.rationale })),
    })),
    events: cf.events.map((e) => ({
      key: recKey(id, 'Event', e.id), id: e.id, date: e.date.iso, precision: e.date.precision, title: e.title,
      description: e.description ?? null, source: docKey(e.source), confidence: e.confidence, ref: `${name}:${e.line}`, refs: refs(e.refs),
    })),
  };
  await db.writeTx(async (tx) => {
    await assertHeld(tx, fence);
    for (const stmt of WRITE_ANALYSIS_CYPHER) await tx.run(stmt, params);
  }, { caller: 'import:case:analysis', timeoutMs: 120_000, metadata: fenceMetadata(fence) });
}
