import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { LAUNCHER_MAIN } from './options.ts';

export async function readPidFile(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function writePidFile(file: string, pid: number): Promise<void> {
  await writeFile(file, `${pid}\n`);
}

/** Remove the pid file only if it still names `pid`, so a newer launcher's file survives. */
export async function removePidFile(file: string, pid?: number): Promise<void> {
  if (pid !== undefined && (await readPidFile(file)) !== pid) return;
  await rm(file, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Pids get reused, so on Linux also check the command line names our launcher main class
 * (a zombie's cmdline is empty, which also counts as gone). Elsewhere liveness has to do.
 */
export function isLauncherProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(LAUNCHER_MAIN);
  } catch {
    return false;
  }
}

/** The pid of a live launcher named by the pid file; a stale pid file is removed. */
export async function liveLauncherPid(file: string): Promise<number | undefined> {
  const pid = await readPidFile(file);
  if (pid === undefined) return undefined;
  if (isLauncherProcess(pid)) return pid;
  await removePidFile(file, pid);
  return undefined;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isLauncherProcess(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isLauncherProcess(pid);
}
