// One import at a time per database. Two imports that ran at once could each decide that an
// edge is new (its end node "created by this import") and both CREATE it, and two runs of the
// same file could both start it; holding this lock for the whole of a file's import (ledger
// check, writes, ledger finish) makes concurrent imports give the graph of running them one
// after the other.
//
// The lock is a node: (:ImportLock {key}) with its holder and a lease the holder renews. A holder
// that died (kill -9) is recognised at once when it ran where this taker can see its process
// (the same boot and pid namespace, process-identity.ts; not merely the same host name), else
// when its lease runs out. A live holder keeps the lock however late its lease. Taking the lock
// first writes the node (`SET l.touch`), which takes Neo4j's write lock on it: a second taker
// waits for the first to commit and then reads its result, so two cannot both see the lock free.
//
// A holder that cannot be seen (another machine) and outlives its lease unseen (a suspended VM, a
// laptop closed mid-import) loses the lock to the next taker, and must then write nothing more.
// So the lock fences its holder's writes (importers/pipeline/lock-fence.ts): every write
// transaction of an import checks that the lock is still its holder's, and a taker ends the
// former holder's open transactions (import-lock-end-holder.cypher) before it writes.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { queryText, runQuery } from '../queries/query-library.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { holderAlive, selfIdentity } from './process-identity.ts';
import type { ImportFence } from '../../importers/pipeline/lock-fence.ts';

const OPTS = { caller: 'import:lock', timeoutMs: 30_000 };
// The lease renewals and the release stop waiting after this: on a database that answers they
// take milliseconds, and a lock left behind is free when its lease runs out.
const BOOKKEEPING = { ...OPTS, giveUpAfterMs: 10_000 };
// Owners this process released but whose release did not reach the database. That happens on a
// live database too (a pooled connection the server closed, a routing table naming a former
// leader); a later import in the same process (the next file of a CLI run, the server's case
// load) must not then wait for the lease.
const releasedHere = new Set<string>();

export interface LockHolder {
  owner: string; pid: number; host: string; since: string; what: string;
  /** The holder's lease ran out, but its process is alive here: stopped (Ctrl-Z) or paused. */
  leaseRanOut: boolean;
}

export interface ImportLockOptions {
  key?: string;
  /** The holder's lease; renewed every third of it. */
  leaseMs?: number;
  /** Called when the lock is held by another import and this one starts waiting, and again once the holder's lease runs out while it lives. */
  onWait?: (holder: LockHolder) => void;
  /** What this holder is doing, for whoever waits (e.g. the file name). */
  what?: string;
  pollMs?: number;
}

export class ImportLock {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database, readonly key: string, readonly owner: string, private readonly leaseMs: number) {}

  /** What the holder's writes check, and tag their transactions with. */
  get fence(): ImportFence {
    return { key: this.key, owner: this.owner };
  }

  /** Keep the lease alive while the import runs. */
  startRenewing(): void {
    this.timer = setInterval(() => {
      const params = { key: this.key, owner: this.owner, lease: this.leaseMs };
      // Run once: a renewal retried while the database is gone would hold the process's exit.
      this.db.autoCommit(queryText('imports', 'import-lock-renew', params), params, BOOKKEEPING).catch(() => { /* the next renewal tries again */ });
    }, Math.max(1000, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const params = { key: this.key, owner: this.owner };
    const cypher = queryText('imports', 'import-lock-release', params);
    // Once, and again with the driver's retries only when the database answered: when it is gone
    // the lease runs out on its own. A taker in this process sees the owner in releasedHere, one
    // in another process on this host sees our pid gone once we exit.
    const unreleased = () => { releasedHere.add(this.owner); };
    await this.db.autoCommit(cypher, params, BOOKKEEPING).catch((e) => {
      if (e instanceof AppError && e.code === ErrorCode.DB_UNAVAILABLE) return unreleased();
      return this.db.write(cypher, params, OPTS).then(() => undefined, unreleased);
    });
  }
}

/** Take the lock, waiting while another live import holds it. */
export async function acquireImportLock(db: Database, o: ImportLockOptions = {}): Promise<ImportLock> {
  const key = o.key ?? 'graph';
  const leaseMs = o.leaseMs ?? 60_000;
  const owner = randomUUID();
  const host = os.hostname();
  let waited = false;
  let saidLapsed = false;
  for (;;) {
    const rows = await db.writeTx(async (tx): Promise<{ former: string | null } | LockHolder> => {
      const r = await runQuery(tx, 'imports', 'import-lock-touch', { key });
      const cur = r[0] ?? {};
      // A holder whose process is gone died without releasing (kill -9); one of this process
      // whose release failed is free too.
      const alive = cur.owner == null ? undefined : holderAlive(cur, host);
      const dead = cur.owner != null && (releasedHere.has(String(cur.owner)) || alive === false);
      // A lease that ran out frees the lock only when the holder's process cannot be seen alive:
      // a live holder was stopped (Ctrl-Z) or paused, not gone, and it goes on writing where it
      // stopped once continued. Taking its lock let two imports write at once: six pairs got two
      // lookup edges (bench/import-stopped-holder.ts).
      const lapsed = cur.expired === true && alive !== true;
      if (cur.owner == null || lapsed || dead) {
        await runQuery(tx, 'imports', 'import-lock-take', { key, owner, pid: process.pid, host, identity: selfIdentity(), what: o.what ?? '', lease: leaseMs });
        return { former: cur.owner == null ? null : String(cur.owner) };
      }
      return { owner: String(cur.owner), pid: Number(cur.pid), host: String(cur.host), since: String(cur.since), what: String(cur.what ?? ''), leaseRanOut: cur.expired === true };
    }, OPTS);
    if ('former' in rows) {
      // After the take has committed: a batch of the former holder that starts from now on sees
      // the lock gone; one already running is ended here, before this holder writes.
      const lock = new ImportLock(db, key, owner, leaseMs);
      if (rows.former !== null) {
        try {
          await endFormerHolder(db, rows.former);
        } catch (e) {
          // The take has committed: without its release the lock would name this live process
          // and make every later import wait.
          await lock.release();
          throw e;
        }
      }
      lock.startRenewing();
      return lock;
    }
    // Said when the wait begins, and again once the holder's lease has run out while it lives.
    if (!waited || rows.leaseRanOut && !saidLapsed) { waited = true; saidLapsed = rows.leaseRanOut; o.onWait?.(rows); }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}

/**
 * End the open transactions of a lock's former holder (none when it released or died with its
 * connection). SHOW TRANSACTIONS lists a user's own transactions, and every one only to an admin:
 * imports that share a database connect as the same user (the embedded server has one).
 */
async function endFormerHolder(db: Database, former: string): Promise<void> {
  const params = { owner: former };
  await db.write(queryText('imports', 'import-lock-end-holder', params), params, OPTS);
}
