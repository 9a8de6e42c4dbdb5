// The import ledger: one (:ImportLedger) node per imported file version, keyed by its sha256.
// It makes re-imports no-ops, lets a growing log import only what was appended, and lets an
// interrupted import resume with exactly the chunking it started with.
import type { Database } from '../../db/database.ts';

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

const FIELDS = 'l.key AS key, l.sourceKey AS sourceKey, l.sourceName AS sourceName, l.path AS path, l.format AS format, l.status AS status, l.bytes AS bytes, l.lines AS lines, l.prefixSha AS prefixSha, l.fromByte AS fromByte, l.fromLine AS fromLine, l.flushAt AS flushAt, l.batchSize AS batchSize, l.gz AS gz, l.records AS records, l.rejects AS rejects, l.options AS options, l.heldBack AS heldBack, l.error AS error';

export async function ledgerGet(db: Database, key: string): Promise<LedgerEntry | null> {
  const rows = await db.read(`MATCH (l:ImportLedger {key: $key}) RETURN ${FIELDS}`, { key }, { caller: 'import:ledger' });
  return (rows[0] as unknown as LedgerEntry) ?? null;
}

/** Completed imports of the same source name, newest (largest) first: candidates for append. */
export async function ledgerBySourceName(db: Database, sourceName: string): Promise<LedgerEntry[]> {
  const rows = await db.read(
    `MATCH (l:ImportLedger {sourceName: $sourceName}) WHERE l.status = 'done' AND NOT l.gz RETURN ${FIELDS} ORDER BY l.bytes DESC LIMIT 20`,
    { sourceName },
    { caller: 'import:ledger' },
  );
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
}

/** Record the start: Source node and a running ledger entry, in one transaction. */
export async function ledgerStart(db: Database, e: LedgerEntry, src: SourceProps): Promise<void> {
  await db.write(
    `MERGE (s:Source {key: $src.key})
     ON CREATE SET s.addedAt = datetime()
     SET s.kind = $src.kind, s.name = $src.name, s.title = coalesce($src.title, s.title, $src.name),
         s.sha256 = $src.sha256, s.size = $src.size, s.format = $src.format,
         s.reliability = $src.reliability, s.url = coalesce($src.url, s.url),
         s.retrievedAt = CASE WHEN $src.retrievedAt IS NULL THEN s.retrievedAt ELSE datetime($src.retrievedAt) END,
         s.synthetic = $src.synthetic, s.importedAt = datetime()
     MERGE (l:ImportLedger {key: $e.key})
     ON CREATE SET l.startedAt = datetime()
     SET l += $e, l.status = 'running'
     MERGE (l)-[:OF_SOURCE]->(s)`,
    { e: { ...e, records: e.records ?? 0, rejects: e.rejects ?? 0, options: e.options ?? null, heldBack: e.heldBack ?? 0, error: null }, src: { url: null, retrievedAt: null, title: null, ...src } },
    { caller: 'import:ledger' },
  );
}

/** Mark done and drop the batch markers that made the run resumable. */
export async function ledgerFinish(db: Database, key: string, done: { bytes: number; lines: number; prefixSha: string; records: number; rejects: number; heldBack?: number }): Promise<void> {
  await db.write(
    `MATCH (l:ImportLedger {key: $key})
     SET l.status = 'done', l.finishedAt = datetime(), l.bytes = $d.bytes, l.lines = $d.lines,
         l.prefixSha = $d.prefixSha, l.records = $d.records, l.rejects = $d.rejects, l.heldBack = $d.heldBack,
         l.error = null`,
    { key, d: { heldBack: 0, ...done } },
    { caller: 'import:ledger' },
  );
  // Markers are many for big files: delete them in bounded transactions.
  for (;;) {
    const r = await db.write(
      'MATCH (b:ImportBatch) WHERE b.key STARTS WITH $prefix WITH b LIMIT 10000 DETACH DELETE b RETURN count(*) AS n',
      { prefix: key + ':' },
      { caller: 'import:ledger' },
    );
    if (Number(r[0]?.n ?? 0) === 0) break;
  }
}

/** A run stopped by an error: the entry stays `running` (the next run resumes it) and says why. */
export async function ledgerFailed(db: Database, key: string, error: string): Promise<void> {
  await db.write('MATCH (l:ImportLedger {key: $key}) SET l.error = $error, l.failedAt = datetime()', { key, error: error.slice(0, 500) }, { caller: 'import:ledger' });
}

/** Every ledger entry of a source (a grown file has one per imported version). */
export async function ledgerKeysOfSource(db: Database, sourceKey: string): Promise<string[]> {
  const rows = await db.read('MATCH (l:ImportLedger {sourceKey: $sourceKey}) RETURN l.key AS key', { sourceKey }, { caller: 'import:ledger' });
  return rows.map((r) => String(r.key));
}
