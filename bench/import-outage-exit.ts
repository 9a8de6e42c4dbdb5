// How long `infragraph import` takes to say the database went away. The CLI imports through a
// loopback relay in front of a bench store; once some batches have committed the relay resets
// every connection and refuses new ones (what a client sees when the server dies). Measured: the
// seconds from that cut to the CLI's exit, and the exit status. The integration test
// test/integration/import/import-outage.test.ts checks what the CLI says and that a re-run
// resumes; this measures the wait, which a test must not. With `--mode stall` the relay instead
// stops carrying bytes and keeps every connection open (a host that stops answering without
// refusing); a CLI still running after `--cap` seconds is killed and reported as not exited.
//   npx tsx bench/import-outage-exit.ts [--events 60000] [--runs 3] [--mode cut|stall] [--cap 900]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, OUT, startBenchDb } from './import-support.ts';
import { generate } from './gen/dns-log-gen.ts';
import { startTcpProxy } from '../test/support/tcp-proxy.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '60000' }, runs: { type: 'string', default: '3' },
  mode: { type: 'string', default: 'cut' }, cap: { type: 'string', default: '900' } } });
const mode = values.mode === 'stall' ? 'stall' : 'cut';

async function main() {
  const dir = path.join(OUT, 'outage-exit');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'outage.log');
  await generate('zeek-tsv', Number(values.events), 11, file);
  utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01')); // not a live log
  const b = await startBenchDb('outage-exit', 1024, 512);
  const o = { caller: 'bench' };
  try {
    for (let run = 1; run <= Number(values.runs); run++) {
      await b.db.autoCommit('MATCH (n) WHERE NOT n:Migration CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS', {}, o);
      const proxy = await startTcpProxy(Number(new URL(b.uri).port));
      const env = {
        ...process.env, NEO4J_URI: `bolt://127.0.0.1:${proxy.port}`, NEO4J_PASSWORD: b.password, LOG_LEVEL: 'silent',
        INFRAGRAPH_DATA_DIR: path.join(dir, `data-${run}`), INFRAGRAPH_IMPORT_BATCH: '500', INFRAGRAPH_IMPORT_FLUSH: '5000',
      };
      const child = spawn('node', [CLI, 'import', file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let cutAt = 0;
      let saidAt = 0;
      child.stderr.on('data', (d) => {
        stderr += d;
        if (!saidAt && cutAt && /graph database went away/.test(stderr)) saidAt = performance.now();
      });
      const exited = new Promise<number | null>((r) => child.once('close', r));
      let finished = false;
      void exited.then(() => { finished = true; });
      while (!finished) {
        await new Promise((r) => setTimeout(r, 100));
        const n = await b.db.read('MATCH (x:ImportBatch) RETURN count(x) AS n', {}, o);
        if (Number(n[0].n) >= 3) break;
      }
      if (finished) throw new Error('the import finished before the cut: raise --events');
      cutAt = performance.now();
      if (mode === 'cut') await proxy.cut(); else proxy.stall();
      let capped = false;
      const cap = setTimeout(() => { capped = true; child.kill('SIGKILL'); }, Number(values.cap) * 1000);
      const code = await exited;
      clearTimeout(cap);
      const seconds = (performance.now() - cutAt) / 1000;
      await proxy.close();
      const said = /graph database went away/.test(stderr);
      console.log(JSON.stringify({
        run, mode, exitAfterCutSeconds: +seconds.toFixed(1), saidAfterSeconds: saidAt ? +((saidAt - cutAt) / 1000).toFixed(1) : null, exited: !capped, exitCode: code, saysDatabaseWentAway: said,
        lastWords: stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300),
      }));
    }
  } finally {
    await b.stop();
  }
}

await main();
