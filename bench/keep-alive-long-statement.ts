// The embedded server hints a 30 s receive timeout to the driver (keep-alive 10 s × 3 probes, see
// Launcher.java), so a connection that carries nothing for 30 s is dropped. A statement that
// computes for longer without returning a row must still complete: the server's keep-alive sends a
// NOOP after each 10 s of silence. This runs one such statement (about 40 s here) and says whether
// it came back; a bench, not a test, because it needs that long by design.
//   npx tsx bench/keep-alive-long-statement.ts [--n 1500000000]
import { parseArgs } from 'node:util';
import { startBenchDb } from './import-support.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1500000000' } } });
const b = await startBenchDb('keep-alive', 512, 128);
try {
  const t0 = performance.now();
  try {
    const r = await b.db.read('UNWIND range(1, $n) AS x WITH x WHERE x % 1000003 = 0 RETURN count(*) AS c', { n: Number(values.n) }, { caller: 'bench:keep-alive', timeoutMs: 600_000 });
    console.log(JSON.stringify({ completed: true, seconds: +((performance.now() - t0) / 1000).toFixed(1), rows: r[0].c }));
  } catch (e) {
    console.log(JSON.stringify({ completed: false, seconds: +((performance.now() - t0) / 1000).toFixed(1), error: (e as Error).message.slice(0, 300) }));
  }
} finally {
  await b.stop();
}
