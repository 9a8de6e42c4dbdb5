// Edge batches that never contend for the same nodes. Creating or updating a relationship locks
// both of its end nodes; two writers whose batches share a popular name (every client asked for
// it) wait on each other, or deadlock and retry, and the database does one writer's work.
//
// Rows go to a grid of k × k cells by (from node id mod k, to node id mod k). A cell touches only
// from-nodes of one residue and to-nodes of one residue, so cells that share neither residue
// share no node and may be written at once (for QUERIED, IP × Host, that is k disjoint cells at a
// time, the diagonals of the grid). When both ends are of one kind (ALIAS_OF: Host → Host) a node
// can be a from-node in one cell and a to-node in another, so the test is on (kind, residue)
// tokens of both ends. A batch waits until no running batch holds any of its tokens.
//
// Full batches wait in a queue and a free writer takes the first one it may run, not only the
// oldest: the engine hands rows over ordered by from-node (pairs by client, answers by name), so
// the next batch to fill usually shares the from-residue of the one running. Waiting for that one
// alone kept one writer idle most of the time (bench/partitioned-batches.ts). The queue is bounded
// (`queued` batches); past it the producer waits for a writer.
//
// Batches stay deterministic: the rows of a cell keep their input order and a batch is cut from
// one cell at `size` rows, numbered per cell, so a re-run after a crash forms the same batches
// with the same marker keys whatever order they ran in.

export interface CellBatch<R> { cell: number; seq: number; rows: R[]; tokens: string[] }

export class PartitionedBatches<R> {
  private readonly buf: R[][];
  private readonly seqs: number[];
  private readonly queue: CellBatch<R>[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly held = new Set<string>();
  private failure: { e: unknown } | null = null;

  constructor(
    private readonly k: number,
    private readonly size: number,
    private readonly writers: number,
    private readonly kinds: { from: string; to: string },
    private readonly run: (b: CellBatch<R>) => Promise<void>,
    private readonly queued = 2 * k * k,
  ) {
    this.buf = Array.from({ length: k * k }, () => []);
    this.seqs = new Array(k * k).fill(0);
  }

  private tokens(cell: number): string[] {
    const i = Math.floor(cell / this.k), j = cell % this.k;
    return [`${this.kinds.from}:${i}`, `${this.kinds.to}:${j}`];
  }

  async add(fromId: number, toId: number, row: R): Promise<void> {
    const cell = (fromId % this.k) * this.k + (toId % this.k);
    const b = this.buf[cell];
    b.push(row);
    if (b.length >= this.size) {
      this.cut(cell);
      await this.drain(this.queued);
    }
  }

  private cut(cell: number): void {
    const rows = this.buf[cell];
    if (!rows.length) return;
    this.buf[cell] = [];
    this.queue.push({ cell, seq: this.seqs[cell]++, rows, tokens: this.tokens(cell) });
  }

  /** Start what may start; wait while more than `limit` batches wait. */
  private async drain(limit: number): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure.e;
      this.dispatch();
      // With nothing running, dispatch has started the queue's head (no token is held).
      if (this.queue.length <= limit || !this.running.size) return;
      await Promise.race(this.running);
    }
  }

  /** Start queued batches, oldest first, while a writer is free and their nodes are not held. */
  private dispatch(): void {
    for (let i = 0; i < this.queue.length && this.running.size < this.writers && !this.failure;) {
      const b = this.queue[i];
      if (b.tokens.some((t) => this.held.has(t))) { i++; continue; }
      this.queue.splice(i, 1);
      for (const t of b.tokens) this.held.add(t);
      const p: Promise<void> = this.run(b).then(
        () => undefined,
        (e) => { this.failure ??= { e }; },
      ).finally(() => {
        this.running.delete(p);
        for (const t of b.tokens) this.held.delete(t);
      });
      this.running.add(p);
    }
  }

  /** Write what is left in every cell, then wait for all; the first failure is thrown. */
  async finish(): Promise<void> {
    for (let c = 0; c < this.buf.length; c++) this.cut(c);
    await this.drain(0);
    await this.settle();
    if (this.failure) throw this.failure.e;
  }

  /** After an error elsewhere: let running batches end before the caller goes on. */
  async settle(): Promise<void> {
    while (this.running.size) await Promise.race(this.running);
  }
}
