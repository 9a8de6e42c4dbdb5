// Import one file: ledger check (same file → nothing to do; grown file → only the new part;
// interrupted run → resume), then parse → aggregate → batched writes, and a summary.
import { stat, mkdir, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { FORMATS, type FormatSpec } from '../formats.ts';
import { detectFormat } from '../detect-format.ts';
import type { FormatName, ParseOptions, Sink, SourceKind } from '../types.ts';
import { Aggregator, type Chunk, type RejectInfo } from './aggregate.ts';
import { GraphWriter } from './graph-writer.ts';
import { ledgerBySourceName, ledgerFinish, ledgerGet, ledgerStart, type LedgerEntry } from './ledger.ts';
import { loadZeekTsv } from './duckdb-zeek-tsv.ts';
import { writeEventParts } from './duckdb-event-parts.ts';
import { forEachLine, gunzipHead, isGzip, openStream, readHead, sha256File } from './read-input.ts';
import { ImportEvents, type ImportEventsOptions } from '../../events/import-events.ts'; // event store tee (issue 13)

export interface ImportOptions extends Partial<Omit<ImportEventsOptions, 'reportDir'>> { // + event store root/settings (issue 13)
  format?: FormatName | 'auto';
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
  batchSize: number;
  writers: number;
  flushAt: number;
  reportDir: string;
  /** Print time per statement kind to stderr at the end. */
  profile?: boolean;
  /** Progress callback: records parsed so far, bytes read so far, total bytes. */
  onProgress?: (records: number, bytes: number, total: number) => void;
}

export interface ImportSummary {
  file: string;
  format: FormatName;
  status: 'imported' | 'appended' | 'resumed' | 'unchanged';
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

const FIRST_REJECTS = 20;

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

function specFor(format: FormatName): FormatSpec {
  if (format === 'case') throw new AppError(ErrorCode.BAD_USER_INPUT, 'Case files are imported by the case importer.');
  const s = FORMATS[format];
  if (!s) throw new AppError(ErrorCode.BAD_USER_INPUT, `Unknown format "${format}".`);
  return s;
}

/** Run a parser over the file, feeding `sink`; `between` is awaited between input chunks. */
async function parseInto(
  spec: FormatSpec, file: string, gz: boolean, fromByte: number, fromLine: number, opts: ParseOptions,
  sink: Sink, between: () => Promise<void>, onBytes: (n: number) => void,
): Promise<{ lines: number; endByte: number }> {
  if (spec.mode === 'line') {
    const parser = spec.create(opts);
    if (fromByte > 0) await primeWithHeader(parser, file);
    const stream = openStream(file, gz, fromByte);
    stream.on('data', (b: Buffer) => onBytes(b.length));
    const r = await forEachLine(stream, fromLine, fromByte, (line, no) => parser.line(line, no, sink), between, true);
    parser.end(sink);
    return r;
  }
  if (spec.mode === 'byte') {
    const parser = spec.create(opts);
    let n = 0;
    for await (const b of openStream(file, gz)) {
      parser.chunk(b as Buffer, sink);
      n += (b as Buffer).length;
      onBytes((b as Buffer).length);
      await between();
    }
    parser.end(sink);
    return { lines: 0, endByte: n };
  }
  const parts: Buffer[] = [];
  for await (const b of openStream(file, gz)) parts.push(b as Buffer);
  const buf = Buffer.concat(parts);
  onBytes(buf.length);
  spec.parse(buf.toString('utf8'), sink, opts);
  return { lines: 0, endByte: buf.length };
}

class StrictStop extends Error {}
class Primed extends Error {}

/**
 * Resuming a grown file mid-way, the parser has not seen the file's header (Zeek's #fields, a
 * CSV header row). Feed it the head of the file until it produces its first record, and drop
 * what it produces: from then on it reads the appended lines as it would have in one pass.
 */
async function primeWithHeader(parser: { line(t: string, n: number, s: Sink): void }, file: string): Promise<void> {
  const stop = () => { throw new Primed(); };
  const sink: Sink = { query: stop, passive: stop, entity: stop, edge: stop, reject: stop, note() {} };
  try {
    await forEachLine(openStream(file, false, 0), 0, 0, (line, no) => parser.line(line, no, sink), async () => {}, true);
  } catch (e) {
    if (!(e instanceof Primed)) throw e;
  }
}

export async function importFile(db: Database, file: string, o: ImportOptions): Promise<ImportSummary> {
  const t0 = Date.now();
  const st = await stat(file).catch(() => null);
  if (!st || !st.isFile()) throw new AppError(ErrorCode.BAD_USER_INPUT, `${file}: no such file.`);
  const format = !o.format || o.format === 'auto' ? await detectFileFormat(file) : o.format;
  const spec = specFor(format);
  const head = await readHead(file, 4);
  const gz = isGzip(head);
  const sha = await sha256File(file);
  const refName = path.basename(file);
  const sourceName = o.sourceName ?? refName;
  const parseOpts: ParseOptions = { year: o.year, fileTime: st.mtimeMs, map: o.map, fileName: refName };

  const existing = await ledgerGet(db, sha);
  if (existing?.status === 'done') {
    return {
      file, format, status: 'unchanged', sourceKey: existing.sourceKey, records: 0, rejects: 0, lines: 0,
      nodesCreated: 0, edgeRows: 0, batchesSkipped: 0, notes: ['already imported (same sha256): nothing to do'],
      firstRejects: [], seconds: (Date.now() - t0) / 1000, writeSeconds: 0,
    };
  }

  let entry: LedgerEntry;
  let status: ImportSummary['status'] = 'imported';
  if (existing) {
    // An interrupted run of this exact file: resume with the chunking it started with.
    entry = existing;
    status = 'resumed';
  } else {
    entry = {
      key: sha, sourceKey: `src:${sha.slice(0, 16)}`, sourceName, path: refName, format, status: 'running',
      bytes: 0, lines: 0, prefixSha: '', fromByte: 0, fromLine: 0, flushAt: o.flushAt, batchSize: o.batchSize, gz,
    };
    if (!gz && spec.mode === 'line') {
      for (const prev of await ledgerBySourceName(db, sourceName)) {
        if (prev.bytes <= 0 || prev.bytes >= st.size) continue;
        if ((await sha256File(file, prev.bytes)) !== prev.prefixSha) continue;
        entry = { ...entry, sourceKey: prev.sourceKey, fromByte: prev.bytes, fromLine: prev.lines };
        status = 'appended';
        break;
      }
    }
  }

  // --strict: a full dry parse first, so that a bad record stops the import before anything is written.
  if (o.strict) {
    const dry: Sink = {
      query() {}, passive() {}, entity() {}, edge() {}, note() {},
      reject(ref, reason) { throw new StrictStop(`${refName}:${ref}: ${reason}`); },
    };
    try {
      await parseInto(spec, file, gz, entry.fromByte, entry.fromLine, parseOpts, dry, async () => {}, () => {});
    } catch (e) {
      if (e instanceof StrictStop) throw new AppError(ErrorCode.IMPORT_FAILED, `--strict: ${e.message}; nothing from ${refName} was written.`);
      throw e;
    }
  }

  await ledgerStart(db, entry, {
    key: entry.sourceKey, kind: o.synthetic ? 'synthetic' : (o.sourceKind ?? spec.sourceKind), name: sourceName,
    sha256: sha, size: st.size, format, reliability: o.confidence ?? spec.reliability,
    synthetic: !!o.synthetic, title: o.title, url: o.url,
  });

  const writer = new GraphWriter({
    db, sourceKey: entry.sourceKey, refName, confidence: o.confidence ?? spec.reliability,
    segment: sha, batchSize: entry.batchSize, writers: o.writers,
  });
  const pending: Chunk[] = [];
  const firstRejects: RejectInfo[] = [];
  await mkdir(o.reportDir, { recursive: true });
  const reportFile = path.join(o.reportDir, `${refName}.${sha.slice(0, 12)}.rejects.tsv`);
  let reportStarted = false;
  let reportBuf = '';
  const agg = new Aggregator({
    flushAt: entry.flushAt,
    spillDir: path.join(path.dirname(o.reportDir), 'engine', sha.slice(0, 16)),
    onChunk: (c) => pending.push(c),
    onReject: (r) => {
      if (firstRejects.length < FIRST_REJECTS) firstRejects.push(r);
      reportBuf += `${refName}:${r.ref}\t${r.reason.replace(/[\t\n]/g, ' ')}\n`;
    },
  });
  const flushReport = async () => {
    if (!reportBuf) return;
    if (!reportStarted) { await writeFile(reportFile, 'record\treason\n'); reportStarted = true; }
    await appendFile(reportFile, reportBuf);
    reportBuf = '';
  };
  let bytes = entry.fromByte;
  let writeMs = 0;
  // Nodes first seen in DNS data are written while parsing goes on (one write at a time, at
  // least a batch of them). Lookups and DNS edges are written once at the end, each fully
  // aggregated, after all their nodes.
  let nodeWrite: Promise<void> | null = null;
  let nodeWriteFailed: unknown = null;
  const startNodeWrite = () => {
    const p = writer.writeDnsNodes(agg.takeNewNodes(), agg.tables);
    nodeWrite = p;
    // A failure stops the import at the next input chunk (and is awaited on every way out).
    p.then(() => { if (nodeWrite === p) nodeWrite = null; }, (e) => { nodeWriteFailed = e; });
  };
  const timed = async (p: Promise<void>) => { const w0 = Date.now(); await p; writeMs += Date.now() - w0; };
  const between = async () => {
    if (nodeWriteFailed) throw nodeWriteFailed;
    await events.between(); // event store tee (issue 13)
    while (pending.length) await timed(writer.writeNodesAndFacts(pending.shift()!));
    // No waiting here: pending nodes are only ids (their keys are interned anyway), so parsing
    // never stalls on the database; whatever is left is written in parallel after the parse.
    if (!nodeWrite && agg.pendingNodes >= entry.batchSize) startNodeWrite();
    if (reportBuf.length > 65536) await flushReport();
    o.onProgress?.(agg.counters.events + agg.counters.passive + agg.counters.entities + agg.counters.edges, bytes, st.size);
  };
  const events = await ImportEvents.open(o, entry.sourceKey, sha, entry.fromByte, refName); // event store tee (issue 13)
  let r: { lines: number; endByte: number };
  try {
    await agg.open();
    // Zeek TSV from the start of the file: read by DuckDB (the parser takes what it sets aside).
    const z = format === 'zeek-tsv' && entry.fromByte === 0 ? await loadZeekTsv(agg, file, gz) : null;
    r = z?.handled ? { lines: z.lines, endByte: z.endByte }
      : await parseInto(spec, file, gz, entry.fromByte, entry.fromLine, parseOpts, events.tee(agg), between, (n) => { bytes += n; }); // tee: event store (issue 13)
    await agg.finish();
    // Lookups DuckDB read itself never passed the tee: their parts come straight from the engine's table.
    if (z?.handled) await writeEventParts(agg, { root: events.root, sourceKey: entry.sourceKey, fileKey: sha.slice(0, 16), file: refName });
    writer.mark('parsed');
    await between();
    if (nodeWrite) await timed(nodeWrite);
    await timed(writer.writeDnsNodes(agg.takeNewNodes(), agg.tables, o.writers));
    writer.mark('nodes written');
    await timed(writer.writeDnsLayer(agg.lookups(), agg.dnsEdges(), agg.tables, 'dns'));
    writer.mark('edges written');
    await events.commit(); // event store tee (issue 13): parts appear once the graph has the file
  } finally {
    await events.abortUnlessCommitted(); // event store tee (issue 13)
    // Never leave a write running behind an error (the caller may close the database next).
    if (nodeWrite) await (nodeWrite as Promise<void>).catch(() => {});
    await agg.cleanup();
  }
  await flushReport();

  if (o.profile) {
    for (const [k, at] of writer.marks) process.stderr.write(`profile at ${((at - t0) / 1000).toFixed(1)} s: ${k}\n`);
    for (const [k, v] of writer.timings) process.stderr.write(`profile ${k}: ${v.rows} rows in ${(v.ms / 1000).toFixed(1)} s (${Math.round(v.rows / Math.max(0.001, v.ms / 1000))} rows/s)\n`);
  }
  const records = agg.counters.events + agg.counters.passive + agg.counters.entities + agg.counters.edges;
  const coveredBytes = gz ? st.size : r.endByte;
  await ledgerFinish(db, sha, {
    bytes: coveredBytes,
    lines: entry.fromLine + r.lines,
    prefixSha: coveredBytes === st.size ? sha : await sha256File(file, coveredBytes),
    records, rejects: agg.counters.rejects,
  });
  return {
    file, format, status, sourceKey: entry.sourceKey, records, rejects: agg.counters.rejects, lines: r.lines,
    nodesCreated: writer.stats.nodesCreated, edgeRows: writer.stats.edgeRows, batchesSkipped: writer.stats.batchesSkipped,
    notes: agg.notes, firstRejects, reportFile: reportStarted ? reportFile : undefined,
    seconds: (Date.now() - t0) / 1000, writeSeconds: writeMs / 1000,
  };
}
