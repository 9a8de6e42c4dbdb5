// Every statement the import engine runs, with when it started, how long it took and the JavaScript
// time before it (gap), for one bench/zeek-parse.ts run: where the engine's time goes beyond the
// bare peer's. Wraps DuckEngine.run/rows; prints to stderr at exit, statements or gaps ≥ --min ms.
//   node --import tsx bench/engine-trace.ts bench/out/shape-heavy-1m.log --threads 2 --no-read-out [--min 15]
import { DuckEngine } from '../server/src/importers/pipeline/duckdb-engine.ts';

const at = process.argv.indexOf('--min');
const min = at > 0 ? Number(process.argv.splice(at, 2)[1]) : 15;
const proto = DuckEngine.prototype as unknown as Record<'run' | 'rows', (sql: string, v?: unknown) => Promise<unknown>>;
const t0 = performance.now();
let last = t0;
const lines: string[] = [];
for (const m of ['run', 'rows'] as const) {
  const orig = proto[m];
  proto[m] = async function (this: DuckEngine, sql: string, v?: unknown) {
    const start = performance.now(), gap = start - last;
    let failed = false;
    try {
      return await orig.call(this, sql, v);
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      last = performance.now();
      if (failed || gap >= min || last - start >= min) {
        lines.push(`${(start - t0).toFixed(0).padStart(6)} ms  gap ${gap.toFixed(0).padStart(5)}  took ${(last - start).toFixed(0).padStart(5)}  ${failed ? 'FAILED ' : ''}${m} ${sql.replace(/\s+/g, ' ').trim().slice(0, 100)}`);
      }
    }
  };
}
process.on('exit', () => { for (const l of lines) console.error(l); });
await import('./zeek-parse.ts');
