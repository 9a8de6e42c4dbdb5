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
