// forEachLine against a plain split: however the input is cut into chunks, the same lines (CR
// before LF dropped, multi-byte characters intact), the same numbering, and the byte offset just
// after the last complete line (where a grown file is resumed).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forEachLine } from '../../../server/src/importers/pipeline/read-input.ts';

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
    return { lines, endByte: text.length };
  }
  return { lines, endByte: endOfComplete };
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
          expect(r).toEqual({ lines: want.lines.length, endByte: 100 + want.endByte });
        }
      },
    ), { numRuns: 400 });
  });
});
