// How long the embedded Neo4j takes to build and start on this machine.
//   npx tsx bench/neo4j-start.ts [--cold] [--runs N]
// Each run starts a new and an existing store with the class-data archive and without it, in turn.
// --cold adds a first build against an empty Maven repository (downloads everything, ~125 MB).
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ensureLauncherBuilt, freePort, isLauncherUpToDate, startEmbedded, stopEmbedded, type EmbeddedOptions,
} from '../server/src/db/embedded/index.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { cold: { type: 'boolean', default: false }, runs: { type: 'string', default: '1' } } });
const runs = Math.max(1, Number(values.runs));
const quiet = { info() {}, warn: (o: object | string, m?: string) => console.error(m ?? o), error() {}, debug() {} };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-bench-'));
const rows: { what: string; seconds: string; note: string }[] = [];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

function libStats(root: string): string {
  const lib = path.join(root, 'neo4j/target/lib');
  const jars = readdirSync(lib).filter((f) => f.endsWith('.jar'));
  const bytes = jars.reduce((n, f) => n + statSync(path.join(lib, f)).size, 0);
  return `${jars.length} jars, ${(bytes / 1e6).toFixed(0)} MB`;
}

/** A copy of the launcher project without target/, so the build is a full one. */
function freshCheckout(name: string): string {
  const root = path.join(tmp, name);
  cpSync(path.join(REPO, 'neo4j/pom.xml'), path.join(root, 'neo4j/pom.xml'));
  cpSync(path.join(REPO, 'neo4j/src'), path.join(root, 'neo4j/src'), { recursive: true });
  return root;
}

function options(over: Partial<EmbeddedOptions>): EmbeddedOptions {
  return {
    repoRoot: REPO, home: path.join(tmp, 'home'), boltPort: 7687, heapMb: 1024, pageCacheMb: 512, txTimeoutSec: 60,
    passwordFile: path.join(tmp, 'password'), log: quiet, ...over,
  };
}

try {
  if (values.cold) {
    const root = freshCheckout('cold');
    const [, s] = await timed(() => ensureLauncherBuilt(options({ repoRoot: root, mavenRepoLocal: path.join(tmp, 'm2') })));
    rows.push({ what: 'build, empty Maven repo (downloads)', seconds: s.toFixed(1), note: libStats(root) });
  }
  for (let i = 0; i < runs; i++) {
    const root = freshCheckout(`warm-${i}`);
    const [, s] = await timed(() => ensureLauncherBuilt(options({ repoRoot: root })));
    rows.push({ what: 'build, warm ~/.m2, no target/', seconds: s.toFixed(1), note: libStats(root) });
  }
  await ensureLauncherBuilt(options({}));
  const [, check] = await timed(() => isLauncherUpToDate(options({})));
  rows.push({ what: 'up-to-date check (no build)', seconds: check.toFixed(3), note: 'hash of pom.xml + src/' });

  // With and without the class-data archive (class-archive.ts), in turn, on the same stores.
  for (let i = 0; i < runs; i++) {
    for (const archive of [true, false]) {
      const o = options({ home: path.join(tmp, `home-${i}-${archive}`), boltPort: await freePort(), classArchive: archive });
      const tag = archive ? 'class-data archive' : 'no archive';
      const [, fresh] = await timed(() => startEmbedded(o, 'detached'));
      rows.push({ what: `start to READY, new store, ${tag}`, seconds: fresh.toFixed(1), note: `heap ${o.heapMb} MB, page cache ${o.pageCacheMb} MB` });
      const [, stop1] = await timed(() => stopEmbedded(o));
      rows.push({ what: 'stop (SIGTERM to exit)', seconds: stop1.toFixed(1), note: '' });
      const [, existing] = await timed(() => startEmbedded(o, 'detached'));
      rows.push({ what: `start to READY, existing store, ${tag}`, seconds: existing.toFixed(1), note: '' });
      await stopEmbedded(o);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const w = Math.max(...rows.map((r) => r.what.length));
console.log(`${'what'.padEnd(w)}  ${'seconds'.padStart(8)}  note`);
for (const r of rows) console.log(`${r.what.padEnd(w)}  ${r.seconds.padStart(8)}  ${r.note}`);
console.log(`(${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version})`);
