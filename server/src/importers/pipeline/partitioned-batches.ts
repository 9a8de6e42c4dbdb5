// Edge batches that never contend for the same nodes. Creating or updating a relationship locks
// both of its end nodes; two writers whose batches share a popular name (every client asked for
// it) wait on each other, or deadlock and retry, and the database does one writer's work.
//
// Rows go to a grid of k × k cells by (from node id mod k, to node id mod k). A cell touches only
// from-nodes of one residue and to-nodes of one residue, so cells that share neither residue
// share no node and may be written at once (for QUERIED, IP × Host, that is k disjoint cells at a
// time, the diagonals of the grid). When both ends are of one kind (ALIAS_OF: Host → Host) a node
// can be a from-node in one cell and a to-node in another, so the test is on (kind, residue)
// tokens of both ends. A cell's batch waits until no running batch holds any of its tokens.
//
// Batches stay deterministic: the rows of a cell keep their input order and a batch is cut from
// one cell at `size` rows, numbered per cell, so a re-run after a crash forms the same batches
// with the same marker keys whatever order they ran in.

export interface CellBatch<R> { cell: number; seq: number; rows: R[]; tokens: string[] }

export class PartitionedBatches<R> {
  private readonly buf: R[][];
  private readonly seqs: number[];
  private readonly running = new Map<Promise<void>, string[]>();
  private readonly held = new Set<string>();
  private failure: { e: unknown } | null = null;

  constructor(
    private readonly k: number,
    private readonly size: number,
    private readonly writers: number,
    private readonly kinds: { from: string; to: string },
    private readonly run: (b: CellBatch<R>) => Promise<void>,
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
    if (b.length >= this.size) await this.submit(cell);
  }

  private async submit(cell: number): Promise<void> {
    const rows = this.buf[cell];
    if (!rows.length) return;
    this.buf[cell] = [];
    const tokens = this.tokens(cell);
    // Wait for a free writer whose running batches share no node with this one.
    while (this.running.size >= this.writers || tokens.some((t) => this.held.has(t))) {
      await Promise.race(this.running.keys());
      if (this.failure) throw this.failure.e;
    }
    if (this.failure) throw this.failure.e;
    for (const t of tokens) this.held.add(t);
    const batch: CellBatch<R> = { cell, seq: this.seqs[cell]++, rows, tokens };
    const p: Promise<void> = this.run(batch).then(
      () => undefined,
      (e) => { this.failure ??= { e }; },
    ).finally(() => {
      this.running.delete(p);
      for (const t of tokens) this.held.delete(t);
    });
    this.running.set(p, tokens);
  }

  /** Write what is left in every cell, then wait for all; the first failure is thrown. */
  async finish(): Promise<void> {
    for (let c = 0; c < this.buf.length; c++) await this.submit(c);
    while (this.running.size) await Promise.race(this.running.keys());
    if (this.failure) throw this.failure.e;
  }

  /** After an error elsewhere: let running batches end before the caller goes on. */
  async settle(): Promise<void> {
    while (this.running.size) await Promise.race(this.running.keys());
  }
}
