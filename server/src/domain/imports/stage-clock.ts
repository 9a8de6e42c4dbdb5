// Wall-clock time per named stage of one bulk load, said on the terminal as each stage ends and
// summed up in one line at the end, so a slow load shows where its time went (BENCHMARKS.md
// reports the same breakdown). Stages may overlap; each is timed on its own.

export interface Stage { name: string; seconds: number; detail?: string }

export class StageClock {
  readonly stages: Stage[] = [];
  /** `origin`: epoch ms the total counts from (default now). */
  constructor(private readonly say: (message: string) => void = () => {}, private readonly origin = Date.now()) {}

  /** Record a stage that ran from `startMs` until now. */
  done(name: string, startMs: number, detail?: string): Stage {
    return this.add(name, (Date.now() - startMs) / 1000, detail);
  }

  /** Record a stage timed elsewhere. */
  add(name: string, seconds: number, detail?: string): Stage {
    const s: Stage = { name, seconds, detail };
    this.stages.push(s);
    this.say(`  ${name}: ${s.seconds.toFixed(1)} s${detail ? ` (${detail})` : ''}`);
    return s;
  }

  async run<T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string | undefined): Promise<T> {
    const t = Date.now();
    const r = await fn();
    this.done(name, t, detail?.(r));
    return r;
  }

  /** Seconds since the origin. */
  elapsed(): number { return (Date.now() - this.origin) / 1000; }

  /** "name 1.2 s · name 3.4 s …" */
  summary(): string {
    return this.stages.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(' · ');
  }
}
