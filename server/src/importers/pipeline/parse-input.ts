// The parse step of an import: run a format's parser over (a segment of) a file into a sink.
// Damage in the input is a reject, never a failed file: a too-long line is one reject, a gzip
// stream cut short keeps every line before the cut and reports it.
import { AppError, ErrorCode } from '../../errors.ts';
import type { FormatSpec } from '../formats.ts';
import type { ParseOptions, Sink } from '../types.ts';
import type { ByteLineParser } from '../line-parsers/counting-line-parser.ts';
import { forEachLine, MAX_LINE_BYTES, openStream } from './read-input.ts';

export interface ParseSegment {
  file: string;
  gz: boolean;
  fromByte: number;
  fromLine: number;
  /**
   * Hand over an unfinished last line (no line end)? False for a live log: the writer may be
   * half-way through it, so it is held back (not covered) and read whole once the file grows.
   * A function is asked at the end of the read, and only if there is such a line.
   */
  takePartialLast: boolean | (() => Promise<boolean>);
  maxLineBytes?: number;
}

export interface ParseResult {
  lines: number;
  endByte: number;
  /** Bytes of an unfinished last line not read this time. */
  heldBack: number;
}

/** Run a parser over the file, feeding `sink`; `between` is awaited between input chunks. */
export async function parseInto(
  spec: FormatSpec, seg: ParseSegment, opts: ParseOptions, sink: Sink,
  between: () => Promise<void>, onBytes: (n: number) => void,
): Promise<ParseResult> {
  if (spec.mode === 'line') {
    const parser = spec.create(opts);
    if (seg.fromByte > 0) await primeWithHeader(parser, seg.file);
    const stream = openStream(seg.file, seg.gz, seg.fromByte);
    stream.on('data', (b: Buffer) => onBytes(b.length));
    const lineBytes = 'bytes' in parser ? (b: Buffer, s: number, e: number, no: number) => (parser as ByteLineParser).bytes(b, s, e, no, sink) : undefined;
    const maxLineBytes = seg.maxLineBytes ?? MAX_LINE_BYTES;
    const r = await forEachLine(stream, seg.fromLine, seg.fromByte, (line, no) => parser.line(line, no, sink), between, seg.takePartialLast, lineBytes, {
      maxLineBytes,
      onTooLong: (no, bytes) => sink.reject(no, `line of ${bytes} bytes is longer than the ${maxLineBytes}-byte limit: skipped unread`),
    });
    if (r.truncated) {
      sink.reject(seg.fromLine + r.lines + 1, `compressed data ends early or is damaged (${r.truncated}): the ${r.lines} line(s) before it were read`);
    }
    parser.end(sink);
    return { lines: r.lines, endByte: r.endByte, heldBack: r.truncated ? 0 : r.heldBack };
  }
  if (spec.mode === 'byte') {
    const parser = spec.create(opts);
    let n = 0;
    for await (const b of openStream(seg.file, seg.gz)) {
      parser.chunk(b as Buffer, sink);
      n += (b as Buffer).length;
      onBytes((b as Buffer).length);
      await between();
    }
    parser.end(sink);
    return { lines: 0, endByte: n, heldBack: 0 };
  }
  const parts: Buffer[] = [];
  for await (const b of openStream(seg.file, seg.gz)) parts.push(b as Buffer);
  const buf = Buffer.concat(parts);
  onBytes(buf.length);
  spec.parse(buf.toString('utf8'), sink, opts);
  return { lines: 0, endByte: buf.length, heldBack: 0 };
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

/** --strict: a full dry parse first, so that a bad record stops the import before anything is written. */
export async function strictCheck(spec: FormatSpec, seg: ParseSegment, opts: ParseOptions, refName: string): Promise<void> {
  const dry: Sink = {
    query() {}, passive() {}, entity() {}, edge() {}, note() {},
    reject(ref, reason) { throw new StrictStop(`${refName}:${ref}: ${reason}`); },
  };
  try {
    await parseInto(spec, seg, opts, dry, async () => {}, () => {});
  } catch (e) {
    if (e instanceof StrictStop) throw new AppError(ErrorCode.IMPORT_FAILED, `--strict: ${e.message}; nothing from ${refName} was written.`);
    throw e;
  }
}
