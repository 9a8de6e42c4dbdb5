// A read for untrusted Cypher (the console): run in a worker thread with its own connection, so
// that one enormous record cannot block the server's event loop while it is decoded, cannot grow
// the server's heap past the worker's cap, and cannot outlive its time limit (the worker is
// terminated, which closes its connection). The driver never retries it.
import { Worker } from 'node:worker_threads';
import { AppError, ErrorCode } from '../../errors.ts';

export interface IsolatedLimits {
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
  /** Largest single value (a list, a string, a node) in approximate JSON bytes. */
  maxValueBytes: number;
  /** Heap cap of the worker thread. */
  memoryMb: number;
}

export interface IsolatedJob extends IsolatedLimits {
  uri: string; user: string; password: string; database: string;
  cypher: string; params: Record<string, unknown>; caller: string;
}

export type IsolatedReply =
  | { ok: true; rows: Record<string, unknown>[]; columns: string[]; truncated: boolean; bytes: number }
  | { ok: false; code: string; message: string };

const WORKER = new URL('./isolated-read-worker.mjs', import.meta.url);

export function readIsolated(job: IsolatedJob): Promise<Extract<IsolatedReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const w = new Worker(WORKER, {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: job.memoryMb, maxYoungGenerationSizeMb: 16 },
      stdout: false, stderr: false,
    });
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void w.terminate();
    };
    // Neo4j stops the transaction at timeoutMs; this catches a worker still decoding past it.
    const timer = setTimeout(() => finish(() => reject(new AppError(ErrorCode.QUERY_TIMEOUT, `The query ran past the console's time limit of ${job.timeoutMs} ms (${job.caller}).`))), job.timeoutMs + 1000);
    w.on('message', (m: IsolatedReply) => finish(() => {
      if (m.ok) resolve(m);
      else reject(new AppError((m.code in ErrorCode ? m.code : ErrorCode.INTERNAL) as ErrorCode, m.message));
    }));
    w.on('error', (e: Error & { code?: string }) => finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new AppError(ErrorCode.LIMIT_EXCEEDED, `The result is too large: it passed the console's memory limit of ${job.memoryMb} MB (${job.caller}). Return less or page with SKIP/LIMIT.`)
      : new AppError(ErrorCode.INTERNAL, `The console worker failed: ${e.message}`, { cause: e }))));
    w.on('exit', (code) => finish(() => reject(new AppError(ErrorCode.INTERNAL, `The console worker stopped (exit ${code}) without an answer.`))));
  });
}
