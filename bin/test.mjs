#!/usr/bin/env node
// `npm test`: everything the test suite needs, then every test. Unit tests need nothing; the
// integration and browser tests get a real Neo4j from the Vitest global setup (built from Maven
// Central on first use), the client build, and Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
};

function step(msg) {
  process.stderr.write(`\n== ${msg}\n`);
}

// Browser tests drive Debian's Chromium; install it when missing and we may (CI runs as root).
if (existsSync(path.join(root, 'test/e2e')) && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0) {
    step('installing Chromium from Debian (browser tests)');
    run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
  } else {
    process.stderr.write('Chromium is missing: browser tests will be skipped (sudo apt-get install chromium).\n');
  }
}

step('building the client (when its sources changed)');
if (run('node', ['bin/build-client.mjs']) !== 0) process.exit(1);

step('running unit, integration and browser tests');
const report = path.join(root, 'test-results', 'vitest.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
// The temporary files of the run (the tests' own directories, their CLI children's, the test
// server's store; not what a JVM puts in java.io.tmpdir) go under one directory, removed when
// the run ends: runs left 50–80 MB each under /tmp before.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-test-run-'));
const cleanUp = () => {
  try {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    process.stderr.write(`could not remove ${tmp}: ${e.message}\n`);
  }
};
// Vitest runs as a child this script waits for without blocking, so that a signal to this script
// reaches it and the directory is still removed after it ends.
const vitest = spawn('npx', args, { stdio: 'inherit', cwd: root, env: { ...process.env, TMPDIR: tmp } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => vitest.kill(sig));
const status = await new Promise((resolve) => vitest.once('close', (code) => resolve(code ?? 1)));
cleanUp();
// One plain closing line, the same for any reader of the log.
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
} catch {
  process.stdout.write('\ntest report missing: see the output above\n');
}
process.exit(status);
