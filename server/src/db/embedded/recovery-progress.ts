// A store killed in the middle of a large import replays its transaction logs on the next start:
// 20–28 s per GB here, and with the VOLUME checkpoint policy up to 2 GiB of log is unchecked.
// A start that gives up at a fixed deadline kills the JVM in the middle of that replay, and the
// next start replays from the same checkpoint again, so on a slow enough machine the store could
// never start (reproduced with a 10 s timeout and 1 GB of log: bench/recovery-start.sh). Neo4j
// reports the replay in its debug log, so the start's deadline runs from the last progress line
// instead of from the spawn: a start that stalls still fails after the timeout, one that recovers
// gets the time it needs.
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** One recovery step Neo4j reported: which database and what it said. */
export interface RecoveryStep {
  database: string;
  /** "log replay started", "40% completed", "index host_key online" … as short text for the terminal. */
  step: string;
}

// Lines as Neo4j 5.26 writes them (debug.log, one event per line):
//   … INFO  [o.n.k.d.Database] [neo4j/c419cbf2] Recovery required from position LogPosition{…}
//   … INFO  [o.n.k.r.Recovery] [neo4j/c419cbf2]  40% completed
//   … INFO  [o.n.k.d.Database] [neo4j/c419cbf2] Recovery in 'full' mode completed. Observed …
//   … INFO  [o.n.k.i.t.l.c.CheckPointerImpl] [neo4j/c419cbf2] Checkpoint triggered by "Recovery completed." … checkpoint started...
//   … WARN  [o.n.k.i.i.s.RangeIndexProvider] [neo4j/c419cbf2] Failed to open index:50. Requesting re-population. Cause: …
//   … INFO  [o.n.k.i.a.i.IndexPopulationJob] [neo4j/c419cbf2] Index population started: [Index( id=50, name='queried_key_index', …
//   … INFO  [o.n.k.i.a.i.IndexPopulationJob] [neo4j/c419cbf2] Index creation finished for index [Index( id=50, name='queried_key_index', …
const DB = String.raw`\[([\w.-]+)\/[0-9a-f]+\]`;
const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [new RegExp(String.raw`\[o\.n\.k\.r\.Recovery\] ${DB}\s+(\d{1,3})% completed`), (m) => `${m[2]}% completed`],
  [new RegExp(String.raw`${DB} Recovery required from position`), () => 'log replay started'],
  [new RegExp(String.raw`${DB} Recovery in '\w+' mode completed`), () => 'log replayed'],
  [new RegExp(String.raw`${DB} Checkpoint triggered by "Recovery completed\." .*checkpoint (started|completed)`), (m) => `checkpoint ${m[2]}`],
  // Indexes whose state had not reached the disk are rebuilt from the store after the replay.
  [new RegExp(String.raw`${DB} Failed to open index:\d+\. Requesting re-population`), () => 'index to rebuild'],
  [new RegExp(String.raw`\[o\.n\.k\.i\.a\.i\.IndexPopulationJob\] ${DB} Index population started: \[Index\( id=\d+, name='([^']+)'`), (m) => `index ${m[2]} populating`],
  [new RegExp(String.raw`\[o\.n\.k\.i\.a\.i\.IndexPopulationJob\] ${DB} Index creation finished for index \[Index\( id=\d+, name='([^']+)'`), (m) => `index ${m[2]} online`],
];

/** The recovery step a debug-log line reports, if it reports one. */
export function recoveryStep(line: string): RecoveryStep | undefined {
  for (const [re, step] of PATTERNS) {
    const m = re.exec(line);
    if (m) return { database: m[1], step: step(m) };
  }
  return undefined;
}

/**
 * Reads what Neo4j appends to its debug log after `watch()` was called and picks out recovery
 * steps. Reads only the new bytes on each poll; a log that shrank (rotated) is read from its start.
 */
export class RecoveryWatch {
  /** Every step seen so far, oldest first. */
  readonly steps: RecoveryStep[] = [];
  private partial = '';
  // Keeps a character split across two reads whole.
  private decoder = new StringDecoder('utf8');

  private constructor(private readonly file: string, private offset: number) {}

  static async watch(file: string): Promise<RecoveryWatch> {
    const size = await stat(file).then((s) => s.size, () => 0);
    return new RecoveryWatch(file, size);
  }

  /**
   * The steps appended since the last poll (none when the log did not move, or could not be read
   * this time: Neo4j may be rotating it; the caller's clock keeps running either way).
   */
  async poll(): Promise<RecoveryStep[]> {
    const size = await stat(this.file).then((s) => s.size, () => 0);
    if (size < this.offset) {
      this.offset = 0;
      this.partial = '';
      this.decoder = new StringDecoder('utf8');
    }
    if (size === this.offset) return [];
    let text: string;
    try {
      const fh = await open(this.file, 'r');
      try {
        const buf = Buffer.alloc(size - this.offset);
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.offset);
        this.offset += bytesRead;
        text = this.partial + this.decoder.write(buf.subarray(0, bytesRead));
      } finally {
        await fh.close();
      }
    } catch {
      return [];
    }
    const lines = text.split('\n');
    // The last piece has no newline yet: Neo4j is still writing it.
    this.partial = lines.pop() ?? '';
    const found: RecoveryStep[] = [];
    for (const line of lines) {
      const s = recoveryStep(line);
      if (s) found.push(s);
    }
    this.steps.push(...found);
    return found;
  }
}

/**
 * The start's deadline: `timeoutMs` after the spawn, pushed out to `timeoutMs` after each
 * recovery step. `now` is injectable so the rule can be tested without waiting.
 */
export class StartDeadline {
  private until: number;
  private lastStepAt?: number;

  constructor(
    private readonly watch: RecoveryWatch,
    readonly timeoutMs: number,
    private readonly onStep: (s: RecoveryStep) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.until = now() + timeoutMs;
  }

  /** Polls the debug log; true once the timeout has passed with no recovery step in it. */
  async expired(): Promise<boolean> {
    const steps = await this.watch.poll();
    if (steps.length > 0) {
      this.lastStepAt = this.now();
      this.until = Math.max(this.until, this.lastStepAt + this.timeoutMs);
      for (const s of steps) this.onStep(s);
    }
    return this.now() > this.until;
  }

  /** For the timeout's message: what the store was doing when the start gave up. */
  describe(): string {
    const last = this.watch.steps.at(-1);
    if (!last || this.lastStepAt === undefined) return '';
    const ago = Math.round((this.now() - this.lastStepAt) / 1000);
    return ` (Neo4j's last reported step, ${ago} s before: ${last.database} ${last.step})`;
  }
}
