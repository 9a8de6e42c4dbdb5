// The process's DuckDB: created on first use, bounded in threads and memory from the
// configuration, closed on shutdown. Two kinds of instance, because DuckDB's sandbox settings
// are per instance and, once locked, cannot be undone:
//   - the engine instance (one per process): writes parts (COPY … TO) and answers the services'
//     own fixed queries;
//   - a sandbox instance per events root: runs analysts' SQL and .sql investigations. It can read
//     files under the events root only (allowed_directories + enable_external_access = false),
//     cannot install or load extensions, and its configuration is locked.
import { mkdirSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './event-layout.ts';

export interface DuckSettings { threads: number; memoryMb: number }

let engine: Promise<DuckDBInstance> | null = null;
const sandboxes = new Map<string, Promise<DuckDBInstance>>();

function baseOptions(s: DuckSettings): Record<string, string> {
  return { threads: String(s.threads), memory_limit: `${s.memoryMb}MB`, autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' };
}

// TIMESTAMP ↔ TIMESTAMPTZ casts must not depend on the machine's zone.
const UTC = "SET GLOBAL TimeZone = 'UTC'";

export function engineInstance(s: DuckSettings): Promise<DuckDBInstance> {
  engine ??= (async () => {
    const inst = await DuckDBInstance.create(':memory:', baseOptions(s));
    const c = await inst.connect();
    try { await c.run(UTC); } finally { c.closeSync(); }
    return inst;
  })().catch((e) => { engine = null; throw e; });
  return engine;
}

export function sandboxInstance(root: string, s: DuckSettings): Promise<DuckDBInstance> {
  let p = sandboxes.get(root);
  if (!p) {
    p = (async () => {
      mkdirSync(root, { recursive: true });
      const inst = await DuckDBInstance.create(':memory:', { ...baseOptions(s), threads: String(Math.max(1, Math.min(s.threads, 2))) });
      const c = await inst.connect();
      try {
        await c.run(UTC);
        await c.run(`SET allowed_directories = [${sqlString(root.endsWith('/') ? root : `${root}/`)}]`);
        await c.run('SET enable_external_access = false');
        await c.run('SET lock_configuration = true');
      } finally {
        c.closeSync();
      }
      return inst;
    })();
    p.catch(() => sandboxes.delete(root));
    sandboxes.set(root, p);
  }
  return p;
}

/** A fresh connection (temp views and tables are per connection), closed after `fn`. */
export async function withConnection<T>(inst: Promise<DuckDBInstance>, fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const c = await (await inst).connect();
  try {
    return await fn(c);
  } finally {
    c.closeSync();
  }
}

/** Close every instance (on shutdown; the next use opens a new one). */
export async function closeDuckDB(): Promise<void> {
  const all = [engine, ...sandboxes.values()];
  engine = null;
  sandboxes.clear();
  for (const p of all) {
    if (!p) continue;
    try { (await p).closeSync(); } catch { /* failed to open: nothing to close */ }
  }
}
