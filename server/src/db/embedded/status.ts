import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { portAnswers } from './net.ts';
import { boltUri, launcherPaths, type EmbeddedOptions } from './options.ts';
import { liveLauncherPid } from './pid.ts';

export interface EmbeddedStatus {
  running: boolean;
  pid?: number;
  uri: string;
  home: string;
  /** Bytes under <home>/data (stores and transaction logs). */
  storeBytes: number;
}

/** Running means: the pid file names a live launcher and its Bolt port accepts connections. */
export async function embeddedStatus(o: EmbeddedOptions): Promise<EmbeddedStatus> {
  const p = launcherPaths(o);
  const pid = await liveLauncherPid(p.pidFile);
  const running = pid !== undefined && (await portAnswers(o.boltPort));
  const storeBytes = await dirBytes(path.join(o.home, 'data'));
  return { running, ...(pid !== undefined ? { pid } : {}), uri: boltUri(o), home: o.home, storeBytes };
}

export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirBytes(p);
    else if (e.isFile()) total += await stat(p).then((s) => s.size, () => 0);
  }
  return total;
}

/**
 * True when this home has never held a store (no database directory under <home>/data) and no
 * launcher runs for it: such a store is empty without asking it, so a bulk load need not start
 * it first (domain/imports/bulk-load.ts).
 */
export async function storeNeverCreated(o: EmbeddedOptions): Promise<boolean> {
  if ((await liveLauncherPid(launcherPaths(o).pidFile)) !== undefined) return false;
  return (await stat(path.join(o.home, 'data', 'databases')).catch(() => null)) === null;
}
