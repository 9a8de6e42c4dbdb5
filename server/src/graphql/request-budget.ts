// A per-request time budget: every database call a request makes, in parallel or one after the
// other, gets a transaction timeout of at most what is left of the request's budget, and none
// starts once it is spent. The cost limit (limits.ts) refuses requests that would obviously be
// too big; this bounds the ones whose cost was estimated too low.
import { giveUpAfter, type Database, type TxOptions } from '../db/database.ts';
import { AppError, ErrorCode } from '../errors.ts';

type Clamped = <O extends TxOptions>(o: O) => O;

/** How long past its timeout a transaction's answer may take to arrive (the commit, the network). */
const ANSWER_GRACE_MS = 5000;
const GIVE_UP_ON = new Set(['readTx', 'explain', 'readLimited']);

/** A view of `db` for one request: same connection pool, timeouts clamped to the deadline. */
export function budgetedDb(db: Database, budgetMs: number, now = Date.now()): Database {
  const deadline = now + budgetMs;
  const clamp: Clamped = (o) => {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new AppError(ErrorCode.QUERY_TIMEOUT, `The request used up its time budget of ${budgetMs} ms before ${o.caller} could run; ask for less in one request.`);
    }
    return { ...o, timeoutMs: Math.max(1, Math.min(o.timeoutMs ?? Number.POSITIVE_INFINITY, left)) };
  };
  const view = Object.create(db) as Database;
  const wrap = <K extends 'readTx' | 'writeTx' | 'read' | 'write' | 'explain' | 'readLimited' | 'readIsolated'>(name: K, optIndex: number) => {
    const orig = (db[name] as (...args: unknown[]) => Promise<unknown>);
    Object.defineProperty(view, name, {
      value: function (this: Database, ...args: unknown[]) {
        let o: TxOptions;
        try {
          o = clamp(args[optIndex] as TxOptions);
        } catch (e) {
          return Promise.reject(e);
        }
        args[optIndex] = o;
        const work = orig.apply(this, args);
        // The server ends the transaction at its timeout; a database that stopped answering
        // cannot say so, and the request would wait for the driver's receive timeout instead.
        // Reads only: a write given up on might still commit, and a retry would write it twice.
        // And not the console's isolated reads, whose time includes their worker queue.
        if (!GIVE_UP_ON.has(name)) return work;
        return giveUpAfter(work, o.timeoutMs! + ANSWER_GRACE_MS, o.caller, () => new AppError(
          ErrorCode.QUERY_TIMEOUT, `The graph database did not answer within the request's time budget of ${budgetMs} ms (${o.caller}).`,
        ));
      },
    });
  };
  wrap('readTx', 1);
  wrap('writeTx', 1);
  wrap('explain', 2);
  wrap('readLimited', 2);
  wrap('readIsolated', 2);
  // read/write call this.readTx/this.writeTx, which are the clamped ones on the view.
  return view;
}
