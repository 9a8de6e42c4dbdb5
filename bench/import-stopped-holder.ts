// Two imports of overlapping files, the first stopped (Ctrl-Z, SIGSTOP) while it holds the import
// lock. The second waits for the lock; when the first's lease (60 s) ran out it used to take the
// lock although the first was alive on the same host, and the first, continued, then wrote beside
// it. Measured: whether the graph equals that of the two files imported one after the other, and
// how long the second waited. Minutes by design (the lease), so a bench and not a test; the
// integration test test/integration/import/import-lock.test.ts checks the rule itself.
//
// --other-host: once the first is stopped, its lock entry is rewritten to name a process on
// another machine, which no taker can see alive (a suspended VM, a laptop closed mid-import). The
// second then takes the lock when the lease runs out, and the first, continued, must stop instead
// of writing beside it; it is run again after the second, as a user would.
//   npx tsx bench/import-stopped-holder.ts [--events 60000] [--stop-seconds 150] [--other-host]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, OUT, fingerprint, orderFreeFingerprint, startBenchDb } from './import-support.ts';
import { generate } from './gen/dns-log-gen.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '60000' }, 'stop-seconds': { type: 'string', default: '150' }, 'other-host': { type: 'boolean', default: false } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dir = path.join(OUT, 'stopped-holder');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [path.join(dir, 'a.log'), path.join(dir, 'b.log')];
  await generate('zeek-tsv', Number(values.events), 11, files[0]);
  await generate('zeek-tsv', Number(values.events), 12, files[1]);
  for (const f of files) utimesSync(f, new Date('2020-01-01'), new Date('2020-01-01')); // not live logs
  const b = await startBenchDb('stopped-holder', 1024, 512);
  const o = { caller: 'bench' };
  // Lookup edges, pairs holding more than one, and the lookups they count: a double write shows here.
  const lookupCounts = async () => (await b.db.read(
    `MATCH (c)-[r:QUERIED]->(h) WITH c, h, count(r) AS edges, sum(r.count) AS lookups
     RETURN sum(edges) AS edges, sum(CASE WHEN edges > 1 THEN 1 ELSE 0 END) AS pairsWithTwoEdges, sum(lookups) AS lookups`, {}, o))[0];
  const reset = () => b.db.autoCommit('MATCH (n) WHERE NOT n:Migration CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS', {}, o);
  const env = (name: string) => ({
    ...process.env, NEO4J_URI: b.uri, NEO4J_PASSWORD: b.password, LOG_LEVEL: 'silent',
    INFRAGRAPH_DATA_DIR: path.join(dir, `data-${name}`), INFRAGRAPH_IMPORT_BATCH: '500', INFRAGRAPH_IMPORT_FLUSH: '5000',
  });
  try {
    // One after the other, in either order: the stopped run may end in either.
    const sequential: string[] = [];
    const sequentialAsSets: string[] = [];
    const counts: Record<string, unknown>[] = [];
    for (const order of [files, [...files].reverse()]) {
      await reset();
      for (const f of order) {
        const r = spawnSync('node', [CLI, 'import', f], { env: env(`sequential-${sequential.length}`), encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`sequential import of ${f} failed: ${r.stderr}`);
      }
      sequential.push(await fingerprint(b.db));
      sequentialAsSets.push(await orderFreeFingerprint(b.db));
      counts.push(await lookupCounts());
    }

    await reset();
    const run = (f: string, name: string) => {
      const child = spawn('node', [CLI, 'import', f], { env: env(name), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      return { child, done: new Promise<{ code: number | null; stderr: string }>((r) => child.once('close', (code) => r({ code, stderr }))) };
    };
    const first = run(files[0], 'first');
    for (;;) {
      await sleep(100);
      const n = await b.db.read('MATCH (x:ImportBatch) RETURN count(x) AS n', {}, o);
      if (Number(n[0].n) >= 3) break;
    }
    // bin/infragraph.mjs runs the import in a child of its own: stop the whole process group.
    process.kill(-first.child.pid!, 'SIGSTOP');
    if (values['other-host']) {
      await b.db.autoCommit(`MATCH (l:ImportLock {key: 'graph'}) SET l.host = 'elsewhere.example', l.identity = 'another-boot/pid:[4026531836]|1'`, {}, o);
    }
    const t0 = performance.now();
    const second = run(files[1], 'second');
    const raced = await Promise.race([second.done, sleep(Number(values['stop-seconds']) * 1000).then(() => null)]);
    const secondWaitedSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    process.kill(-first.child.pid!, 'SIGCONT');
    const a = await first.done;
    const s = raced ?? await second.done;
    let firstRerun: number | null = null;
    if (values['other-host'] && a.code !== 0) {
      firstRerun = spawnSync('node', [CLI, 'import', files[0]], { env: env('first-again'), encoding: 'utf8' }).status;
    }
    const together = await fingerprint(b.db);
    console.log(JSON.stringify({
      secondFinishedWhileFirstStopped: raced !== null, secondWaitedSeconds, exitCodes: [a.code, s.code],
      firstRerun, firstSaid: a.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 400),
      secondSaidTheLeaseRanOut: /lease ran out but pid \d+ is alive here/.test(s.stderr),
      sameGraphAsOneAfterTheOther: sequential.includes(together), ordersAgree: sequential[0] === sequential[1],
      // Slots and code lists as sets: the two orders then agree, and a stopped import run again after the other matches.
      sameGraphSlotsAsSets: sequentialAsSets.includes(await orderFreeFingerprint(b.db)), ordersAgreeSlotsAsSets: sequentialAsSets[0] === sequentialAsSets[1],
      together: await lookupCounts(), oneAfterTheOther: counts,
    }));
  } finally {
    await b.stop();
  }
}

await main();
