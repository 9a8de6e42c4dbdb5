import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedOptions } from './options.ts';

/**
 * The explicit password wins; otherwise the one stored in passwordFile; otherwise a new random
 * one is written there, readable by the owner only.
 */
export async function resolvePassword(o: EmbeddedOptions): Promise<string> {
  if (o.password) return o.password;
  const stored = await readStored(o.passwordFile);
  if (stored) return stored;
  await mkdir(path.dirname(o.passwordFile), { recursive: true, mode: 0o700 });
  // base64url: no quoting problems in shells, .env files or Cypher parameters.
  const fresh = randomBytes(24).toString('base64url');
  try {
    await writeFile(o.passwordFile, fresh + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process created it first (or it exists but is empty).
    const raced = await readStored(o.passwordFile);
    if (raced) return raced;
    await writeFile(o.passwordFile, fresh + '\n', { mode: 0o600 });
  }
  await chmod(o.passwordFile, 0o600);
  return fresh;
}

async function readStored(file: string): Promise<string | undefined> {
  try {
    const s = (await readFile(file, 'utf8')).trim();
    return s || undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
