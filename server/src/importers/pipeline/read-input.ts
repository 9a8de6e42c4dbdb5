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
  /** Lines handed to the callback. */
  lines: number;
  /** Byte offset just after the last complete line (for resuming a growing plain file). */
  endByte: number;
}

/**
 * Feed complete lines to `onLine`. After each input chunk `between` is awaited, which is where
 * the importer writes what the parser gathered: reading pauses while the database catches up.
 *
 * Lines are split on the raw bytes (0x0A never occurs inside a UTF-8 sequence) and each line is
 * decoded on its own, or handed over as bytes to a parser that reads them directly (`onBytes`). Decoding the whole chunk and slicing lines out of it would make every
 * retained substring (a host name kept in a set, a cache key) pin its entire 1 MiB chunk in
 * memory — on a 10M-line log that is gigabytes.
 */
export async function forEachLine(
  stream: Readable,
  startLine: number,
  startByte: number,
  onLine: (line: string, lineNo: number) => void,
  between: () => Promise<void>,
  takePartialLast: boolean,
  onBytes?: (buf: Buffer, start: number, end: number, lineNo: number) => void,
): Promise<LineLoopResult> {
  let rest: Buffer | null = null;
  let lineNo = startLine;
  let consumed = startByte;
  const emit = (buf: Buffer, start: number, nl: number) => {
    let end = nl;
    if (end > start && buf[end - 1] === 13) end--;
    if (onBytes) onBytes(buf, start, end, ++lineNo);
    else onLine(buf.toString('utf8', start, end), ++lineNo);
  };
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    let start = 0;
    let nl = buf.indexOf(10, start);
    if (rest) {
      // Only the line split across chunks is joined (copying whole chunks costs 2 % of a parse).
      if (nl === -1) { rest = Buffer.concat([rest, buf]); await between(); continue; }
      const joined = Buffer.concat([rest, buf.subarray(0, nl)]);
      emit(joined, 0, joined.length);
      consumed += rest.length;
      rest = null;
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    while (nl !== -1) {
      emit(buf, start, nl);
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    consumed += start;
    // Copy the unfinished tail so the chunk it came from can be freed.
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    await between();
  }
  let endByte = consumed;
  if (rest && rest.length > 0 && takePartialLast) {
    emit(rest, 0, rest.length);
    endByte = consumed + rest.length;
  }
  return { lines: lineNo - startLine, endByte };
}
