// Import one file, in named steps: plan from the ledger (import-plan.ts), --strict dry parse,
// record the start, parse → aggregate with node writes on the way (parse-input.ts,
// node-write-scheduler.ts), write the DNS layer (graph-writer.ts), record what the import
// produced, and a summary. Callers go through domain/imports/import-files.ts, which also holds
// the import lock.
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { FORMATS, type FormatSpec } from '../formats.ts';
import { detectFormat } from '../detect-format.ts';
import type { FormatName, ParseOptions, SourceKind } from '../types.ts';
import { Aggregator, type Chunk, type RejectInfo } from './aggregate.ts';
import { GraphWriter } from './graph-writer.ts';
import { explainFailure, isLockLost, type ImportFence } from './lock-fence.ts';
import { ledgerFailed, ledgerFinish, ledgerStart, importOptionsKey, type LedgerEntry } from './ledger.ts';
import { gunzipHead, isGzip, readHead, sha256File } from './read-input.ts';
import { parseInto, strictCheck, type ParseResult, type ParseSegment } from './parse-input.ts';
import { planImport, type ImportPlan, type ImportStatus } from './import-plan.ts';
import { RejectReport } from './reject-report.ts';
import { NodeWriteScheduler } from './node-write-scheduler.ts';
import { removeSourceData } from './remove-source.ts';
import { writeEventParts } from './duckdb-event-parts.ts';
import { printProfile } from './import-profile.ts';
import { LIVE_WINDOW_MS, lastLineIsComplete } from './live-log.ts';
import type { LayerWriter } from './layer-writer.ts';
import { ImportEvents, type ImportEventsOptions } from '../../events/import-events.ts'; // event store tee (issue 13)

export interface ImportOptions extends Partial<Omit<ImportEventsOptions, 'reportDir'>> { // + event store root/settings (issue 13)
  format?: FormatName | 'auto';
  /** Settled before the aggregated DNS layer is written (a page-cache warm-up beside the parse). */
  beforeGraphWrites?: Promise<unknown>;
  sourceName?: string;
  strict?: boolean;
  year?: number;
  map?: Record<string, string>;
  /** Overrides the format's default confidence for this source's facts. */
  confidence?: number;
  /** Marks the Source as synthetic (generated data), whatever the format. */
  synthetic?: boolean;
  sourceKind?: SourceKind;
  title?: string;
  url?: string;
  /** Remove an earlier import of this file (its source's data) and import it anew. */
  replace?: boolean;
  /**
   * A plain file modified less than this long ago (or while it was read) is a live log: an
   * unfinished last line is held back until the file grows. Default 30 s (live-log.ts).
   */
  liveWindowMs?: number;
  batchSize: number;
  writers: number;
  flushAt: number;
  reportDir: string;
  /** QUERIED edges without the 15-minute histogram (see graph-writer.ts). */
  leanLookups?: boolean;
  /** The import lock this import holds: its edge batches write only while it does (graph-writer.ts). */
  fence?: ImportFence;
  /** The engine's DuckDB memory limit in MB (default 1024); aggregation spills to disk past it. */
  engineMemoryMb?: number;
  /** Print time per statement kind to stderr at the end. */
  profile?: boolean;
  /** Progress callback: records parsed so far, bytes read so far, total bytes. */
  onProgress?: (records: number, bytes: number, total: number) => void;
}

export interface ImportSummary {
  file: string;
  format: FormatName;
  status: ImportStatus;
  sourceKey: string;
  records: number;
  rejects: number;
  lines: number;
  nodesCreated: number;
  edgeRows: number;
  batchesSkipped: number;
  notes: string[];
  firstRejects: RejectInfo[];
  reportFile?: string;
  seconds: number;
  /** Of `seconds`, the time spent waiting for the database to take the writes. */
  writeSeconds: number;
}


export async function detectFileFormat(file: string): Promise<FormatName> {
  const st = await stat(file).catch(() => null);
  if (!st || !st.isFile()) throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: no such file.`);
  let head = await readHead(file);
  if (isGzip(head)) head = await gunzipHead(file);
  const f = detectFormat(head, path.basename(file.replace(/\.gz$/, '')));
  if (!f) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: the format could not be recognised from its content; name it with --format (one of ${Object.keys(FORMATS).join(', ')}, case).`);
  }
  return f;
}

export function specFor(format: FormatName): FormatSpec {
  if (format === 'case') throw new AppError(ErrorCode.BAD_USER_INPUT, 'Case files are imported by the case importer.');
  const s = FORMATS[format];
  if (!s) throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown format "${format}".`);
  return s;
}

/** What one run parsed and wrote. */
export interface RunResult { parsed: ParseResult; agg: Aggregator; writer: LayerWriter; report: RejectReport; writeMs: number }

/**
 * Parse → aggregate into `writer`, with node writes and fact chunks written between input
 * chunks; then the nodes left and the fully aggregated DNS layer. `afterWrites` (the offline
 * importer, for a bulk load) runs once the writer has everything; the event store commits after it.
 */
export async function parseAndWrite(
  writer: LayerWriter, spec: FormatSpec, seg: ParseSegment, parseOpts: ParseOptions, entry: LedgerEntry,
  o: ImportOptions, refName: string, sha: string, total: number, afterWrites?: () => Promise<void>,
): Promise<RunResult> {
  const report = new RejectReport(o.reportDir, refName, sha);
  const pending: Chunk[] = [];
  const agg = new Aggregator({
    flushAt: entry.flushAt,
    // The engine's scratch (DuckDB's temp files when aggregation goes out of core); removed at the end.
    spillDir: path.join(path.dirname(o.reportDir), 'engine', sha.slice(0, 16)),
    memoryLimit: o.engineMemoryMb ? `${o.engineMemoryMb}MB` : undefined,
    histogram: !o.leanLookups,
    onChunk: (c) => pending.push(c),
    onReject: (r) => report.add(r),
  });
  const nodes = new NodeWriteScheduler(writer, agg, entry.batchSize);
  const events = await ImportEvents.open(o, entry.sourceKey, sha, entry.fromByte, refName); // event store tee (issue 13)
  let bytes = entry.fromByte;
  let writeMs = 0;
  // Event-store parts of the lookups DuckDB read (they never passed the tee); committed after the graph load.
  const partPaths: string[] = [];
  const timed = async (p: Promise<void>) => { const w0 = Date.now(); await p; writeMs += Date.now() - w0; };
  const between = async () => {
    nodes.poll();
    await events.between(); // event store tee (issue 13)
    while (pending.length) await timed(writer.writeNodesAndFacts(pending.shift()!));
    if (report.pendingBytes > 65536) await report.flush();
    o.onProgress?.(agg.counters.events + agg.counters.passive + agg.counters.entities + agg.counters.edges, bytes, total);
  };
  try {
    await agg.open();
    // A whole file of a format DuckDB reads goes straight into the engine (the parser takes what it sets aside).
    const z = spec.mode === 'line' && spec.load && seg.fromByte === 0 ? await spec.load(agg, seg) : null;
    const parsed = z?.handled ? { lines: z.lines, endByte: z.endByte, heldBack: 0 }
      : await parseInto(spec, seg, parseOpts, events.tee(agg), between, (n) => { bytes += n; }); // tee: event store (issue 13)
    await agg.finish();
    // Written before the graph writes, not beside them: beside the offline importer they slowed it
    // by more than they took (bulk load of 10M heavy-tailed lookups 99.3 / 93.0 s against
    // 87.2 / 90.4 s, 2026-12-06): the importer is CPU-bound on 2 cores as much as disk-bound.
    if (z?.handled) await writeEventParts(agg.db, events.target, undefined, partPaths);
    // The layer's writes would contend with a warm-up still running, and then find its pages
    // anyway. Stated facts written between input chunks do not wait: held back, they would pile
    // up in memory for as long as the warm-up runs, which the chunking exists to prevent.
    await o.beforeGraphWrites;
    writer.mark('parsed');
    await between();
    await timed(nodes.drain());
    await timed(writer.writeDnsNodes(agg.takeNewNodes(), agg.tables, o.writers));
    writer.mark('nodes written');
    await timed(writer.writeDnsLayer(agg.lookups(), agg.dnsEdges(), agg.tables, 'dns', agg));
    writer.mark('edges written');
    await report.flush();
    await afterWrites?.();
    events.adopt(partPaths.splice(0));
    await events.commit(); // event store tee (issue 13): parts appear once the graph has the file
    writer.mark('event store committed');
    return { parsed, agg, writer, report, writeMs };
  } finally {
    events.adopt(partPaths.splice(0)); // removed by the abort below when not committed
    await events.abortUnlessCommitted(); // event store tee (issue 13)
    // Never leave a write running behind an error (the caller may close the database next).
    await nodes.settle();
    await agg.cleanup();
  }
}

/** A failure of one file, named with the file, its ledger entry left resumable with the reason. */
async function failed(db: Database, refName: string, key: string, e: unknown, fence?: ImportFence): Promise<never> {
  const err = e instanceof AppError ? e : new AppError(ErrorCode.IMPORT_FAILED, (e as Error)?.message ?? String(e));
  // An import that lost its lock no longer speaks for the file, which its taker may be importing:
  // the note is written only while the lock is still this import's (ledger-failed.cypher). A
  // failure the lost lock caused is named so by importFile.
  if (!isLockLost(err)) await ledgerFailed(db, key, err.message, fence).catch(() => { /* the database may be what failed */ });
  const named = err.message.includes(refName) ? err.message : `${refName}: ${err.message}`;
  throw new AppError(err.code, `${named} (the import stopped; run it again to resume where it stopped)`, { cause: e, details: err.details });
}

/** What is known of the file before the ledger is asked: read once, used by every step. */
interface FileFacts {
  file: string;
  st: Stats;
  format: FormatName;
  spec: FormatSpec;
  gz: boolean;
  sha: string;
  refName: string;
  sourceName: string;
  parseOpts: ParseOptions;
}

type RunPlan = Extract<ImportPlan, { action: 'run' }>;

export async function importFile(db: Database, file: string, o: ImportOptions): Promise<ImportSummary> {
  const t0 = Date.now();
  const f = await inspectFile(file, o);
  const plan = await planFor(db, f, o);
  if (plan.action === 'skip') return unchangedSummary(f, plan.entry, plan.notes, t0);
  const seg: ParseSegment = {
    file, gz: f.gz, fromByte: plan.entry.fromByte, fromLine: plan.entry.fromLine,
    takePartialLast: lastLineIsComplete(file, f.st, f.gz, o.liveWindowMs),
  };
  try {
    await prepare(db, f, plan, seg, o);
    const run = await runImport(db, f, plan.entry, seg, o);
    if (o.profile) printProfile(run.writer, t0);
    return await finish(db, f, plan, run, o, t0);
  } catch (e) {
    throw await explainFailure(db, o.fence, e);
  }
}

async function inspectFile(file: string, o: ImportOptions): Promise<FileFacts> {
  const st = await stat(file).catch(() => null);
  if (!st || !st.isFile()) throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: no such file.`);
  const format = !o.format || o.format === 'auto' ? await detectFileFormat(file) : o.format;
  const spec = specFor(format);
  const gz = isGzip(await readHead(file, 4));
  const sha = await sha256File(file);
  const refName = path.basename(file);
  const sourceName = o.sourceName ?? refName;
  const parseOpts: ParseOptions = { year: o.year, fileTime: st.mtimeMs, map: o.map, fileName: refName };
  return { file, st, format, spec, gz, sha, refName, sourceName, parseOpts };
}

function planFor(db: Database, f: FileFacts, o: ImportOptions): Promise<ImportPlan> {
  const { format, sourceName } = f;
  return planImport(db, {
    file: f.file, sha: f.sha, size: f.st.size, gz: f.gz, lineMode: f.spec.mode === 'line', refName: f.refName, sourceName, format,
    optionsKey: importOptionsKey({ format, map: o.map, sourceName }), flushAt: o.flushAt, batchSize: o.batchSize,
    replace: !!o.replace,
  });
}

function unchangedSummary(f: FileFacts, entry: LedgerEntry, notes: string[], t0: number): ImportSummary {
  return {
    file: f.file, format: f.format, status: 'unchanged', sourceKey: entry.sourceKey, records: 0, rejects: 0, lines: 0,
    nodesCreated: 0, edgeRows: 0, batchesSkipped: 0, notes,
    firstRejects: [], seconds: (Date.now() - t0) / 1000, writeSeconds: 0,
  };
}

/** Everything before the first write: --strict dry parse, --replace removal, the ledger's start record. */
async function prepare(db: Database, f: FileFacts, plan: RunPlan, seg: ParseSegment, o: ImportOptions): Promise<void> {
  const { entry } = plan;
  if (o.strict) await strictCheck(f.spec, seg, f.parseOpts, f.refName);
  if (plan.removeSource) await removeSourceData(db, plan.removeSource, o.eventsDir ?? path.join(path.dirname(o.reportDir), 'events'), o.fence);
  await ledgerStart(db, entry, {
    key: entry.sourceKey, kind: o.synthetic ? 'synthetic' : (o.sourceKind ?? f.spec.sourceKind), name: f.sourceName,
    sha256: f.sha, size: f.st.size, format: f.format, reliability: o.confidence ?? f.spec.reliability,
    synthetic: !!o.synthetic, title: o.title, url: o.url,
  }, o.fence);
}

/** Parse and write into the graph; a failure leaves the ledger entry resumable. */
async function runImport(db: Database, f: FileFacts, entry: LedgerEntry, seg: ParseSegment, o: ImportOptions): Promise<RunResult> {
  try {
    const writer = new GraphWriter({
      db, sourceKey: entry.sourceKey, refName: f.refName, confidence: o.confidence ?? f.spec.reliability,
      segment: f.sha, batchSize: entry.batchSize, writers: o.writers, leanLookups: o.leanLookups, fence: o.fence,
    });
    return await parseAndWrite(writer, f.spec, seg, f.parseOpts, entry, o, f.refName, f.sha, f.st.size);
  } catch (e) {
    return failed(db, f.refName, entry.key, e, o.fence);
  }
}

/** Record in the ledger how far the file is covered, and summarize. */
async function finish(db: Database, f: FileFacts, plan: RunPlan, run: RunResult, o: ImportOptions, t0: number): Promise<ImportSummary> {
  const { entry } = plan;
  const { parsed, agg, writer, report } = run;
  const records = agg.counters.events + agg.counters.passive + agg.counters.entities + agg.counters.edges;
  const coveredBytes = f.gz ? f.st.size : parsed.endByte;
  await ledgerFinish(db, f.sha, {
    bytes: coveredBytes,
    lines: entry.fromLine + parsed.lines,
    prefixSha: coveredBytes === f.st.size ? f.sha : await sha256File(f.file, coveredBytes),
    records: records + (plan.status === 'appended' ? entry.records ?? 0 : 0), rejects: agg.counters.rejects,
    heldBack: parsed.heldBack,
  }, o.fence);
  const notes = [...plan.notes, ...agg.notes];
  if (writer.stats.batchesSplit) {
    notes.push(`${writer.stats.batchesSplit} edge batch(es) outgrew the database's memory for one transaction and were written in halves (a transaction may hold a quarter of the Neo4j heap, and an edge's provenance grows by a slot for every file that sees it again); a larger INFRAGRAPH_NEO4J_HEAP_MB or a smaller INFRAGRAPH_IMPORT_BATCH avoids the repeated work`);
  }
  if (writer.stats.nodeBatchesSplit) {
    notes.push(`${writer.stats.nodeBatchesSplit} node batch(es) outgrew the database's memory for one transaction (a quarter of the Neo4j heap) and were written in halves; a larger INFRAGRAPH_NEO4J_HEAP_MB or a smaller INFRAGRAPH_IMPORT_BATCH avoids the repeated work`);
  }
  if (parsed.heldBack > 0) {
    notes.push(`the last line (${parsed.heldBack} bytes) has no line end and the file changed while it was read or in the last ${Math.round((o.liveWindowMs ?? LIVE_WINDOW_MS) / 1000)} s: held back as a line still being written; it is read when the file is imported again`);
  }
  return {
    file: f.file, format: f.format, status: plan.status, sourceKey: entry.sourceKey, records, rejects: agg.counters.rejects, lines: parsed.lines,
    nodesCreated: writer.stats.nodesCreated, edgeRows: writer.stats.edgeRows, batchesSkipped: writer.stats.batchesSkipped,
    notes, firstRejects: report.first, reportFile: report.written,
    seconds: (Date.now() - t0) / 1000, writeSeconds: run.writeMs / 1000,
  };
}
