// forEachLine against a plain split: however the input is cut into chunks, the same lines (CR
// before LF dropped, multi-byte characters intact), the same numbering, and the byte offset just
// after the last complete line (where a grown file is resumed).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forEachLine, openStream } from '../../../server/src/importers/pipeline/read-input.ts';

function reference(text: Buffer, takePartialLast: boolean) {
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf(10); nl >= 0; start = nl + 1, nl = text.indexOf(10, start)) {
    const end = nl > start && text[nl - 1] === 13 ? nl - 1 : nl;
    lines.push(text.toString('utf8', start, end));
  }
  const endOfComplete = start;
  if (start < text.length && takePartialLast) {
    const end = text[text.length - 1] === 13 ? text.length - 1 : text.length;
    lines.push(text.toString('utf8', start, end));
    return { lines, endByte: text.length, heldBack: 0 };
  }
  return { lines, endByte: endOfComplete, heldBack: text.length - endOfComplete };
}

const piece = fc.constantFrom('a', 'bc', '\n', '\r\n', '\r', 'é', '名', '\t', 'xyz\n');

describe('forEachLine', () => {
  it('gives the lines of a plain split whatever the chunk boundaries, as strings and as bytes', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(piece, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
      fc.boolean(), fc.integer({ min: 0, max: 5 }),
      async (pieces, cuts, takePartialLast, startLine) => {
        const text = Buffer.from(pieces.join(''));
        const chunks: Buffer[] = [];
        for (let at = 0, k = 0; at < text.length; k++) { const n = cuts[k % cuts.length]; chunks.push(text.subarray(at, at + n)); at += n; }
        const want = reference(text, takePartialLast);
        for (const bytes of [false, true]) {
          const got: string[] = [];
          const numbers: number[] = [];
          const r = await forEachLine(Readable.from(chunks, { objectMode: true }), startLine, 100, (line, no) => { got.push(line); numbers.push(no); },
            async () => {}, takePartialLast, bytes ? (b, s, e, no) => { got.push(b.toString('utf8', s, e)); numbers.push(no); } : undefined);
          expect(got).toEqual(want.lines);
          expect(numbers).toEqual(want.lines.map((_, i) => startLine + i + 1));
          expect(r).toEqual({ lines: want.lines.length, endByte: 100 + want.endByte, heldBack: want.heldBack });
        }
      },
    ), { numRuns: 400 });
  });
});

describe('forEachLine limits (issue 16: damaged input is a reject, never a lost file)', () => {
  const collect = async (chunks: Buffer[], max: number, takePartialLast = true) => {
    const lines: [number, string][] = [];
    const long: [number, number][] = [];
    const r = await forEachLine(Readable.from(chunks, { objectMode: true }), 0, 0, (l, no) => lines.push([no, l]), async () => {}, takePartialLast, undefined,
      { maxLineBytes: max, onTooLong: (no, bytes) => long.push([no, bytes]) });
    return { lines, long, r };
  };

  it('a line longer than the limit is one report, never joined, and the lines around it are kept', async () => {
    // 10 chunks of 1000 bytes without a newline: the long line spans all of them.
    const chunks = [Buffer.from('first\nxx'), ...Array.from({ length: 10 }, () => Buffer.alloc(1000, 97)), Buffer.from('yy\nlast\n')];
    const { lines, long, r } = await collect(chunks, 100);
    expect(lines).toEqual([[1, 'first'], [3, 'last']]);
    expect(long).toEqual([[2, 10004]]);
    expect(r).toMatchObject({ lines: 3, endByte: chunks.reduce((a, c) => a + c.length, 0), heldBack: 0 });
  });

  it('a too-long line inside one chunk and one at the end without a newline are reported too', async () => {
    const { lines, long } = await collect([Buffer.from(`a\n${'z'.repeat(50)}\nb\n${'q'.repeat(60)}`)], 20);
    expect(lines).toEqual([[1, 'a'], [3, 'b']]);
    expect(long).toEqual([[2, 50], [4, 60]]);
  });

  it('holds back an unfinished last line when asked to, and says how many bytes', async () => {
    const { lines, r } = await collect([Buffer.from('one\ntwo\nhal'), Buffer.from('f')], 1000, false);
    expect(lines).toEqual([[1, 'one'], [2, 'two']]);
    expect(r).toEqual({ lines: 2, endByte: 8, heldBack: 4 });
  });

  it('a truncated gzip keeps every complete line before the cut and says it was truncated', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`).join('\n') + '\n';
    const gz = gzipSync(text);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-gz-'));
    const file = path.join(dir, 'cut.log.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const got: string[] = [];
    const r = await forEachLine(openStream(file, true), 0, 0, (l) => got.push(l), async () => {}, true);
    expect(r.truncated).toMatch(/unexpected end of file/);
    expect(got.length).toBeGreaterThan(1000);
    expect(got).toEqual(text.split('\n').slice(0, got.length));
  });
});
