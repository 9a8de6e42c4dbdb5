#!/usr/bin/env node
// Build the UI (client/ → client/dist) when the bundle is missing or older than its sources, so
// `npm start` on a fresh clone serves the UI without a manual step. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = path.join(root, 'client');
const dist = path.join(client, 'dist', 'index.html');
// The client bundles the graph vocabulary from the server's ground floor (docs/architecture.md).
const model = path.join(root, 'server', 'src', 'model');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(path.join(client, 'index.html'))) process.exit(0);
const stale = !existsSync(dist) || statSync(dist).mtimeMs < Math.max(newest(client), newest(model));
if (!stale && !process.argv.includes('--force')) process.exit(0);
process.stderr.write('Building the UI (client/ → client/dist) …\n');
const r = spawnSync('npx', ['vite', 'build', 'client', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
