// Building an EMPTY store with Neo4j's offline importer: the file is parsed and aggregated as
// usual, but written as CSV files (csv-graph-writer.ts); the embedded Neo4j is stopped, the store
// built with `neo4j-admin database import full`, started again, the schema applied and the
// ledger written. Only for the embedded store this project manages, and only when it holds no
// data: the node count is checked first and the importer would overwrite the database.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrations.ts';
import { runOfflineImport, startEmbedded, stopEmbedded, type EmbeddedOptions } from '../../db/embedded/index.ts';
import { StageClock } from './stage-clock.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { queryText } from '../queries/query-library.ts';
import { parseAndWrite, specFor, type ImportOptions, type ImportSummary } from '../../importers/pipeline/import-file.ts';
import { CsvGraphWriter } from '../../importers/pipeline/csv-graph-writer.ts';
import { importOptionsKey, ledgerFinish, ledgerStart, type LedgerEntry } from '../../importers/pipeline/ledger.ts';
import { isGzip, readHead, sha256File } from '../../importers/pipeline/read-input.ts';
import { lastLineIsComplete } from '../../importers/pipeline/live-log.ts';
import type { FormatName, ParseOptions } from '../../importers/types.ts';

export interface BulkLoadContext {
  db: Database;
  embedded: EmbeddedOptions;
  repoRoot: string;
  /** Where the CSV files go (removed afterwards). */
  workDir: string;
  say: (message: string) => void;
  /** When the command started (epoch ms), to say how long everything before the load took. */
  startedAt?: number;
  /**
   * The store was never created and is not running (storeNeverCreated): it is empty without
   * asking it, and the caller holds its start lock, so nobody creates it meanwhile.
   */
  fresh?: boolean;
}

/** True when the graph holds nothing but schema records and the import lock. */
export async function storeIsEmpty(db: Database): Promise<boolean> {
  const r = await db.read(queryText('imports', 'store-has-data', {}), {}, { caller: 'import:bulk', timeoutMs: 600_000 });
  return Number(r[0]?.n ?? 1) === 0;
}

export async function bulkLoadFile(ctx: BulkLoadContext, file: string, format: FormatName, o: ImportOptions): Promise<ImportSummary> {
  const t0 = Date.now();
  const clock = new StageClock(ctx.say, ctx.startedAt);
  if (ctx.startedAt) clock.add('before the load (database start, checks)', (t0 - ctx.startedAt) / 1000);
  const spec = specFor(format);
  if (spec.sourceKind !== 'dns-log' || spec.mode === 'document') {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: the offline bulk load takes DNS logs only, not ${format}`);
  }
  if (!ctx.fresh && !(await storeIsEmpty(ctx.db))) throw new AppError(ErrorCode.CONFLICT, 'the database holds data: the offline bulk load only builds an empty store');
  const st = await stat(file);
  const gz = isGzip(await readHead(file, 4));
  const sha = await clock.run('hash the file', () => sha256File(file));
  const refName = path.basename(file);
  const sourceName = o.sourceName ?? refName;
  const entry: LedgerEntry = {
    key: sha, sourceKey: `src:${sha.slice(0, 16)}`, sourceName, path: refName, format, status: 'running',
    bytes: 0, lines: 0, prefixSha: '', fromByte: 0, fromLine: 0, flushAt: o.flushAt, batchSize: o.batchSize, gz,
    options: importOptionsKey({ format, map: o.map, sourceName }),
  };
  const parseOpts: ParseOptions = { year: o.year, fileTime: st.mtimeMs, map: o.map, fileName: refName };
  const dir = path.join(ctx.workDir, sha.slice(0, 16));
  const writer = new CsvGraphWriter(dir, { sourceKey: entry.sourceKey, refName, confidence: o.confidence ?? spec.reliability, histogram: !o.leanLookups });
  await writer.open();
  try {
    const tParse = Date.now();
    let tStop = 0, tGraphDone = 0;
    let imported!: Awaited<ReturnType<typeof runOfflineImport>>;
    // Runs once the CSV files are complete; the event store commits after it (parseAndWrite).
    const loadGraph = async () => {
      const files = await writer.close();
      sayParseStages(clock, tParse, writer.marks);
      ctx.say(ctx.fresh
        ? `${file}: the database is empty (its store did not exist yet): building it with Neo4j's offline importer (neo4j-admin database import full)`
        : `${file}: the database is empty: building it with Neo4j's offline importer (neo4j-admin database import full); the embedded Neo4j is stopped meanwhile`);
      tStop = Date.now();
      if (!ctx.fresh) await clock.run('stop Neo4j', () => stopEmbedded(ctx.embedded));
      imported = await clock.run('offline importer', () => runOfflineImport(ctx.embedded, { nodes: files.nodes, relationships: files.relationships, trimStrings: !writer.untrimmed }),
        (r) => [`JVM start and estimates ${r.startupSeconds.toFixed(1)} s`, ...r.phases.map(([n, sec]) => `${n} ${sec.toFixed(1)} s`)].join(', '));
      await clock.run('start Neo4j', async () => { await startEmbedded(ctx.embedded, 'detached', { startLockHeld: ctx.fresh }); await ctx.db.reconnect(); });
      // Key constraints are online when their statement returns; the other indexes (full-text search,
      // QUERIED.firstSeen, …) populate over the whole store in the background, which the graph does
      // not wait for to be queryable: it says which are still populating.
      // The CSV gave every lookup edge its key: 006's scan for edges without one is skipped (≈15 s on 5.6M edges).
      await clock.run('schema (key constraints online)', () => applyMigrations(ctx.db, ctx.repoRoot, { awaitIndexes: false, doneBy: ['006-queried-key'] }));
      // Without --trim-strings the blanks standing for [''] were imported as they are (csv-graph-writer.ts).
      if (writer.untrimmed) {
        await clock.run('SUBDOMAIN_OF validity', () => ctx.db.autoCommit(queryText('imports', 'bulk-subdomain-validity', {}), {}, { caller: 'import:bulk', timeoutMs: 3_600_000 }));
      }
      tGraphDone = Date.now();
    };
    const run = await parseAndWrite(writer, spec, { file, gz, fromByte: 0, fromLine: 0, takePartialLast: lastLineIsComplete(file, st, gz, o.liveWindowMs) }, parseOpts, entry, o, refName, sha, st.size, loadGraph);
    clock.done('event store commit', tGraphDone);
    const records = run.agg.counters.events + run.agg.counters.passive + run.agg.counters.entities + run.agg.counters.edges;
    await clock.run('ledger', async () => {
      await ledgerStart(ctx.db, entry, {
        key: entry.sourceKey, kind: o.synthetic ? 'synthetic' : (o.sourceKind ?? spec.sourceKind), name: sourceName,
        sha256: sha, size: st.size, format, reliability: o.confidence ?? spec.reliability,
        synthetic: !!o.synthetic, title: o.title, url: o.url, addedAt: writer.now,
      });
      const covered = gz ? st.size : run.parsed.endByte;
      await ledgerFinish(ctx.db, sha, {
        bytes: covered, lines: run.parsed.lines, prefixSha: covered === st.size ? sha : await sha256File(file, covered),
        records, rejects: run.agg.counters.rejects, heldBack: run.parsed.heldBack,
      });
    });
    ctx.say(`${file}: queryable after ${clock.elapsed().toFixed(1)} s${ctx.startedAt ? ' (since the command started)' : ''}: ${clock.summary()}`);
    const populating = await ctx.db.read(queryText('imports', 'indexes-populating', {}), {}, { caller: 'import:bulk' });
    if (populating.length) {
      ctx.say(`${file}: the graph is queryable; still populating in the background: ${populating.map((r) => `${String(r.name)} ${Number(r.populationPercent).toFixed(0)} %`).join(', ')}: queries are answered meanwhile, a full-text search waits until its index is online`);
    }
    return {
      file, format, status: 'imported', sourceKey: entry.sourceKey, records, rejects: run.agg.counters.rejects, lines: run.parsed.lines,
      nodesCreated: writer.stats.nodesCreated, edgeRows: writer.stats.edgeRows, batchesSkipped: 0,
      notes: [...run.agg.notes, `built with Neo4j's offline importer in ${imported.seconds.toFixed(1)} s (${ctx.fresh ? 'the store was created by it' : `database down ${((Date.now() - tStop) / 1000).toFixed(1)} s`}); log in ${imported.log}`],
      firstRejects: run.report.first, reportFile: run.report.written,
      seconds: (Date.now() - t0) / 1000, writeSeconds: (Date.now() - tStop) / 1000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The parse run's own stages, from the writer's marks (parse and aggregate, CSV). */
function sayParseStages(clock: StageClock, t0: number, marks: [string, number][]): void {
  const at = new Map(marks);
  const parsed = at.get('parsed'), nodes = at.get('nodes written'), edges = at.get('edges written');
  if (parsed === undefined || nodes === undefined || edges === undefined) { clock.done('parse and write CSV', t0); return; }
  clock.add('parse and aggregate, event store parts', (parsed - t0) / 1000);
  clock.add('node CSV', (nodes - parsed) / 1000);
  clock.add('edge CSV', (edges - nodes) / 1000);
  clock.add('CSV close', (Date.now() - edges) / 1000);
}
