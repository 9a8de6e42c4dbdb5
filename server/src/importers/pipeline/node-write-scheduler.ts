// Nodes first seen in DNS data are written while parsing goes on (one write at a time, at least
// a batch of them), so that the edge writes at the end find them. Parsing never waits for these
// writes: pending nodes are only ids; a failure stops the import at the next input chunk.
import type { Aggregator } from './aggregate.ts';
import type { LayerWriter } from './layer-writer.ts';

export class NodeWriteScheduler {
  private running: Promise<void> | null = null;
  private failed: unknown = null;
  private failedSet = false;

  constructor(private readonly writer: LayerWriter, private readonly agg: Aggregator, private readonly batchSize: number) {}

  /** Between input chunks: rethrow a failed write, start the next one when a batch is pending. */
  poll(): void {
    if (this.failedSet) throw this.failed;
    if (!this.running && this.agg.pendingNodes >= this.batchSize) this.start();
  }

  private start(): void {
    const p = this.writer.writeDnsNodes(this.agg.takeNewNodes(), this.agg.tables);
    this.running = p;
    p.then(() => { if (this.running === p) this.running = null; }, (e) => { this.failed = e; this.failedSet = true; });
  }

  /** Wait for the write on its way (if any); its failure is thrown. */
  async drain(): Promise<void> {
    if (this.running) await this.running;
    this.running = null;
  }

  /** On the way out after an error: never leave a write running behind it. */
  async settle(): Promise<void> {
    if (this.running) await this.running.catch(() => {});
    this.running = null;
  }
}
