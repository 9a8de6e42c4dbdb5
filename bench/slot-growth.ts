// What a known pair costs as its provenance slots grow. Every imported file is a Source, and each
// source that sees a pair again adds one slot to six arrays on its lookup edge. Zeek rotates
// dns.log hourly by default, so a pair seen every hour gains 24 slots a day. This imports one
// hourly file after another through the product's front door (importFiles, the CLI's path), each
// with the same --pairs client–name pairs (one lookup each, the hour's own times), and prints each
// hour's import time, the edges' slot count and how many batches had to be written in halves
// because they outgrew the server's transaction memory (a quarter of --heap-mb; 512 MB by default),
// edge batches and node batches (the first hour creates every node: --heap-mb 256 --pairs 20000).
//   npx tsx bench/slot-growth.ts [--pairs 10000] [--hours 72] [--heap-mb 2048] [--batch 10000] [--profile]
import { parseArgs } from 'node:util';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { OUT, startBenchDb } from './import-support.ts';
import { importFiles } from '../server/src/domain/imports/import-files.ts';
import { writeHourlyRepeats } from './gen/hourly-repeats.ts';

const { values } = parseArgs({ options: { pairs: { type: 'string', default: '10000' }, hours: { type: 'string', default: '72' }, 'heap-mb': { type: 'string', default: '2048' }, batch: { type: 'string', default: '10000' }, profile: { type: 'boolean', default: false } } });
const PAIRS = Number(values.pairs), HOURS = Number(values.hours), HEAP = Number(values['heap-mb']);
const dir = path.join(OUT, 'slot-growth');

const hourFile = (h: number) => writeHourlyRepeats(path.join(dir, `dns.${String(h).padStart(4, '0')}.log`), PAIRS, h);

async function main() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const b = await startBenchDb('slots', HEAP, 2048);
  const o = { batchSize: Number(values.batch), writers: 2, flushAt: 100_000, reportDir: path.join(dir, 'reports'), linkPrefixes: false, profile: values.profile };
  const report = new Set([1, 2, 4, 8, 16, 24, 32, 36, 40, 44, 48, 56, 64, 72, 96, 120, 144, 168]);
  try {
    for (let h = 0; h < HOURS; h++) {
      const f = hourFile(h);
      const t0 = performance.now();
      const res = await importFiles(b.db, [f], o);
      const s = (performance.now() - t0) / 1000;
      if (res.failures.length) throw res.failures[0].error;
      rmSync(f);
      if (report.has(h + 1) || h + 1 === HOURS) {
        const [shape] = await b.db.read(`MATCH ()-[r:QUERIED]->() WITH r LIMIT 1 RETURN size(r.sources) AS slots, r.count AS n`, {}, { caller: 'bench' });
        const cut = (kind: string) => res.summaries[0]?.notes.map((n) => new RegExp(`^(\\d+) ${kind} batch`).exec(n)?.[1]).find(Boolean) ?? '0';
        console.log(`hour ${h + 1}: ${PAIRS} pairs imported in ${s.toFixed(2)} s (${Math.round(PAIRS / s)} pairs/s); slots per edge ${String(shape.slots)}, count ${String(shape.n)}; batches cut in two to fit: ${cut('edge')} edge, ${cut('node')} node`);
      }
    }
  } finally {
    await b.stop();
  }
}

await main();
