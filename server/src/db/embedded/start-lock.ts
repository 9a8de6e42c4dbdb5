// Two processes starting the same store at the same instant would both find no launcher running
// and both spawn one; the second then fails on Neo4j's store lock or the port, or worse, races the
// first one's password set-up. An exclusive lock file under the store's home, created with O_EXCL
// (open 'wx'), lets exactly one start it; the other waits and then finds it running. The file
// names its holder's pid: a lock whose holder is gone (killed mid-start) is stale and taken over.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from './pid.ts';
import { embeddedError } from './errors.ts';

export const START_LOCK = 'start.lock';

interface Holder { pid: number; since: number; token: string }

function parse(text: string): Holder | undefined {
  const [pid, since, token] = text.trim().split(/\s+/);
  const p = Number(pid), s = Number(since);
  return Number.isInteger(p) && p > 0 && Number.isFinite(s) && token ? { pid: p, since: s, token } : undefined;
}

async function tryCreate(file: string, token: string): Promise<boolean> {
  try {
    const fh = await open(file, 'wx');
    try {
      await fh.writeFile(`${process.pid} ${Date.now()} ${token}\n`);
    } finally {
      await fh.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Remove a lock whose holder is gone; a lock that changed meanwhile is put back untouched. */
async function removeIfStale(file: string, maxAgeMs: number): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const h = parse(text);
  // A half-written file (holder between open and write) is young: give it a moment.
  const stale = h ? !isAlive(h.pid) || Date.now() - h.since > maxAgeMs : false;
  if (!stale) return;
  const aside = `${file}.${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== text) await rename(aside, file).catch(() => undefined);
  else await rm(aside, { force: true });
}

/**
 * Run `work` holding the start lock of `home`. Waits for another starter up to waitMs, or as long
 * as `expired` says no (the start's own deadline, which runs on while Neo4j reports progress); a
 * lock older than maxAgeMs (twice waitMs) or whose pid is not alive is stale.
 */
export async function withStartLock<T>(
  home: string, waitMs: number, work: () => Promise<T>,
  { expired, maxAgeMs = waitMs * 2 }: { expired?: () => Promise<boolean>; maxAgeMs?: number } = {},
): Promise<T> {
  const file = path.join(home, START_LOCK);
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  const late = expired ?? (async () => Date.now() > deadline);
  for (;;) {
    if (await tryCreate(file, token)) break;
    await removeIfStale(file, maxAgeMs);
    if (await late()) {
      const h = parse(await readFile(file, 'utf8').catch(() => ''));
      throw embeddedError(`Another process${h ? ` (pid ${h.pid})` : ''} is starting the Neo4j store in ${home} and did not finish within ${Math.round(waitMs / 1000)} s; if no such process exists, remove ${file}.`);
    }
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
  }
  try {
    return await work();
  } finally {
    // Only our own lock: never one a stale-takeover gave to someone else.
    const h = parse(await readFile(file, 'utf8').catch(() => ''));
    if (h?.token === token) await rm(file, { force: true });
  }
}

/**
 * Hold the start lock of `home` until release(): no other process starts the store meanwhile
 * (a bulk load building a store that was never created). The file's time is renewed so that
 * waiters do not take it for stale however long the holder works.
 */
export async function holdStartLock(home: string, waitMs: number): Promise<{ release(): Promise<void> }> {
  await mkdir(home, { recursive: true });
  let release!: () => void;
  const released = new Promise<void>((r) => { release = r; });
  let entered!: () => void;
  const inside = new Promise<void>((r) => { entered = r; });
  const file = path.join(home, START_LOCK);
  const held = withStartLock(home, waitMs, async () => {
    const text = await readFile(file, 'utf8');
    const token = parse(text)?.token;
    const renew = setInterval(() => {
      if (token) void writeFile(file, `${process.pid} ${Date.now()} ${token}\n`).catch(() => undefined);
    }, 10_000);
    entered();
    try { await released; } finally { clearInterval(renew); }
  });
  await Promise.race([inside, held]);
  return { async release() { release(); await held; } };
}
