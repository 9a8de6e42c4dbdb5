// The import lock as its holder's writes see it (domain/imports/import-lock.ts). A holder no taker
// can see (another machine) that outlives its lease unseen (a suspended VM, a laptop closed
// mid-import) loses the lock to the next import, and once continued must write nothing more. So
// every write transaction of an import first checks that the lock is still its holder's, and
// carries the holder's id in its metadata: a taker ends the transactions still open under that id
// (import-lock-end-holder.cypher) before it writes anything itself.
import type { Database, Params, Row, Tx, TxOptions } from '../../db/database.ts';
import { internalStatement } from '../../cypher/statement-files.ts';
import { AppError, ErrorCode, isAppError } from '../../errors.ts';

export interface ImportFence { key: string; owner: string }

/** The import lock went to another import while this one was stopped or cut off past its lease. */
export function lockLost(): AppError {
  return new AppError(ErrorCode.CONFLICT, 'Another import took the import lock while this one was stopped, paused or cut off past its lease (60 s), or the database was emptied, so this import wrote nothing more. Run it again when the other is done: it resumes where it stopped.', { details: { lockLost: true } });
}

export const isLockLost = (e: unknown): boolean => isAppError(e) && e.details?.lockLost === true;

/** Transaction metadata that names the lock's holder. */
export function fenceMetadata(f: ImportFence | undefined): Record<string, string> | undefined {
  return f ? { importLock: f.owner } : undefined;
}

/** The first statement of a holder's write transaction: stop unless the lock is still its own. */
export async function assertHeld(tx: Tx, f: ImportFence | undefined): Promise<void> {
  if (!f) return;
  const p = { key: f.key, owner: f.owner };
  const rows = await tx.run(internalStatement('import', 'lock-held', p), p);
  if (rows[0]?.held !== true) throw lockLost();
}

/** One write statement in its own transaction, fenced (unfenced without a lock). */
export function fencedWrite(db: Database, f: ImportFence | undefined, cypher: string, params: Params, o: TxOptions): Promise<Row[]> {
  if (!f) return db.write(cypher, params, o);
  return db.writeTx(async (tx) => {
    await assertHeld(tx, f);
    return tx.run(cypher, params);
  }, { ...o, metadata: fenceMetadata(f) });
}

/** The guard parameters of a statement that checks the lock itself (a `CALL … IN TRANSACTIONS`). */
export function guardParams(f: ImportFence | undefined): { lockKey: string; lockOwner: string } {
  return { lockKey: f?.key ?? '', lockOwner: f?.owner ?? '' };
}

/**
 * Stop unless the lock is still this holder's: asked once, without the driver's retries, in a
 * write session (a cluster's writer answers), and given up on after 10 s.
 */
export async function confirmHeld(db: Database, f: ImportFence | undefined): Promise<void> {
  if (!f) return;
  const p = { key: f.key, owner: f.owner };
  const rows = await db.autoCommit(internalStatement('import', 'lock-held', p), p, { caller: 'import:lock-held', timeoutMs: 10_000, giveUpAfterMs: 10_000 });
  if (rows[0]?.held !== true) throw lockLost();
}

/**
 * After a write failed: the lock-lost error when the lock is no longer this holder's (a batch the
 * taker ended, one that ran past its timeout while the holder was stopped), else the error itself.
 */
export async function explainFailure(db: Database, f: ImportFence | undefined, e: unknown): Promise<unknown> {
  if (!f || isLockLost(e) || isAppError(e) && e.code === ErrorCode.DB_UNAVAILABLE) return e;
  try {
    await confirmHeld(db, f);
    return e;
  } catch (why) {
    return isLockLost(why) ? why : e;
  }
}
