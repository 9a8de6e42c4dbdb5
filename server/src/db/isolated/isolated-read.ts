// Reads of untrusted Cypher (the console) run in worker threads, each with its own connection,
// so that one enormous record cannot block the server's event loop while it is decoded, cannot
// grow the server's heap past the worker's cap, and cannot outlive its time limit (the worker is
// terminated, which closes its connection, and a fresh one takes its place). The driver there
// never retries. A small pool keeps workers warm: starting one costs about a second.
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

export type IsolatedOk = { ok: true; rows: Record<string, unknown>[]; columns: string[]; truncated: boolean; bytes: number };
export type IsolatedReply = IsolatedOk | { ok: false; code: string; message: string };

const WORKER = new URL('./isolated-read-worker.mjs', import.meta.url);
const WORKER_START_MS = 180_000;

interface Slot { worker: Worker; ready: Promise<void>; busy: boolean; memoryMb: number }
interface Waiting { job: IsolatedJob; resolve: (r: IsolatedOk) => void; reject: (e: unknown) => void; queuedAt: number }

export class IsolatedReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Waiting[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size = 2) {}

  run(job: IsolatedJob): Promise<IsolatedOk> {
    if (this.closed) return Promise.reject(new AppError(ErrorCode.DB_UNAVAILABLE, 'The database connection is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject, queuedAt: Date.now() });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.reject(new AppError(ErrorCode.DB_UNAVAILABLE, 'The database connection is closed.'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(memoryMb: number): Slot {
    const worker = new Worker(WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16 },
      stdout: false, stderr: false,
    });
    worker.unref();
    const ready = new Promise<void>((res, rej) => {
      worker.once('message', (m) => (m === 'ready' ? res() : rej(new Error(`unexpected first message ${String(m)}`))));
      worker.once('error', rej);
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, busy: false, memoryMb };
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private pump(): void {
    while (this.queue.length) {
      const w = this.queue[0];
      let slot = this.slots.find((s) => !s.busy && s.memoryMb === w.job.memoryMb);
      if (!slot && this.slots.length >= this.size) {
        const idle = this.slots.find((s) => !s.busy);
        if (!idle) return;
        this.drop(idle);
      }
      slot ??= this.spawn(w.job.memoryMb);
      this.queue.shift();
      slot.busy = true;
      void this.dispatch(slot, w);
    }
  }

  private async dispatch(slot: Slot, w: Waiting): Promise<void> {
    const { job } = w;
    const id = this.nextId++;
    const queuedMs = Date.now() - w.queuedAt;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (broken: boolean, f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      if (broken) this.drop(slot);
      else slot.busy = false;
      f();
      this.pump();
    };
    const onMessage = (m: { id: number; reply: IsolatedReply }) => {
      if (m?.id !== id) return;
      finish(false, () => {
        if (m.reply.ok) w.resolve(m.reply);
        else w.reject(new AppError((m.reply.code in ErrorCode ? m.reply.code : ErrorCode.INTERNAL) as ErrorCode, m.reply.message));
      });
    };
    const onError = (e: Error & { code?: string }) => finish(true, () => w.reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new AppError(ErrorCode.LIMIT_EXCEEDED, `The result is too large: it passed the console's memory limit of ${job.memoryMb} MB (${job.caller}). Return less or page with SKIP/LIMIT.`)
      : new AppError(ErrorCode.INTERNAL, `The console worker failed: ${e.message}`, { cause: e })));
    const onExit = (code: number) => finish(true, () => w.reject(new AppError(ErrorCode.INTERNAL, `The console worker stopped (exit ${code}) without an answer.`)));
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    slot.worker.on('exit', onExit);
    // A worker's start (loading the driver and the TypeScript sources) is not the query's time: on
    // a loaded machine it alone can take longer than the console's limit. It has its own bound.
    timer = setTimeout(() => finish(true, () => w.reject(new AppError(ErrorCode.DB_UNAVAILABLE, `The console worker did not start within ${WORKER_START_MS / 1000} s (${job.caller}).`))), WORKER_START_MS);
    try {
      await slot.ready;
    } catch (e) {
      onError(e as Error);
      return;
    }
    if (settled) return;
    clearTimeout(timer);
    // Neo4j ends the transaction at timeoutMs; this ends a worker still decoding past it. Time
    // spent queued behind other console queries counts.
    const left = Math.max(1, job.timeoutMs - queuedMs);
    timer = setTimeout(() => finish(true, () => w.reject(new AppError(ErrorCode.QUERY_TIMEOUT, `The query ran past the console's time limit of ${job.timeoutMs} ms (${job.caller}).`))), left + 1000);
    slot.worker.postMessage({ id, job: { ...job, timeoutMs: left } });
  }
}
