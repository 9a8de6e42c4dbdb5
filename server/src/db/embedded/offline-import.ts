// Neo4j's offline bulk importer (`neo4j-admin database import full`) run on the project's own
// embedded store with the project's JDK: org.neo4j:neo4j-import-tool (pinned in neo4j/pom.xml)
// is on the launcher's classpath, and neo4j-admin's entry point is org.neo4j.cli.AdminTool.
// The store must not be running; the caller stops and restarts it (domain/imports/bulk-load.ts).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { embeddedError } from './errors.ts';
import { resolveJava } from './java.ts';
import { launcherPaths, type EmbeddedOptions } from './options.ts';
import { ensureLauncherBuilt } from './build.ts';

export const ADMIN_MAIN = 'org.neo4j.cli.AdminTool';

export interface OfflineImportInput {
  /** [label, csv file] */
  nodes: [string, string][];
  /** [relationship type, csv file] */
  relationships: [string, string][];
  database?: string;
  heapMb?: number;
}

export function offlineImportArgs(o: EmbeddedOptions, input: OfflineImportInput): string[] {
  const p = launcherPaths(o);
  const label = /^[A-Za-z_][A-Za-z0-9_]*$/;
  for (const [l] of [...input.nodes, ...input.relationships]) if (!label.test(l)) throw embeddedError(`not a label or type: ${l}`);
  return [
    `-Xmx${input.heapMb ?? 2048}m`, '-cp', `${p.classes}${path.delimiter}${path.join(p.lib, '*')}`, ADMIN_MAIN,
    'database', 'import', 'full',
    ...input.nodes.map(([l, f]) => `--nodes=${l}=${f}`),
    ...input.relationships.map(([t, f]) => `--relationships=${t}=${f}`),
    '--overwrite-destination=true', '--high-parallel-io=on',
    input.database ?? 'neo4j',
  ];
}

/** Build the store from CSV files; output goes to `<home>/offline-import.log`. */
export async function runOfflineImport(o: EmbeddedOptions, input: OfflineImportInput): Promise<{ seconds: number; log: string }> {
  await ensureLauncherBuilt(o);
  const java = await resolveJava(o);
  await mkdir(o.home, { recursive: true });
  const log = path.join(o.home, 'offline-import.log');
  const out = createWriteStream(log);
  const t0 = Date.now();
  const child = spawn(java.bin, offlineImportArgs(o, input), { env: { ...process.env, NEO4J_HOME: o.home }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise<number | null>((resolve, reject) => { child.on('error', reject); child.on('close', resolve); });
  await new Promise((r) => out.end(r));
  if (code !== 0) throw embeddedError(`Neo4j's offline importer failed (exit code ${code}): see ${log}.`);
  return { seconds: (Date.now() - t0) / 1000, log };
}
