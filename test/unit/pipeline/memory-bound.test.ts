import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../server/src/errors.ts';
import { RowHalving } from '../../../server/src/importers/pipeline/memory-bound.ts';

/** A write that fits `cap` rows per transaction, as the server's memory limit would allow. */
function capped(cap: number) {
  const tries: number[] = [];
  const write = async (part: number[]) => {
    tries.push(part.length);
    if (part.length > cap) throw new AppError(ErrorCode.LIMIT_EXCEEDED, 'over the transaction memory');
    return part.map((n) => n * 10);
  };
  return { tries, write };
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('RowHalving', () => {
  it('writes a list that fits in one go', async () => {
    let splits = 0;
    const h = new RowHalving('node', () => splits++);
    const w = capped(100);
    expect(await h.write(range(10), w.write)).toEqual(range(10).map((n) => n * 10));
    expect(w.tries).toEqual([10]);
    expect(splits).toBe(0);
  });

  it('halves until the parts fit, keeping every row once and in order', async () => {
    let splits = 0;
    const h = new RowHalving('node', () => splits++);
    const w = capped(3);
    expect(await h.write(range(10), w.write)).toEqual(range(10).map((n) => n * 10));
    // 10 → 5 + 5 → (3 + 2) + (3 + 2): the 5 failed once, the second 5 is cut before it is tried.
    expect(w.tries).toEqual([10, 5, 3, 2, 3, 2]);
    expect(splits).toBe(2);
  });

  it('cuts later lists before trying them', async () => {
    const h = new RowHalving('node', () => undefined);
    const w = capped(4);
    await h.write(range(8), w.write);
    expect(w.tries).toEqual([8, 4, 4]);
    w.tries.length = 0;
    expect(await h.write(range(6, 100), w.write)).toEqual(range(6, 100).map((n) => n * 10));
    expect(w.tries).toEqual([3, 3]);
  });

  it('says what to raise when one row does not fit', async () => {
    const h = new RowHalving('node', () => undefined);
    await expect(h.write([1, 2], capped(0).write)).rejects.toMatchObject({ code: ErrorCode.IMPORT_FAILED, message: expect.stringContaining('INFRAGRAPH_NEO4J_HEAP_MB') });
  });

  it('passes other errors through untouched', async () => {
    const h = new RowHalving('node', () => undefined);
    const boom = new AppError(ErrorCode.CONFLICT, 'key taken');
    await expect(h.write([1, 2, 3], async () => { throw boom; })).rejects.toBe(boom);
  });
});
