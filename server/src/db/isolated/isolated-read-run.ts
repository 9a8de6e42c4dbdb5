// Runs inside a worker thread (isolated-read.ts): one read transaction for the console, with its
// own driver and connection. Decoding a huge record happens here, off the server's event loop;
// this thread's heap is capped; and the limits are checked value by value as records arrive.
import { parentPort } from 'node:worker_threads';
import neo4j, { type Driver, isInt, isNode, isRelationship, isPath } from 'neo4j-driver';
import { toPlain } from '../convert.ts';
import { toCypherParams } from '../database.ts';
import { mapDbError } from '../errors.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { IsolatedJob, IsolatedReply } from './isolated-read.ts';

/**
 * Approximate JSON size of a driver value, giving up as soon as it passes `budget`: a row of a
 * million elements is refused after looking at the first few thousand, not after converting all.
 */
export function sizeWithin(v: unknown, budget: number): number {
  let total = 0;
  const stack: unknown[] = [v];
  while (stack.length) {
    if (total > budget) return total;
    const x = stack.pop();
    if (x === null || x === undefined) { total += 4; continue; }
    const t = typeof x;
    if (t === 'string') { total += (x as string).length + 2; continue; }
    if (t === 'number' || t === 'boolean' || t === 'bigint' || isInt(x)) { total += 8; continue; }
    if (Array.isArray(x)) { total += 2 + x.length; for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]); continue; }
    if (isNode(x)) { total += 64; stack.push(x.properties); continue; }
    if (isRelationship(x)) { total += 96; stack.push(x.properties); continue; }
    if (isPath(x)) { total += 16; for (const s of x.segments) stack.push(s.start, s.relationship, s.end); continue; }
    if (t === 'object') {
      for (const [k, val] of Object.entries(x as Record<string, unknown>)) { total += k.length + 4; stack.push(val); }
      continue;
    }
    total += 16;
  }
  return total;
}

let driver: Driver | undefined;
let driverKey = '';

/** One driver per worker, kept between jobs (a connection handshake per query would dominate). */
function driverFor(job: IsolatedJob): Driver {
  const key = `${job.uri}\n${job.user}\n${job.password}`;
  if (driver && driverKey === key) return driver;
  void driver?.close();
  driverKey = key;
  driver = neo4j.driver(job.uri, neo4j.auth.basic(job.user, job.password), {
    // One attempt: a console query that failed is reported, never silently run again.
    maxTransactionRetryTime: 0,
    maxConnectionPoolSize: 2,
    userAgent: 'infragraph/0.1 console',
    logging: { level: 'error', logger: () => undefined },
  });
  return driver;
}

async function run(job: IsolatedJob): Promise<IsolatedReply> {
  // Small batches: the server stops producing once we stop pulling.
  const session = driverFor(job).session({ database: job.database, defaultAccessMode: neo4j.session.READ, fetchSize: 50 });
  try {
    // An explicit transaction, not executeRead: the driver retries only transaction functions.
    const tx = await session.beginTransaction({ timeout: job.timeoutMs, metadata: { app: 'infragraph', caller: job.caller } });
    try {
      const res = tx.run(job.cypher, toCypherParams(job.params) as Record<string, unknown>);
      const rows: Record<string, unknown>[] = [];
      let columns: string[] = [];
      let bytes = 0;
      let truncated = false;
      for await (const r of res) {
        if (columns.length === 0) columns = r.keys as string[];
        if (rows.length >= job.maxRows) { truncated = true; break; }
        let rowBytes = 0;
        for (const k of r.keys) {
          const left = Math.min(job.maxValueBytes, job.maxBytes - bytes - rowBytes);
          const n = sizeWithin(r.get(k), left);
          if (n > job.maxValueBytes) {
            throw new AppError(ErrorCode.LIMIT_EXCEEDED, `Column ${String(k)} of row ${rows.length + 1} is larger than the console's limit of ${job.maxValueBytes} bytes per value: return less (e.g. size(list), a slice list[0..100]) or page with SKIP/LIMIT.`);
          }
          rowBytes += n;
          if (bytes + rowBytes > job.maxBytes) break;
        }
        if (bytes + rowBytes > job.maxBytes) {
          if (rows.length === 0) {
            throw new AppError(ErrorCode.LIMIT_EXCEEDED, `The first row is larger than the console's limit of ${job.maxBytes} bytes: return less or page with SKIP/LIMIT.`);
          }
          truncated = true;
          break;
        }
        bytes += rowBytes;
        const row: Record<string, unknown> = {};
        for (const k of r.keys) row[k as string] = toPlain(r.get(k));
        rows.push(row);
      }
      if (columns.length === 0) columns = (await res.keys()) as string[];
      return { ok: true, rows, columns, truncated, bytes };
    } finally {
      await tx.rollback().catch(() => undefined);
    }
  } catch (e) {
    const a = mapDbError(e, job.caller);
    return { ok: false, code: a.code, message: a.message };
  } finally {
    await session.close().catch(() => undefined);
  }
}

// Jobs arrive one at a time (the pool never sends a second before the first is answered).
parentPort?.on('message', async (m: { id: number; job: IsolatedJob } | 'close') => {
  if (m === 'close') {
    await driver?.close().catch(() => undefined);
    process.exit(0);
  }
  const reply = await run(m.job);
  parentPort!.postMessage({ id: m.id, reply });
});
parentPort?.postMessage('ready');
