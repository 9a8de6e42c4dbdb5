// File reading for importers: one pass for the sha256 (the ledger key), then a streaming pass
// that hands the parser complete lines (or raw chunks). gzip is recognised by its magic bytes.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export async function sha256File(file: string, endByte?: number): Promise<string> {
  const h = createHash('sha256');
  if (endByte === 0) return h.digest('hex');
  const s = createReadStream(file, { highWaterMark: 1 << 20, end: endByte === undefined ? undefined : endByte - 1 });
  for await (const buf of s) h.update(buf as Buffer);
  return h.digest('hex');
}

export async function readHead(file: string, bytes = 65536): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The decompressed head of a gzip file, for format detection. */
export async function gunzipHead(file: string, bytes = 65536): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  const s = createReadStream(file).pipe(createGunzip());
  try {
    for await (const b of s) {
      parts.push(b as Buffer);
      n += (b as Buffer).length;
      if (n >= bytes) break;
    }
  } catch {
    // A truncated gzip still yields its head; the import itself reports the damage.
  }
  s.destroy();
  return Buffer.concat(parts).subarray(0, bytes);
}

export function openStream(file: string, gz: boolean, fromByte = 0): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 20, start: fromByte });
  return gz ? raw.pipe(createGunzip()) : raw;
}

export interface LineLoopResult {
  /** Lines handed to the callback (a too-long line counts: it was reported). */
  lines: number;
  /** Byte offset just after the last complete line (for resuming a growing plain file). */
  endByte: number;
  /** Bytes of an unfinished last line that were not handed over (held back, or cut by truncation). */
  heldBack: number;
  /** Set when a compressed stream ended early or was corrupt: the lines before it were read. */
  truncated?: string;
}

export interface LineLimits {
  /** A line longer than this is not decoded: it is skipped to its end and reported once. */
  maxLineBytes?: number;
  onTooLong?: (lineNo: number, bytes: number) => void;
}

/** 16 MiB: far above any log record, far below a string that would strain the heap. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** zlib's errors for a gzip file cut short or damaged (not I/O errors, which stay fatal). */
function isCompressedDataError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  return code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect header check|invalid (?:block type|distance|stored block)/i.test(String((e as Error)?.message));
}

/**
 * Feed complete lines to `onLine`. After each input chunk `between` is awaited, which is where
 * the importer writes what the parser gathered: reading pauses while the database catches up.
 *
 * Lines are split on the raw bytes (0x0A never occurs inside a UTF-8 sequence) and each line is
 * decoded on its own, or handed over as bytes to a parser that reads them directly (`onBytes`). Decoding the whole chunk and slicing lines out of it would make every
 * retained substring (a host name kept in a set, a cache key) pin its entire 1 MiB chunk in
 * memory — on a 10M-line log that is gigabytes.
 *
 * A line longer than `limits.maxLineBytes` is never joined into one buffer: its bytes are counted
 * and dropped up to its line end, and `onTooLong` reports it (one reject, not a failed file).
 * A gzip stream that ends early or is corrupt ends the loop as if the file ended there, with
 * `truncated` set; the unfinished line before the damage is not handed over.
 */
export async function forEachLine(
  stream: Readable,
  startLine: number,
  startByte: number,
  onLine: (line: string, lineNo: number) => void,
  between: () => Promise<void>,
  takePartialLast: boolean | (() => Promise<boolean>),
  onBytes?: (buf: Buffer, start: number, end: number, lineNo: number) => void,
  limits: LineLimits = {},
): Promise<LineLoopResult> {
  const maxLine = limits.maxLineBytes ?? MAX_LINE_BYTES;
  let rest: Buffer | null = null;
  // While > 0 we are inside a too-long line: its length so far (nothing of it is kept).
  let skipping = 0;
  let lineNo = startLine;
  let consumed = startByte;
  let truncated: string | undefined;
  const emit = (buf: Buffer, start: number, nl: number) => {
    let end = nl;
    if (end > start && buf[end - 1] === 13) end--;
    if (onBytes) onBytes(buf, start, end, ++lineNo);
    else onLine(buf.toString('utf8', start, end), ++lineNo);
  };
  const tooLong = (bytes: number) => { limits.onTooLong?.(++lineNo, bytes); };
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      let start = 0;
      let nl = buf.indexOf(10, start);
      if (skipping) {
        if (nl === -1) { skipping += buf.length; consumed += buf.length; await between(); continue; }
        tooLong(skipping + nl);
        consumed += nl + 1;
        skipping = 0;
        start = nl + 1;
        nl = buf.indexOf(10, start);
      } else if (rest) {
        if (nl === -1) {
          if (rest.length + buf.length > maxLine) {
            skipping = rest.length + buf.length;
            consumed += skipping;
            rest = null;
          } else rest = Buffer.concat([rest, buf]);
          await between();
          continue;
        }
        if (rest.length + nl > maxLine) {
          tooLong(rest.length + nl);
        } else {
          // Only the line split across chunks is joined (copying whole chunks costs 2 % of a parse).
          const joined = Buffer.concat([rest, buf.subarray(0, nl)]);
          emit(joined, 0, joined.length);
        }
        consumed += rest.length + nl + 1;
        rest = null;
        start = nl + 1;
        nl = buf.indexOf(10, start);
      }
      const chunkStart = start;
      while (nl !== -1) {
        if (nl - start > maxLine) tooLong(nl - start);
        else emit(buf, start, nl);
        start = nl + 1;
        nl = buf.indexOf(10, start);
      }
      consumed += start - chunkStart;
      if (start < buf.length) {
        if (buf.length - start > maxLine) { skipping = buf.length - start; consumed += skipping; }
        // Copy the unfinished tail so the chunk it came from can be freed.
        else rest = Buffer.from(buf.subarray(start));
      }
      await between();
    }
  } catch (e) {
    if (!isCompressedDataError(e)) throw e;
    truncated = (e as Error).message || 'compressed data damaged';
    // What was read of the line cut by the damage is not a record.
    return { lines: lineNo - startLine, endByte: consumed, heldBack: (rest?.length ?? 0) + skipping, truncated };
  }
  let endByte = consumed;
  let heldBack = 0;
  if (skipping) {
    // A too-long last line without a line end: reported, and covered (re-reading it gains nothing).
    tooLong(skipping);
    skipping = 0;
  } else if (rest && rest.length > 0) {
    // Asked only now: whether the file is still being written is best judged after reading it.
    if (typeof takePartialLast === 'boolean' ? takePartialLast : await takePartialLast()) {
      emit(rest, 0, rest.length);
      endByte = consumed + rest.length;
    } else heldBack = rest.length;
  }
  return { lines: lineNo - startLine, endByte, heldBack, ...(truncated ? { truncated } : {}) };
}
