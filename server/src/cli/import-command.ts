// infragraph import <files…>
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import path from 'node:path';
import { importFiles, type ImportFilesResult } from '../domain/imports/import-files.ts';
import type { WarmResult } from '../domain/imports/warm-page-cache.ts';
import { embeddedOptions } from '../db/connect.ts';
import { config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { applyMigrations } from '../db/migrations.ts';
import { holdStartLock, startEmbedded, storeNeverCreated } from '../db/embedded/index.ts';
import { stat } from 'node:fs/promises';

/** From this size an empty embedded store is built offline rather than through transactions. */
const BULK_MIN_BYTES = 100 * 1024 * 1024;
// From this much input an import into the embedded store reads the store into the page cache
// first (warm-page-cache.ts): a cold store costs a large import ~14 s; a small one never notices.
const WARM_MIN_BYTES = 64 * 1024 * 1024;
import { FORMAT_NAMES } from '../importers/formats.ts';
import type { FormatName } from '../importers/types.ts';
import { formatTable, terminalText as safe } from './format-table.ts';
import { failureLine } from './failure-line.ts';

function parseMap(s: string | undefined): Record<string, string> | undefined {
  if (!s) return undefined;
  const m: Record<string, string> = {};
  for (const part of s.split(',')) {
    const i = part.indexOf('=');
    if (i < 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `--map wants field=COLUMN pairs separated by commas, got "${part}".`);
    m[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return m;
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      'source-name': { type: 'string' },
      strict: { type: 'boolean', default: false },
      year: { type: 'string' },
      map: { type: 'string' },
      confidence: { type: 'string' },
      synthetic: { type: 'boolean', default: false },
      title: { type: 'string' },
      url: { type: 'string' },
      replace: { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
      'no-bulk': { type: 'boolean', default: false },
    },
  });
  if (!positionals.length) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Name at least one file to import.');
  const format = values.format as FormatName | 'auto';
  if (format !== 'auto' && !FORMAT_NAMES.includes(format)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `--format must be auto or one of ${FORMAT_NAMES.join(', ')}.`);
  }
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 1980 || year > 2100)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--year must be a year from 1980 to 2100.');
  const confidence = values.confidence === undefined ? undefined : Number(values.confidence);
  if (confidence !== undefined && (!Number.isInteger(confidence) || confidence < 0 || confidence > 100)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--confidence must be a whole number from 0 to 100.');

  const cfg = config();
  const log = createLogger(cfg.logLevel);
  const embedded = embeddedOptions(cfg, log);
  const bulkAllowed = !cfg.neo4j.externalUri && !values['no-bulk'];
  // A store that was never created is empty without asking it: when the first file is bulk
  // loaded, the database is not started before the load (that start and stop cost ~25 s); its
  // start lock is held instead, so no other process creates the store meanwhile.
  const sizes = await Promise.all(positionals.map(async (f) => (await stat(f).catch(() => null))?.size ?? 0));
  const firstSize = sizes[0] ?? 0;
  const startLock = bulkAllowed && (values.bulk || firstSize >= BULK_MIN_BYTES) && await storeNeverCreated(embedded)
    ? await holdStartLock(embedded.home, (embedded.startTimeoutMs ?? 120_000) + 60_000) : undefined;
  // Checked again under the lock: another process may have created the store in between.
  const fresh = startLock !== undefined && await storeNeverCreated(embedded);
  if (startLock && !fresh) await startLock.release();
  let app: Awaited<ReturnType<typeof openApp>>;
  try {
    app = await openApp(fresh ? 'never' : 'detached', { migrate: !fresh, log });
  } catch (e) {
    if (fresh) await startLock!.release();
    throw e;
  }
  let lockHeld = fresh;
  // Once the database runs, other processes may start (attach to) it again.
  const releaseStartLock = async () => { if (lockHeld) { lockHeld = false; await startLock!.release(); } };
  const startDatabase = async () => {
    await startEmbedded(embedded, 'detached', { startLockHeld: lockHeld });
    await releaseStartLock();
    await app.db.reconnect();
    await applyMigrations(app.db, cfg.repoRoot);
  };
  let released: Promise<void> | undefined;
  const tty = process.stderr.isTTY;
  let bar: cliProgress.SingleBar | null = null;
  let t0 = Date.now();
  let lastLog = 0;
  let result: ImportFilesResult | undefined;
  let fatal: unknown;
  let warmed: WarmResult | undefined;
  const waitSaid = new Set<string>();
  try {
    result = await importFiles(app.db, positionals, {
      format, sourceName: values['source-name'], strict: values.strict, year, map: parseMap(values.map),
      confidence, synthetic: values.synthetic, title: values.title, url: values.url, replace: values.replace,
      batchSize: app.cfg.import.batchSize, writers: app.cfg.import.writers, flushAt: app.cfg.import.flushPairs,
      reportDir: app.cfg.import.reportDir, profile: app.cfg.import.profile, stopOnError: values.strict,
      leanLookups: app.cfg.import.leanLookups, engineMemoryMb: app.cfg.import.engineMemoryMb,
      warmPageCache: app.cfg.import.warmPageCache && !app.cfg.neo4j.externalUri && sizes.reduce((a, b) => a + b, 0) >= WARM_MIN_BYTES,
      eventsDir: app.cfg.events.dir, eventsSettings: app.cfg.events, // event store (issue 13)
      // An empty embedded store is built with Neo4j's offline importer (--bulk: whatever the
      // size; by default from BULK_MIN_BYTES); never for an external server.
      bulk: app.cfg.neo4j.externalUri || values['no-bulk'] ? undefined : {
        mode: values.bulk ? 'always' : 'auto', minBytes: BULK_MIN_BYTES,
        ctx: { embedded, repoRoot: app.cfg.repoRoot, workDir: path.join(path.dirname(app.cfg.import.reportDir), 'bulk'), startedAt: Date.now() - process.uptime() * 1000, fresh },
        say: (m) => { (bar as cliProgress.SingleBar | null)?.stop(); process.stderr.write(safe(m) + '\n'); },
        startDatabase,
      },
    }, {
      onFileStart(file, fmt) {
        t0 = Date.now();
        if (!tty || fmt === 'case') return;
        bar = new cliProgress.SingleBar({
          format: `${file.slice(-40).padEnd(40)} {bar} {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted}`,
          hideCursor: true, clearOnComplete: true, stream: process.stderr,
        }, cliProgress.Presets.shades_classic);
        bar.start(1, 0, { records: 0, rate: 0 });
      },
      onProgress(file, records, bytes, total) {
        const rate = Math.round(records / Math.max(0.001, (Date.now() - t0) / 1000));
        if (bar) { bar.setTotal(Math.max(1, total)); bar.update(Math.min(bytes, total), { records, rate }); }
        else if (Date.now() - lastLog > 5000) { lastLog = Date.now(); app.log.info({ file, records, rate, bytes, total }, 'importing'); }
      },
      // Said after the files, not across the progress bar.
      onWarmPageCache(r) { warmed = r; },
      onWaitForLock(file, h) {
        if (!waitSaid.has(file)) process.stderr.write(`${safe(file)}: waiting for another import to finish (pid ${h.pid} on ${safe(h.host)}${h.what ? `, importing ${safe(h.what)}` : ''})…\n`);
        waitSaid.add(file);
        if (h.leaseRanOut) process.stderr.write(`${safe(file)}: its lease ran out but pid ${h.pid} is alive here: if it was stopped (Ctrl-Z), continue it (fg, or kill -CONT ${h.pid}) or end it; this import goes on once it has finished.\n`);
      },
      onFileEnd(file, r) {
        released ??= releaseStartLock();
        bar?.stop();
        bar = null;
        if (r.error) {
          if (!values.strict) process.stderr.write(`${safe(failureLine(file, r.error.message))}\n`);
          return;
        }
        const s = r.summary!;
        for (const n of s.notes) process.stderr.write(`${safe(file)}: note: ${safe(n)}\n`);
        if (s.rejects) {
          process.stderr.write(`${safe(file)}: ${s.rejects} record(s) rejected${s.rejects > s.firstRejects.length ? ` (first ${s.firstRejects.length} shown; all in ${safe(s.reportFile)})` : ''}:\n`);
          for (const x of s.firstRejects) process.stderr.write(`  ${safe(file)}:${safe(x.ref)}: ${safe(x.reason)}\n`);
        }
      },
    });
    if (warmed) {
      process.stderr.write('skipped' in warmed
        ? `page-cache warm-up skipped (${safe(warmed.skipped)})\n`
        : `page-cache warm-up: ${warmed.pages} store pages read into Neo4j's page cache beside the parse in ${warmed.seconds.toFixed(1)} s\n`);
    }
    const l = result.links;
    if (l && (l.linked || l.relinked)) process.stderr.write(`prefix links: ${l.linked} new, ${l.relinked} moved, ${l.unchanged} unchanged, ${l.unmatched} IPs outside every prefix (${l.seconds.toFixed(1)} s)\n`);
  } catch (e) {
    fatal = e;
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
    await released;
    await releaseStartLock();
    await app.close();
  }
  if (fatal) {
    // A database outage says so (and that a re-run resumes); no empty summary table.
    if (fatal instanceof AppError && fatal.code === ErrorCode.DB_UNAVAILABLE) {
      throw new AppError(ErrorCode.DB_UNAVAILABLE, `the import stopped because the graph database went away: ${fatal.message}. Start it again (infragraph db start) and re-run the same command: finished files are skipped and the interrupted one resumes.`, { cause: fatal });
    }
    throw fatal;
  }
  const summaries = result!.summaries;
  if (summaries.length) {
    process.stdout.write(formatTable(
      ['file', 'format', 'status', 'records', 'rejects', 'new nodes', 'edge rows', 'seconds', 'db wait s'],
      summaries.map((s) => [s.file, s.format, s.status, s.records, s.rejects, s.nodesCreated, s.edgeRows, s.seconds.toFixed(1), s.writeSeconds.toFixed(1)]),
    ) + '\n');
  }
  return result!.failures.length ? 1 : 0;
}
