// The import ledger: one (:ImportLedger) node per imported file version, keyed by its sha256.
// It makes re-imports no-ops, lets a growing log import only what was appended, and lets an
// interrupted import resume with exactly the chunking it started with. Its statements are in
// cypher/internal/import/ledger-*.cypher.
import type { Database, Params, Row } from '../../db/database.ts';
import { internalStatement } from '../../cypher/statement-files.ts';
import { fencedWrite, guardParams, type ImportFence } from './lock-fence.ts';

export interface LedgerEntry {
  key: string; // sha256 of the whole file at import time
  sourceKey: string;
  sourceName: string;
  path: string;
  format: string;
  status: 'running' | 'done';
  /** Bytes of the file covered by this and earlier imports (append resumes here). */
  bytes: number;
  /** Lines covered by this and earlier imports. */
  lines: number;
  /** sha256 of the file's first `bytes` bytes, to recognise the same file grown. */
  prefixSha: string;
  fromByte: number;
  fromLine: number;
  flushAt: number;
  batchSize: number;
  gz: boolean;
  records?: number;
  rejects?: number;
  /**
   * What the file was read as: format, --map and source name, as canonical JSON. A re-import
   * with other options is not "the same import" even though the bytes are the same.
   */
  options?: string;
  /** Bytes of an unfinished last line the import held back (a live log): read once the file grows. */
  heldBack?: number;
  /** Last fatal error of a run that stopped (the entry stays resumable). */
  error?: string;
}

/** The options that decide what an import of a file produces. */
export function importOptionsKey(o: { format: string; map?: Record<string, string>; sourceName: string }): string {
  const map = o.map ? Object.fromEntries(Object.entries(o.map).sort(([a], [b]) => a.localeCompare(b))) : null;
  return JSON.stringify({ format: o.format, map, sourceName: o.sourceName });
}

const LEDGER = { caller: 'import:ledger' };

/**
 * A ledger write under the import lock, fenced like the graph's (lock-fence.ts): an import that
 * lost its lock and then marked a file running again, or dropped its batch markers, would make the
 * next run apply batches twice.
 */
function ledgerWrite(db: Database, name: string, params: Params, fence?: ImportFence): Promise<Row[]> {
  return fencedWrite(db, fence, internalStatement('import', name, params), params, LEDGER);
}

export async function ledgerGet(db: Database, key: string): Promise<LedgerEntry | null> {
  const params = { key };
  const rows = await db.read(internalStatement('import', 'ledger-get', params), params, LEDGER);
  return (rows[0] as unknown as LedgerEntry) ?? null;
}

/** Completed imports of the same source name, newest (largest) first: candidates for append. */
export async function ledgerBySourceName(db: Database, sourceName: string): Promise<LedgerEntry[]> {
  const params = { sourceName };
  const rows = await db.read(internalStatement('import', 'ledger-by-source-name', params), params, LEDGER);
  return rows as unknown as LedgerEntry[];
}

export interface SourceProps {
  key: string;
  kind: string;
  name: string;
  sha256: string;
  size: number;
  format: string;
  reliability: number;
  url?: string;
  retrievedAt?: string;
  synthetic: boolean;
  title?: string;
  /** When the Source was first added, if not now: the offline bulk load writes its nodes before it. */
  addedAt?: string;
}

/** Record the start: Source node and a running ledger entry, in one transaction. */
export async function ledgerStart(db: Database, e: LedgerEntry, src: SourceProps, fence?: ImportFence): Promise<void> {
  const params = {
    e: { ...e, records: e.records ?? 0, rejects: e.rejects ?? 0, options: e.options ?? null, heldBack: e.heldBack ?? 0, error: null },
    src: { url: null, retrievedAt: null, title: null, addedAt: null, ...src },
  };
  await ledgerWrite(db, 'ledger-start', params, fence);
}

/** Mark done and drop the batch markers that made the run resumable. */
export async function ledgerFinish(db: Database, key: string, done: { bytes: number; lines: number; prefixSha: string; records: number; rejects: number; heldBack?: number }, fence?: ImportFence): Promise<void> {
  const params = { key, d: { heldBack: 0, ...done } };
  await ledgerWrite(db, 'ledger-finish', params, fence);
  // Markers are many for big files: delete them in bounded transactions.
  for (;;) {
    const markers = { prefix: key + ':' };
    const r = await ledgerWrite(db, 'ledger-drop-batch-markers', markers, fence);
    if (Number(r[0]?.n ?? 0) === 0) break;
  }
}

/**
 * A run stopped by an error: the entry stays `running` (the next run resumes it) and says why.
 * Written once, without the driver's retries, and waited for 10 s at most: the error is often
 * that the database went away, and the entry resumes whether or not the note reached it.
 */
export async function ledgerFailed(db: Database, key: string, error: string, fence?: ImportFence): Promise<void> {
  // Only while the lock is this import's: one that lost it no longer speaks for the file.
  const params = { key, error: error.slice(0, 500), ...guardParams(fence) };
  await db.autoCommit(internalStatement('import', 'ledger-failed', params), params, { ...LEDGER, giveUpAfterMs: 10_000 });
}

/** Every ledger entry of a source (a grown file has one per imported version). */
export async function ledgerKeysOfSource(db: Database, sourceKey: string): Promise<string[]> {
  const params = { sourceKey };
  const rows = await db.read(internalStatement('import', 'ledger-keys-of-source', params), params, LEDGER);
  return rows.map((r) => String(r.key));
}
