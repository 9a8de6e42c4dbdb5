// What the import lock's fence costs (importers/pipeline/lock-fence.ts): every write transaction
// of an import runs one more statement, a key seek on the lock node, and carries its holder's id.
// Two files of each shape (a day, then the next day into the store holding it) are imported with
// the fence and without it, in turn (the order swapped each run), on one bench store, the ratio
// taken pair by pair. Both variants hold the lock; only the fence differs. The first import into
// a fresh store is slower whatever it is (1.5× in a first version of this bench): each shape starts
// with an unmeasured round, and the order alternates (an even number of runs balances it).
// The whole imports vary by 5–15 % from run to run, more than the fence can cost, so the bench also
// counts the fenced transactions of each import and times the fence itself: --micro transactions
// of one small write each, with and without the fence, in alternating blocks of 100.
//   npx tsx bench/lock-fence-cost.ts [--events 300000] [--runs 4] [--shapes uniform,heavy,generator] [--micro 4000]
import { mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, type Shape } from './gen/dns-log-gen.ts';
import { OUT, resetGraph, startBenchDb } from './import-support.ts';
import { acquireImportLock } from '../server/src/domain/imports/import-lock.ts';
import { importFile } from '../server/src/importers/pipeline/import-file.ts';
import { writeBounded } from '../server/src/importers/pipeline/memory-bound.ts';

const { values } = parseArgs({ options: {
  events: { type: 'string', default: '300000' }, runs: { type: 'string', default: '4' },
  shapes: { type: 'string', default: 'uniform,heavy,generator' }, micro: { type: 'string', default: '4000' },
} });
const events = Number(values.events);
const dir = path.join(OUT, 'lock-fence-cost');
mkdirSync(dir, { recursive: true });
const b = await startBenchDb('lock-fence-cost', 2048, 2048);
// Fenced transactions of the import under way, counted where they are opened.
let fencedTx = 0;
const writeTx = b.db.writeTx.bind(b.db);
b.db.writeTx = ((work, o) => {
  if (o.metadata?.importLock) fencedTx++;
  return writeTx(work, o);
}) as typeof b.db.writeTx;
const o = { batchSize: 10_000, writers: 2, flushAt: 1_000_000, reportDir: path.join(dir, 'reports'), eventsDir: path.join(dir, 'events') };
try {
  for (const shape of values.shapes!.split(',') as Shape[]) {
    const files = [0, 1].map((day) => path.join(dir, `${shape}-${events}-day${day}.log`));
    for (const [day, f] of files.entries()) {
      // The old generator has no "next day" of its own: another seed gives it one.
      await generate('zeek-tsv', events, shape === 'generator' ? 7 + day : 7, f, shape, day);
      utimesSync(f, new Date('2020-01-01'), new Date('2020-01-01')); // not live logs
    }
    for (let run = -1; run < Number(values.runs); run++) {
      const secs: Record<string, number[]> = {};
      for (const fenced of run % 2 ? [false, true] : [true, false]) {
        await resetGraph(b.db);
        const lock = await acquireImportLock(b.db, { what: 'bench' });
        try {
          secs[fenced ? 'fenced' : 'plain'] = [];
          if (fenced) fencedTx = 0;
          for (const f of files) {
            const t0 = performance.now();
            await importFile(b.db, f, { ...o, fence: fenced ? lock.fence : undefined });
            secs[fenced ? 'fenced' : 'plain'].push(+((performance.now() - t0) / 1000).toFixed(2));
          }
        } finally {
          await lock.release();
        }
      }
      if (run < 0) continue; // the warm-up round
      const ratio = (i: number) => +(secs.fenced[i] / secs.plain[i]).toFixed(3);
      console.log(JSON.stringify({ shape, events, run, fenced: secs.fenced, plain: secs.plain, ratioDay: ratio(0), ratioNextDay: ratio(1), fencedTransactions: fencedTx }));
    }
  }
  // The fence alone: one small write per transaction (a batch marker's size), with and without it.
  const micro = Number(values.micro);
  if (micro > 0) {
    const lock = await acquireImportLock(b.db, { what: 'bench' });
    try {
      const ms: Record<string, number> = { fenced: 0, plain: 0 };
      const marker = { key: 'bench:fence' };
      for (let i = 0; i < micro / 100; i++) {
        for (const fenced of i % 2 ? [false, true] : [true, false]) {
          const t0 = performance.now();
          for (let j = 0; j < 50; j++) {
            await writeBounded(b.db, (tx) => tx.run('MERGE (x:ImportBatch {key: $key}) SET x.at = datetime()', marker), { caller: 'bench', halvable: false, fence: fenced ? lock.fence : undefined });
          }
          ms[fenced ? 'fenced' : 'plain'] += performance.now() - t0;
        }
      }
      const per = (k: string) => +(ms[k] / (micro / 2)).toFixed(3);
      console.log(JSON.stringify({ micro: { transactions: micro, msPerTransactionFenced: per('fenced'), msPerTransactionPlain: per('plain'), fenceMs: +(per('fenced') - per('plain')).toFixed(3) } }));
    } finally {
      await lock.release();
    }
  }
} finally {
  await b.stop();
}
