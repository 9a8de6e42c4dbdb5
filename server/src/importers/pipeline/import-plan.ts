// Deciding what an import of a file has to do, from the ledger: nothing (the same file read the
// same way and it produced records), resume an interrupted run, read only what a grown file
// appended (or the last line a live log had half-written), or replace an earlier import whose
// options differ or that produced nothing.
import type { Database } from '../../db/database.ts';
import { sha256File } from './read-input.ts';
import { ledgerBySourceName, ledgerGet, type LedgerEntry } from './ledger.ts';

export type ImportStatus = 'imported' | 'appended' | 'resumed' | 'replaced' | 'unchanged';

export interface PlanInput {
  file: string;
  sha: string;
  size: number;
  gz: boolean;
  /** Line formats can be resumed mid-file; others are read whole. */
  lineMode: boolean;
  refName: string;
  sourceName: string;
  format: string;
  optionsKey: string;
  flushAt: number;
  batchSize: number;
  /** --replace: an earlier import of this file is removed and the file imported anew. */
  replace: boolean;
}

export type ImportPlan =
  | { action: 'skip'; entry: LedgerEntry; notes: string[] }
  | { action: 'run'; entry: LedgerEntry; status: Exclude<ImportStatus, 'unchanged'>; notes: string[]; removeSource?: string };

function fresh(p: PlanInput): LedgerEntry {
  return {
    key: p.sha, sourceKey: `src:${p.sha.slice(0, 16)}`, sourceName: p.sourceName, path: p.refName, format: p.format, status: 'running',
    bytes: 0, lines: 0, prefixSha: '', fromByte: 0, fromLine: 0, flushAt: p.flushAt, batchSize: p.batchSize, gz: p.gz,
    options: p.optionsKey,
  };
}

/** Entries written before options were recorded compare on what they did record. */
function sameOptions(e: LedgerEntry, p: PlanInput): boolean {
  if (e.options) return e.options === p.optionsKey;
  return e.format === p.format && e.sourceName === p.sourceName;
}

function describe(e: LedgerEntry): string {
  try {
    const o = JSON.parse(e.options ?? '') as { format: string; map: Record<string, string> | null; sourceName: string };
    const map = o.map ? ` --map ${Object.entries(o.map).map(([k, v]) => `${k}=${v}`).join(',')}` : '';
    return `--format ${o.format}${map} --source-name "${o.sourceName}"`;
  } catch {
    return `--format ${e.format} --source-name "${e.sourceName}"`;
  }
}

export async function planImport(db: Database, p: PlanInput): Promise<ImportPlan> {
  const existing = await ledgerGet(db, p.sha);
  if (existing?.status === 'done') {
    if (!existing.records) {
      // An import that produced nothing is no proof the file holds nothing (a wrong format reads
      // zero records): try again rather than calling the file done.
      return { action: 'run', entry: fresh(p), status: 'replaced', removeSource: existing.sourceKey, notes: [`its earlier import (${describe(existing)}) produced no records: importing it again`] };
    }
    if (!sameOptions(existing, p)) {
      if (!p.replace) {
        return { action: 'skip', entry: existing, notes: [`imported before with other options (${describe(existing)}; ${existing.records ?? 0} records): nothing done. Run again with --replace to remove that import's data and import the file with the options given now.`] };
      }
      return { action: 'run', entry: fresh(p), status: 'replaced', removeSource: existing.sourceKey, notes: [`--replace: removing the earlier import (${describe(existing)}, ${existing.records ?? 0} records) and importing anew`] };
    }
    if (p.replace) {
      return { action: 'run', entry: fresh(p), status: 'replaced', removeSource: existing.sourceKey, notes: [`--replace: removing the earlier import (${existing.records ?? 0} records) and importing anew`] };
    }
    if (p.lineMode && !p.gz && existing.bytes < p.size) {
      // The last line was held back (half-written when the file was read): read it now.
      return {
        action: 'run', status: 'appended', notes: [],
        entry: { ...existing, status: 'running', fromByte: existing.bytes, fromLine: existing.lines, heldBack: 0 },
      };
    }
    return { action: 'skip', entry: existing, notes: ['already imported (same sha256): nothing to do'] };
  }
  if (existing) {
    // An interrupted run of this exact file: resume with the chunking it started with.
    if (p.replace || !sameOptions(existing, p)) {
      return { action: 'run', entry: fresh(p), status: 'replaced', removeSource: existing.sourceKey, notes: [`an interrupted import${sameOptions(existing, p) ? '' : ` with other options (${describe(existing)})`} is removed and the file imported anew`] };
    }
    return { action: 'run', entry: existing, status: 'resumed', notes: [] };
  }
  if (!p.gz && p.lineMode) {
    for (const prev of await ledgerBySourceName(db, p.sourceName)) {
      if (prev.bytes <= 0 || prev.bytes >= p.size || !sameOptions(prev, p) || !prev.records) continue;
      if ((await sha256File(p.file, prev.bytes)) !== prev.prefixSha) continue;
      return { action: 'run', status: 'appended', notes: [], entry: { ...fresh(p), sourceKey: prev.sourceKey, fromByte: prev.bytes, fromLine: prev.lines } };
    }
  }
  return { action: 'run', entry: fresh(p), status: 'imported', notes: [] };
}
