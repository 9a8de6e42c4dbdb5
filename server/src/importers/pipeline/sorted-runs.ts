// Sorted runs on disk and their k-way merge, shared by the lookup pairs (binary runs) and the
// DNS answer edges (text runs). A run is written when an in-memory table exceeds its budget;
// at the end all runs and the table's remainder merge into one stream in which every key comes
// once, combined — so an edge is written once however the input was split.
import { rmSync } from 'node:fs';
import path from 'node:path';

/** Merge streams sorted by `compare`, combining records that compare equal (into the first). */
export function* mergeSorted<T>(streams: Iterator<T>[], compare: (a: T, b: T) => number, combine: (into: T, from: T) => void): Generator<T> {
  const heads: (T | null)[] = streams.map((s) => { const r = s.next(); return r.done ? null : r.value; });
  const pull = (i: number) => { const r = streams[i].next(); heads[i] = r.done ? null : r.value; };
  for (;;) {
    // Few runs (RunSet keeps at most MAX_RUNS): a linear scan beats a heap here.
    let min = -1;
    for (let i = 0; i < heads.length; i++) if (heads[i] !== null && (min < 0 || compare(heads[i]!, heads[min]!) < 0)) min = i;
    if (min < 0) return;
    const cur = heads[min]!;
    pull(min);
    for (let i = 0; i < heads.length; i++) {
      while (heads[i] !== null && compare(heads[i]!, cur) === 0) { combine(cur, heads[i]!); pull(i); }
    }
    yield cur;
  }
}

/** How one kind of record is stored in a run and merged. */
export interface RunFormat<T> {
  ext: string;
  write(file: string, sorted: Iterable<T>): void;
  read(file: string): IterableIterator<T>;
  compare(a: T, b: T): number;
  combine(into: T, from: T): void;
}

/** Runs kept before they are merged into one: each is an open file and a buffer at the end. */
const MAX_RUNS = 32;

export class RunSet<T> {
  private readonly files: string[] = [];

  /** `dir()` creates the spill directory on first use; `next()` numbers files across sets. */
  constructor(private readonly name: string, private readonly f: RunFormat<T>, private readonly dir: () => string, private readonly next: () => number) {}

  get size(): number { return this.files.length; }

  /** Write `sorted` as a run. Past MAX_RUNS the runs are merged into one (very large inputs only). */
  add(sorted: Iterable<T>): void {
    this.files.push(this.write(sorted));
    if (this.files.length < MAX_RUNS) return;
    const one = this.write(this.merge());
    for (const file of this.files) rmSync(file, { force: true });
    this.files.length = 0;
    this.files.push(one);
  }

  /** All runs and `rest` (sorted the same way) as one merged stream. */
  merge(rest?: IterableIterator<T>): IterableIterator<T> {
    const streams = this.files.map((file) => this.f.read(file));
    if (rest) streams.push(rest);
    return streams.length === 1 ? streams[0] : mergeSorted(streams, this.f.compare, this.f.combine);
  }

  private write(sorted: Iterable<T>): string {
    const file = path.join(this.dir(), `${this.name}-${this.next()}.${this.f.ext}`);
    this.f.write(file, sorted);
    return file;
  }
}
