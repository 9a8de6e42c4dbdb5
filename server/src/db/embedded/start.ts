import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureLauncherBuilt } from './build.ts';
import { embeddedError } from './errors.ts';
import { portAnswers, portBindable } from './net.ts';
import { classArchiveArgs, dropClassArchive, JVM_CRASH } from './class-archive.ts';
import { launcherArgs, serverJvmArgs } from './launcher-command.ts';
import { boltUri, FAILED_MARK, launcherPaths, READY_MARK, type EmbeddedOptions } from './options.ts';
import { isAlive, isLauncherProcess, liveLauncherPid, removePidFile, writePidFile } from './pid.ts';
import { resolvePassword } from './password.ts';
import { withStartLock } from './start-lock.ts';
import { RecoveryWatch, StartDeadline, type RecoveryStep } from './recovery-progress.ts';

export interface StartResult {
  pid: number;
  uri: string;
  password: string;
  alreadyRunning: boolean;
  /** Foreground only: settles with the exit code when the child ends. */
  exited?: Promise<number | null>;
  /** What Neo4j reported of its log replay and index populations during this start (none after a clean stop of a store that exists). */
  steps?: RecoveryStep[];
}

const DEFAULT_TIMEOUT_MS = 120_000;

function debugLog(o: EmbeddedOptions): string {
  return path.join(o.home, 'logs', 'debug.log');
}

function notReady(o: EmbeddedOptions, deadline: StartDeadline): Error {
  return embeddedError(`Embedded Neo4j did not become ready within ${Math.round(deadline.timeoutMs / 1000)} s${deadline.describe()}: see ${launcherPaths(o).launcherLog} and ${debugLog(o)}; a slow machine may need INFRAGRAPH_NEO4J_START_TIMEOUT_S raised.`);
}

function failure(o: EmbeddedOptions, reason: string, logFile: string): Error {
  if (/Address already in use|BindException/i.test(reason)) return portInUse(o);
  return embeddedError(`Embedded Neo4j failed to start (${reason.slice(0, 300)}): see ${logFile} and ${debugLog(o)}.`);
}

function portInUse(o: EmbeddedOptions): Error {
  return embeddedError(`Port ${o.boltPort} on 127.0.0.1 is already in use by another program: stop it or choose another Bolt port with INFRAGRAPH_NEO4J_PORT.`);
}

/**
 * Start the launcher unless one is already running for this home. 'detached' survives this
 * process (db start); 'foreground' watches its stdin and exits when this process goes away.
 */
export async function startEmbedded(o: EmbeddedOptions, mode: 'foreground' | 'detached', opts: { startLockHeld?: boolean } = {}): Promise<StartResult> {
  // logs/ before the JVM starts: a crash report it cannot write there goes to the caller's directory.
  await mkdir(path.join(o.home, 'logs'), { recursive: true });
  // The caller holds the start lock already (holdStartLock, a bulk load of a new store).
  if (opts.startLockHeld) return startUnlocked(o, mode);
  // One starter at a time per store; a second one waits, then finds the first one's server.
  const waitMs = (o.startTimeoutMs ?? DEFAULT_TIMEOUT_MS) + 60_000;
  // The other starter's JVM may be replaying a long log: wait while it reports progress.
  const deadline = new StartDeadline(await RecoveryWatch.watch(debugLog(o)), waitMs);
  return withStartLock(o.home, waitMs, () => startUnlocked(o, mode), { expired: () => deadline.expired() });
}

async function startUnlocked(o: EmbeddedOptions, mode: 'foreground' | 'detached'): Promise<StartResult> {
  const p = launcherPaths(o);
  const uri = boltUri(o);
  const password = await resolvePassword(o);
  const running = await liveLauncherPid(p.pidFile);
  if (running !== undefined) {
    const state = await awaitOtherLauncher(o, running);
    if (state === 'ready') return { pid: running, uri, password, alreadyRunning: true };
    if (state === 'silent') {
      throw embeddedError(`A Neo4j launcher (pid ${running}) is running for ${o.home} but port ${o.boltPort} does not answer: it may use another port; run \`infragraph db stop\` and start again.`);
    }
  }
  if (!(await portFreeSoon(o.boltPort))) throw portInUse(o);

  const java = await ensureLauncherBuilt(o);
  if (existsSync(p.launcherLog)) await rename(p.launcherLog, p.launcherLog + '.1');
  // The password goes by environment, never argv, which any user can read with ps.
  const env = { ...process.env, INFRAGRAPH_NEO4J_PASSWORD: password };
  const timeoutMs = o.startTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  o.log.info({ home: o.home, port: o.boltPort, heapMb: o.heapMb, pageCacheMb: o.pageCacheMb, mode }, 'Starting embedded Neo4j');
  const started = Date.now();
  let watch: RecoveryWatch | undefined;
  const launch = async (archive: string[]) => {
    const args = [...serverJvmArgs(o), ...archive, ...launcherArgs(o)];
    // Watch from before the spawn, so every line this JVM writes is read.
    watch = await RecoveryWatch.watch(debugLog(o));
    // A new store populates its system indexes at every first start: say so on the terminal only
    // once Neo4j replays a log or rebuilds an index, which is when a start can take minutes.
    let recovering = false;
    const deadline = new StartDeadline(watch, timeoutMs, (s) => {
      recovering ||= s.step === 'log replay started' || s.step === 'index to rebuild';
      const fields = { database: s.database, step: s.step };
      if (recovering) o.log.info(fields, 'Neo4j is recovering the store');
      else o.log.debug(fields, 'Neo4j start step');
    });
    return mode === 'detached'
      ? startDetached(o, java.bin, args, env, deadline)
      : startForeground(o, java.bin, [...args, '--watch-stdin'], env, deadline);
  };
  let archive = classArchiveArgs(o, java);
  let result: Awaited<ReturnType<typeof launch>>;
  try {
    result = await launch(archive);
  } catch (e) {
    // A class-data archive the JVM cannot map kills it at once (SIGBUS on a truncated file): set
    // the archive aside and start once more without it, so a bad archive costs one start, not all.
    // Only a JVM that crashed (it is gone then) puts the blame on the archive.
    const log = await readFile(p.launcherLog, 'utf8').catch(() => '');
    if (archive.length === 0 || !JVM_CRASH.test(log)) throw e;
    await dropClassArchive(o, java, (e as Error).message);
    await rename(p.launcherLog, p.launcherLog + '.1');
    archive = [];
    result = await launch(archive);
  }
  const steps = watch?.steps ?? [];
  o.log.info({ uri, pid: result.pid, ms: Date.now() - started, classArchive: archive.length > 0, steps: steps.length }, 'Embedded Neo4j is ready');
  return { ...result, uri, password, alreadyRunning: false, steps };
}

async function startDetached(
  o: EmbeddedOptions, java: string, args: string[], env: NodeJS.ProcessEnv, deadline: StartDeadline,
): Promise<{ pid: number }> {
  const p = launcherPaths(o);
  const fd = openSync(p.launcherLog, 'w');
  let child: ChildProcess;
  try {
    child = spawn(java, args, { detached: true, stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  const pid = await spawned(child);
  child.unref();
  await writePidFile(p.pidFile, pid);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => { exitCode = code; });
  for (;;) {
    const text = await readFile(p.launcherLog, 'utf8').catch(() => '');
    if (text.includes(READY_MARK)) return { pid };
    const failed = lineAfter(text, FAILED_MARK);
    if (failed !== undefined || exitCode !== undefined || !isAlive(pid)) {
      await removePidFile(p.pidFile, pid);
      const last = lineAfter(await readFile(p.launcherLog, 'utf8').catch(() => ''), FAILED_MARK);
      throw failure(o, last ?? `the launcher exited with code ${exitCode ?? 'unknown'}`, p.launcherLog);
    }
    if (await deadline.expired()) {
      child.kill('SIGKILL');
      await removePidFile(p.pidFile, pid);
      throw notReady(o, deadline);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startForeground(
  o: EmbeddedOptions, java: string, args: string[], env: NodeJS.ProcessEnv, deadline: StartDeadline,
): Promise<{ pid: number; exited: Promise<number | null> }> {
  const p = launcherPaths(o);
  // stdin stays open and unused: when this process dies the pipe closes and the launcher exits.
  // stderr goes straight to the file so the launcher's last words outlive this process.
  const fd = openSync(p.launcherLog, 'w');
  let child: ChildProcess;
  try {
    child = spawn(java, args, { stdio: ['pipe', 'pipe', fd], env });
  } finally {
    closeSync(fd);
  }
  const pid = await spawned(child);
  await writePidFile(p.pidFile, pid);
  const logFile = createWriteStream(p.launcherLog, { flags: 'a' });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      void removePidFile(p.pidFile, pid).finally(() => resolve(code));
    });
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    let polling = false;
    const timer = setInterval(() => {
      if (polling || settled) return;
      polling = true;
      deadline.expired().then((late) => {
        if (late) fail(notReady(o, deadline));
      }, () => {}).finally(() => { polling = false; });
    }, 250);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logFile.write(line + '\n');
      if (line.startsWith(READY_MARK) && !settled) {
        settled = true;
        clearInterval(timer);
        resolve({ pid, exited });
      } else if (line.startsWith(FAILED_MARK)) {
        fail(failure(o, line.slice(FAILED_MARK.length).trim(), p.launcherLog));
      }
    });
    void exited.then((code) => fail(failure(o, `the launcher exited with code ${code}`, p.launcherLog)));
  });
}

/**
 * Another process may be starting the launcher for this home right now: wait for its READY line
 * (password set, Bolt open) rather than failing or starting a second JVM on the same store.
 */
async function awaitOtherLauncher(o: EmbeddedOptions, pid: number): Promise<'ready' | 'gone' | 'silent'> {
  const p = launcherPaths(o);
  // The other starter's JVM may be recovering its logs: give it the same grace as our own start.
  const deadline = new StartDeadline(await RecoveryWatch.watch(debugLog(o)), o.startTimeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    if (!isLauncherProcess(pid)) {
      await removePidFile(p.pidFile, pid);
      return 'gone';
    }
    const ready = (await readFile(p.launcherLog, 'utf8').catch(() => '')).includes(READY_MARK);
    if (ready && (await portAnswers(o.boltPort))) return 'ready';
    if (await deadline.expired()) return 'silent';
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A JVM killed a moment ago releases its sockets only once all its threads are torn down, which
 * can trail the process turning into a zombie; give such a port a short grace period.
 */
async function portFreeSoon(port: number, graceMs = 3000): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    if (await portBindable(port)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function spawned(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(embeddedError(`Could not start Java (${e.message}): install OpenJDK 17 or newer or set JAVA_HOME.`)));
    child.once('spawn', () => resolve(child.pid!));
  });
}

function lineAfter(text: string, mark: string): string | undefined {
  const i = text.indexOf(mark);
  if (i < 0) return undefined;
  const end = text.indexOf('\n', i);
  // Half a line means the launcher is still writing it.
  return end < 0 ? undefined : text.slice(i + mark.length, end).trim();
}
