import { launcherPaths, type EmbeddedOptions } from './options.ts';
import { liveLauncherPid, removePidFile, waitForExit } from './pid.ts';

const GRACE_MS = 60_000;

/**
 * SIGTERM lets the launcher's shutdown hook close the store cleanly (a few seconds); SIGKILL only
 * after a minute, which Neo4j recovers from on the next start. False when nothing was running.
 */
export async function stopEmbedded(o: EmbeddedOptions): Promise<boolean> {
  const p = launcherPaths(o);
  const pid = await liveLauncherPid(p.pidFile);
  if (pid === undefined) return false;
  o.log.info({ pid }, 'Stopping embedded Neo4j');
  signal(pid, 'SIGTERM');
  if (!(await waitForExit(pid, GRACE_MS))) {
    o.log.warn({ pid }, `Embedded Neo4j did not stop within ${GRACE_MS / 1000} s; killing it (the next start recovers the store)`);
    signal(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
  }
  await removePidFile(p.pidFile, pid);
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
