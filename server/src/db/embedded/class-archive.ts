// A class-data archive (JDK AppCDS) of the classes Neo4j loads to start: the JVM maps them
// instead of loading, verifying and linking ~10k classes from 220 jars at every start. Measured
// on the development machine (2026-12-07): an existing store is ready in 4.2–4.7 s instead of
// 6.3–6.8 s (CPU 7.8 s instead of 10.8 s), and the offline importer starts 0.4 s sooner with the
// same archive. It is made once per build and per JVM, by a training start on a throwaway store.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { JavaRuntime } from './java.ts';
import { crashReportFlag, launcherArgs, serverJvmArgs } from './launcher-command.ts';
import { freePort } from './net.ts';
import { launcherClassPath, launcherPaths, READY_MARK, type EmbeddedOptions } from './options.ts';

const run = promisify(execFile);
const TRAIN_READY_MS = 180_000;
const TRAIN_EXIT_MS = 120_000;
// A dump of Neo4j's start classes is ~120 MB; anything far smaller is not a whole archive.
const MIN_ARCHIVE_BYTES = 1_000_000;
// A training start that failed (a timeout on a loaded machine, say) is tried again after a day.
const RETRY_AFTER_MS = 24 * 3600_000;

/** What a JVM that died in its own code (a signal while mapping the archive) prints first. */
export const JVM_CRASH = /A fatal error has been detected by the Java Runtime Environment/;

/** One archive per build (the cds directory is emptied by each build) and per JVM build. */
export function classArchiveFile(o: EmbeddedOptions, java: JavaRuntime): string {
  const id = createHash('sha256').update(`${java.bin}\n${java.version}`).digest('hex').slice(0, 16);
  return path.join(launcherPaths(o).target, 'cds', `neo4j-${id}.jsa`);
}

/** Made, or tried and given up on (a `.failed` note says why): nothing more to do. */
export function classArchiveSettled(o: EmbeddedOptions, java: JavaRuntime): boolean {
  if (o.classArchive === false) return true;
  const f = classArchiveFile(o, java);
  if (existsSync(f)) return true;
  const failed = statSync(`${f}.failed`, { throwIfNoEntry: false });
  return failed !== undefined && Date.now() - failed.mtimeMs < RETRY_AFTER_MS;
}

/** The JVM flag that maps the archive, when there is one to map. */
export function classArchiveArgs(o: EmbeddedOptions, java: JavaRuntime): string[] {
  if (o.classArchive === false) return [];
  const f = classArchiveFile(o, java);
  return existsSync(f) ? [`-XX:SharedArchiveFile=${f}`] : [];
}

/** A start with the archive failed: set it aside so that later starts go without it. */
export async function dropClassArchive(o: EmbeddedOptions, java: JavaRuntime, why: string): Promise<void> {
  const f = classArchiveFile(o, java);
  o.log.warn({ archive: f }, `A start with the class-data archive failed; starting without it from now on (${why.slice(0, 200)})`);
  await rm(f, { force: true });
  await writeFile(`${f}.failed`, `a start with it failed: ${why}\n`);
}

/**
 * Start the launcher once on a throwaway store with -XX:ArchiveClassesAtExit, stop it cleanly
 * (the JVM writes the archive on exit), check that the JVM maps the result, and keep it. Never
 * throws: without an archive every start works, only slower; a `.failed` note stops retries.
 * The caller holds the build lock.
 */
export async function trainClassArchive(o: EmbeddedOptions, java: JavaRuntime): Promise<void> {
  const f = classArchiveFile(o, java);
  const dir = path.dirname(f);
  const home = path.join(dir, 'train-home');
  const tmp = `${f}.${process.pid}.tmp`;
  const log = path.join(dir, 'train.log');
  await mkdir(dir, { recursive: true });
  // Dumps of training starts that were killed (120 MB each): the build lock says none is running.
  for (const e of await readdir(dir)) if (e.endsWith('.tmp')) await rm(path.join(dir, e), { force: true });
  await rm(home, { recursive: true, force: true });
  await mkdir(path.join(home, 'logs'), { recursive: true });
  o.log.info({ archive: f, log }, 'Recording which classes Neo4j loads to start (once per build; later starts map them from an archive)');
  try {
    const train: EmbeddedOptions = { ...o, home, boltPort: await freePort(), heapMb: 512, pageCacheMb: 64 };
    const args = [...serverJvmArgs(train), `-XX:ArchiveClassesAtExit=${tmp}`, '-Xlog:cds=error', ...launcherArgs(train), '--watch-stdin'];
    const env = { ...process.env, INFRAGRAPH_NEO4J_PASSWORD: randomBytes(12).toString('hex') };
    const code = await startAndStop(java.bin, args, env, log);
    if (code !== 0) throw new Error(`the training start exited with code ${code}`);
    const size = existsSync(tmp) ? statSync(tmp).size : 0;
    if (size < MIN_ARCHIVE_BYTES) throw new Error(`the JVM wrote ${size} bytes of archive`);
    // -Xshare:on fails instead of going on without the archive; VerifySharedSpaces checks its CRCs.
    await run(java.bin, ['-Xshare:on', '-XX:+VerifySharedSpaces', `-XX:SharedArchiveFile=${tmp}`, crashReportFlag(dir),
      '-cp', launcherClassPath(o), '-version'], { timeout: 60_000 });
    await rename(tmp, f);
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    o.log.warn({ log }, `No class-data archive for Neo4j (${why}); it starts without one, about 2 s slower`);
    await writeFile(`${f}.failed`, `${why}\n`);
  } finally {
    await rm(tmp, { force: true });
    await rm(home, { recursive: true, force: true });
  }
}

/** Run the launcher until READY, close its stdin (it exits cleanly), return its exit code. */
function startAndStop(java: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<number | null> {
  const out = createWriteStream(log);
  const child = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  child.stderr.pipe(out, { end: false });
  let timer = setTimeout(() => child.kill('SIGKILL'), TRAIN_READY_MS);
  createInterface({ input: child.stdout }).on('line', (line) => {
    out.write(line + '\n');
    if (!line.startsWith(READY_MARK)) return;
    clearTimeout(timer);
    timer = setTimeout(() => child.kill('SIGKILL'), TRAIN_EXIT_MS);
    child.stdin.end();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      out.end(() => resolve(code));
    });
  });
}
