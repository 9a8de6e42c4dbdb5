// The front door for imports: the CLI, the demo loader and the API all import files through
// importFiles(). Per file it detects the format, takes the database's import lock (concurrent
// imports give the graph of running them one after the other), runs the case importer or the
// log pipeline, and collects a summary or a failure; at the end it refreshes IP → prefix links
// when anything changed.
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { importFile, detectFileFormat, type ImportOptions, type ImportSummary } from '../../importers/pipeline/import-file.ts';
import { importCaseFile } from '../../importers/case/import-case.ts';
import type { FormatName } from '../../importers/types.ts';
import { linkIpsToPrefixes, type LinkStats } from '../network/link-prefixes.ts';
import { acquireImportLock, type LockHolder } from './import-lock.ts';
import { bulkLoadFile, storeIsEmpty, type BulkLoadContext } from './bulk-load.ts';
import { warmPageCache, type WarmResult } from './warm-page-cache.ts';
import { stat } from 'node:fs/promises';

export type FileImportOptions = Omit<ImportOptions, 'onProgress' | 'format'> & { format?: FormatName | 'auto' };

export interface ImportFilesHooks {
  /** A file starts (after format detection). */
  onFileStart?: (file: string, format: FormatName) => void;
  onProgress?: (file: string, records: number, bytes: number, total: number) => void;
  /** A file is done (imported, unchanged, …) or failed. */
  onFileEnd?: (file: string, result: { summary?: ImportSummary; error?: AppError }) => void;
  /** Another import holds the database's lock; this one waits for it. */
  onWaitForLock?: (file: string, holder: LockHolder) => void;
  /** The page-cache warm-up (warmPageCache option) is done or was skipped. */
  onWarmPageCache?: (result: WarmResult) => void;
}

export interface ImportFilesResult {
  summaries: ImportSummary[];
  failures: { file: string; error: AppError }[];
  links?: LinkStats;
}

export interface ImportFilesOptions extends FileImportOptions {
  /** Stop at the first failed file (rethrown) instead of going on with the next (--strict does). */
  stopOnError?: boolean;
  /** Refresh IP → prefix links at the end when anything changed (default true). */
  linkPrefixes?: boolean;
  /**
   * Read the store into Neo4j's page cache while the first file is parsed (warm-page-cache.ts):
   * for large imports into a store that may have just started. Not for the files a bulk load built.
   */
  warmPageCache?: boolean;
  /** Per-file overrides (the demo gives each log its own source name and title). */
  perFile?: (file: string) => Partial<FileImportOptions>;
  /**
   * Offline bulk load of the first file into an empty embedded store: 'always' when the store is
   * empty, 'auto' also only when the file is at least `minBytes`.
   */
  bulk?: {
    mode: 'auto' | 'always' | 'never'; minBytes: number; ctx: Omit<BulkLoadContext, 'db' | 'say'>; say: (m: string) => void;
    /**
     * With ctx.fresh (the store was never created and was not started): start it, with its
     * schema, when the first file is not bulk loaded after all; the files after it need it.
     */
    startDatabase?: () => Promise<void>;
  };
}

function isDatabaseDown(e: unknown): boolean {
  return e instanceof AppError && (e.code === ErrorCode.DB_UNAVAILABLE);
}

export async function importFiles(db: Database, files: string[], o: ImportFilesOptions, hooks: ImportFilesHooks = {}): Promise<ImportFilesResult> {
  const out: ImportFilesResult = { summaries: [], failures: [] };
  let rest = files;
  if (o.bulk && o.bulk.mode !== 'never' && files.length) {
    const first = await tryBulk(db, files[0], o, hooks);
    if (!first && o.bulk.ctx.fresh) await o.bulk.startDatabase?.();
    if (first) {
      out.summaries.push(first);
      rest = files.slice(1);
    }
  }
  // Beside the parse of the first file, which keeps the database idle for a while anyway.
  const warming = o.warmPageCache && rest.length ? warmPageCache(db).then((r) => { try { hooks.onWarmPageCache?.(r); } catch { /* a report only */ } }) : undefined;
  // A failed import is reported at once; the warm-up then ends with the connection (it never throws).
  await importEach(db, rest, { ...o, beforeGraphWrites: warming }, hooks, out);
  await warming;
  if ((o.linkPrefixes ?? true) && out.summaries.some((s) => s.status !== 'unchanged')) {
    out.links = await linkPrefixes(db, { batchSize: o.batchSize, writers: o.writers }, (h) => hooks.onWaitForLock?.('prefix links', h));
  }
  return out;
}

async function importEach(db: Database, rest: string[], o: ImportFilesOptions, hooks: ImportFilesHooks, out: ImportFilesResult): Promise<void> {
  for (const file of rest) {
    const fo = { ...o, ...(o.perFile?.(file) ?? {}) };
    let format: FormatName;
    try {
      format = !fo.format || fo.format === 'auto' ? await detectFileFormat(file) : fo.format;
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError(ErrorCode.BAD_USER_INPUT, `${file}: ${(e as Error).message}`);
      out.failures.push({ file, error: err });
      hooks.onFileEnd?.(file, { error: err });
      if (o.stopOnError) throw err;
      continue;
    }
    hooks.onFileStart?.(file, format);
    try {
      const lock = await acquireImportLock(db, { what: file, onWait: (h) => hooks.onWaitForLock?.(file, h) });
      try {
        const s = format === 'case'
          ? await importCaseFile(db, file, { reportDir: fo.reportDir, batchSize: fo.batchSize, writers: fo.writers, fence: lock.fence })
          : await importFile(db, file, { ...fo, format, fence: lock.fence, onProgress: (r, b, t) => hooks.onProgress?.(file, r, b, t) });
        out.summaries.push(s);
        hooks.onFileEnd?.(file, { summary: s });
      } finally {
        await lock.release();
      }
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError(ErrorCode.IMPORT_FAILED, `${file}: ${(e as Error)?.message ?? String(e)}`);
      out.failures.push({ file, error: err });
      hooks.onFileEnd?.(file, { error: err });
      // Without the database no later file can be imported either.
      if (o.stopOnError || isDatabaseDown(e)) throw err;
    }
  }
}

/** The first file through the offline importer when the store is empty (else null: the usual path). */
async function tryBulk(db: Database, file: string, o: ImportFilesOptions, hooks: ImportFilesHooks): Promise<ImportSummary | null> {
  const b = o.bulk!;
  const size = (await stat(file).catch(() => null))?.size ?? 0;
  if (b.mode === 'auto' && size < b.minBytes) return null;
  const fo = { ...o, ...(o.perFile?.(file) ?? {}) };
  const format = !fo.format || fo.format === 'auto' ? await detectFileFormat(file) : fo.format;
  if (format === 'case') return null;
  if (b.ctx.fresh) {
    // Nothing to ask a store that does not exist yet; the caller holds its start lock.
    hooks.onFileStart?.(file, format);
    const s = await bulkLoadFile({ ...b.ctx, db, say: b.say }, file, format, { ...fo, format, onProgress: (r, by, t) => hooks.onProgress?.(file, r, by, t) });
    hooks.onFileEnd?.(file, { summary: s });
    return s;
  }
  const lock = await acquireImportLock(db, { what: file, onWait: (h) => hooks.onWaitForLock?.(file, h) });
  try {
    if (!(await storeIsEmpty(db))) {
      if (b.mode === 'always') b.say(`${file}: the database holds data: no offline bulk load, importing through transactions`);
      return null;
    }
    hooks.onFileStart?.(file, format);
    const s = await bulkLoadFile({ ...b.ctx, db, say: b.say }, file, format, { ...fo, format, onProgress: (r, by, t) => hooks.onProgress?.(file, r, by, t) });
    hooks.onFileEnd?.(file, { summary: s });
    return s;
  } finally {
    await lock.release();
  }
}

/** IPs linked to their longest prefixes, under the import lock: two runs at once could both draw the same IN_PREFIX edge. */
export async function linkPrefixes(db: Database, o: { batchSize: number; writers: number }, onWait?: (h: LockHolder) => void): Promise<LinkStats> {
  const lock = await acquireImportLock(db, { what: 'linking addresses to prefixes', onWait });
  try {
    return await linkIpsToPrefixes(db, { ...o, fence: lock.fence });
  } finally {
    await lock.release();
  }
}
