// Who a process is, beyond its pid. A pid names a process only within one pid namespace of one
// boot, and only until the process ends: containers sharing a host name (compose replicas,
// `--network host`, a pod's containers) each count their pids from 1, and a restarted container
// hands out the same small pids again. So the import lock records where its holder's pid means
// something (the boot id and the pid namespace) and when that process started; a taker believes
// a holder alive only when it can see that very process. Linux exposes all three in /proc; on
// other systems nothing is recorded and the lock falls back to the host name and the pid.
import { readFileSync, readlinkSync } from 'node:fs';

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat). */
export function processStartTicks(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // Field 2, the command name, is in parentheses and may hold spaces: count from the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

let space: { value: string | undefined } | undefined;

/** The boot and pid namespace this process's pids belong to: read once, they cannot change. */
export function pidSpace(): string | undefined {
  space ??= { value: readPidSpace() };
  return space.value;
}

function readPidSpace(): string | undefined {
  const boot = readText('/proc/sys/kernel/random/boot_id');
  let ns: string | undefined;
  try {
    ns = readlinkSync('/proc/self/ns/pid');
  } catch {
    ns = undefined;
  }
  return boot && ns ? `${boot}/${ns}` : undefined;
}

/** This process as the lock records it ('' where /proc does not say): `space|startTicks`. */
export function selfIdentity(): string {
  const space = pidSpace();
  const ticks = processStartTicks(process.pid);
  return space && ticks ? `${space}|${ticks}` : '';
}

/**
 * Whether the process a lock names is alive: true or false when this process can tell, undefined
 * when it cannot (another machine, another pid namespace).
 */
export function holderAlive(h: { identity?: unknown; host?: unknown; pid?: unknown }, host: string): boolean | undefined {
  if (typeof h.pid !== 'number') return undefined;
  const space = pidSpace();
  if (space && typeof h.identity === 'string' && h.identity) {
    const [theirSpace, ticks] = h.identity.split('|');
    if (theirSpace !== space) return undefined;
    // Gone, or its pid now belongs to another process (a restarted container, a wrapped counter).
    return processStartTicks(h.pid) === ticks;
  }
  // Without /proc on either side (another system, a lock taken by an older version): the host
  // name and the pid, which a reused pid can fool.
  if (h.host !== host) return undefined;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
