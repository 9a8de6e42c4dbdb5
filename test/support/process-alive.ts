import { readFileSync } from 'node:fs';

/** Whether a process runs. A child this worker spawned stays a zombie until Node reaps it; a zombie has exited. */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
