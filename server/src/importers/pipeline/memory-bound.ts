// Import writes whose one transaction may outgrow the server's memory for a transaction
// (db.memory.transaction.max, a quarter of the heap unless set): how such a transaction fails
// fast, and how idempotent writes go on in halves.
import type { Database, Tx, TxOptions } from '../../db/database.ts';
import { AppError, ErrorCode, isAppError } from '../../errors.ts';
import { assertHeld, fenceMetadata, type ImportFence } from './lock-fence.ts';

export const isMemoryLimit = (e: unknown): boolean => isAppError(e) && e.code === ErrorCode.LIMIT_EXCEEDED;

/** What to say when one row (one node, one edge's provenance) cannot be written on its own. */
export function oneRowTooBig(what: string, cause: unknown): AppError {
  return new AppError(ErrorCode.IMPORT_FAILED, `${what} needs more memory than the database allows for one transaction: raise INFRAGRAPH_NEO4J_HEAP_MB (a quarter of the heap is the limit) or the server's db.memory.transaction.max.`, { cause });
}

export interface BoundedWrite<T> { value: T; /** ms from the end of the work to the end of the commit */ commitMs: number }

/**
 * One write transaction that ends with LIMIT_EXCEEDED when its commit outgrows the memory. The
 * driver counts that commit error as transient and would repeat the whole transaction for 15 s,
 * failing the same way each time; the work never sees the commit's error, so a repeat after the
 * work had completed is taken for it. Another failure at commit is then reported the same way:
 * harmless here, since the caller writes the rows again in halves, exactly once either way.
 * `halvable` false (one row) leaves the driver's retries alone.
 */
export async function writeBounded<T>(
  db: Database, work: (tx: Tx) => Promise<T>, o: TxOptions & { halvable: boolean; onRepeat?: () => void; fence?: ImportFence },
): Promise<BoundedWrite<T>> {
  let done = 0;
  let attempts = 0;
  const value = await db.writeTx(async (tx) => {
    if (attempts++) {
      o.onRepeat?.();
      if (done && o.halvable) throw new AppError(ErrorCode.LIMIT_EXCEEDED, `A transaction of ${o.caller} failed at commit; it is written in halves.`);
    }
    done = 0;
    await assertHeld(tx, o.fence);
    const v = await work(tx);
    done = Date.now();
    return v;
  }, { caller: o.caller, timeoutMs: o.timeoutMs, metadata: fenceMetadata(o.fence) });
  return { value, commitMs: Date.now() - done };
}

/**
 * Idempotent writes (node MERGEs) of a list of rows: a list that does not fit in one transaction
 * is written in halves, cut by position, halving again as needed. Later lists over the size
 * that failed are cut before they are tried: a failed attempt costs as much as the write.
 */
export class RowHalving {
  private fits = Infinity;

  constructor(private readonly what: string, private readonly onSplit: () => void) {}

  async write<T, R>(rows: T[], write: (part: T[]) => Promise<R[]>): Promise<R[]> {
    if (rows.length > this.fits) return this.halves(rows, write);
    try {
      return await write(rows);
    } catch (e) {
      if (!isMemoryLimit(e)) throw e;
      if (rows.length < 2) throw oneRowTooBig(`One ${this.what}`, e);
      this.fits = Math.min(this.fits, Math.ceil(rows.length / 2));
      this.onSplit();
      return this.halves(rows, write);
    }
  }

  private async halves<T, R>(rows: T[], write: (part: T[]) => Promise<R[]>): Promise<R[]> {
    const mid = Math.ceil(rows.length / 2);
    return [...await this.write(rows.slice(0, mid), write), ...await this.write(rows.slice(mid), write)];
  }
}
