// Neo4j's offline bulk importer (`neo4j-admin database import full`) run on the project's own
// embedded store with the project's JDK: org.neo4j:neo4j-import-tool (pinned in neo4j/pom.xml)
// is on the launcher's classpath, and neo4j-admin's entry point is org.neo4j.cli.AdminTool.
// The store must not be running; the caller stops and restarts it (domain/imports/bulk-load.ts).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { embeddedError } from './errors.ts';
import { classArchiveArgs, dropClassArchive, JVM_CRASH } from './class-archive.ts';
import { crashReportFlag } from './launcher-command.ts';
import { launcherClassPath, type EmbeddedOptions } from './options.ts';
import { ensureLauncherBuilt } from './build.ts';

export const ADMIN_MAIN = 'org.neo4j.cli.AdminTool';

export interface OfflineImportInput {
  /** [label, csv file] */
  nodes: [string, string][];
  /** [relationship type, csv file] */
  relationships: [string, string][];
  database?: string;
  heapMb?: number;
  /** --trim-strings: blanks at either end of every text value are removed (csv-graph-writer.ts). */
  trimStrings?: boolean;
  /** A Neo4j configuration file for the store being built (--additional-config). */
  additionalConfig?: string;
  /** --threads; importerThreads() when absent (bench/offline-import-props.ts tries others). */
  threads?: number;
}

/** Where the importer writes what it could not import, beside its log in the store's home. */
export function offlineImportReport(o: EmbeddedOptions): string {
  return path.join(o.home, 'offline-import.report');
}

/** `classArchive`: the JVM flags of classArchiveArgs (the server's archive serves the importer too). */
export function offlineImportArgs(o: EmbeddedOptions, input: OfflineImportInput, classArchive: string[] = []): string[] {
  const label = /^[A-Za-z_][A-Za-z0-9_]*$/;
  for (const [l] of [...input.nodes, ...input.relationships]) if (!label.test(l)) throw embeddedError(`not a label or type: ${l}`);
  return [
    `-Xmx${input.heapMb ?? 2048}m`, ...classArchive, crashReportFlag(path.join(o.home, 'logs')),
    '-cp', launcherClassPath(o), ADMIN_MAIN,
    'database', 'import', 'full',
    ...input.nodes.map(([l, f]) => `--nodes=${l}=${f}`),
    ...input.relationships.map(([t, f]) => `--relationships=${t}=${f}`),
    '--overwrite-destination=true', '--high-parallel-io=on', `--trim-strings=${input.trimStrings ? 'true' : 'false'}`,
    `--threads=${input.threads ?? importerThreads()}`,
    // Its default is import.report in the working directory: the repository, for the CLI and tests.
    `--report-file=${offlineImportReport(o)}`,
    ...(input.additionalConfig ? [`--additional-config=${input.additionalConfig}`] : []),
    input.database ?? 'neo4j',
  ];
}

/**
 * Twice the cores. The importer's default (one thread per core) leaves cores idle while its
 * stages wait on one another: on 2 cores, 4 threads built the heavy-tailed 10M log's store in
 * 34.6–42.3 s against 45.4–48.6 s (6 and 8 threads no better than 4; BENCHMARKS.md, 2026-12-07).
 */
export function importerThreads(cores = availableParallelism()): number {
  return Math.max(2, 2 * cores);
}

/** "1m 2s 345ms" (the importer's durations) in seconds. */
export function importerSeconds(text: string): number {
  let s = 0;
  for (const m of text.matchAll(/(\d+)\s*(h|ms|m|s)\b/g)) {
    const n = Number(m[1]);
    s += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
  }
  return s;
}

/** The importer's own phases from its output: "Node import COMPLETED in 3s 874ms" → ['Node import', 3.874]. */
export function importerPhases(output: string): [string, number][] {
  const out: [string, number][] = [];
  for (const m of output.matchAll(/^(\S.*?) COMPLETED in ([\dhms ]+)$/gm)) out.push([m[1], importerSeconds(m[2])]);
  const done = /^IMPORT DONE in ([\dhms ]+)/m.exec(output);
  if (done) out.push(['import done', importerSeconds(done[1])]);
  return out;
}

export interface OfflineImportResult {
  seconds: number;
  /** From the spawn to the importer's "Import starting" line (JVM start, input estimates). */
  startupSeconds: number;
  phases: [string, number][];
  log: string;
}

/** Build the store from CSV files; output goes to `<home>/offline-import.log`. */
export async function runOfflineImport(o: EmbeddedOptions, input: OfflineImportInput): Promise<OfflineImportResult> {
  const java = await ensureLauncherBuilt(o);
  await mkdir(path.join(o.home, 'logs'), { recursive: true });
  const log = path.join(o.home, 'offline-import.log');
  const archive = classArchiveArgs(o, java);
  let r = await runOnce(o, java.bin, offlineImportArgs(o, input, archive), log);
  // As for a start (start.ts): a JVM that crashed while mapping the archive runs once more without it.
  if (r.code !== 0 && archive.length && JVM_CRASH.test(r.text + r.errText)) {
    await dropClassArchive(o, java, `the offline importer crashed (exit code ${r.code})`);
    r = await runOnce(o, java.bin, offlineImportArgs(o, input), log);
  }
  if (r.code !== 0) throw embeddedError(`Neo4j's offline importer failed (exit code ${r.code}): see ${log}.`);
  return { seconds: r.seconds, startupSeconds: r.startupSeconds, phases: importerPhases(r.text), log };
}

async function runOnce(o: EmbeddedOptions, java: string, args: string[], log: string): Promise<{ code: number | null; text: string; errText: string; seconds: number; startupSeconds: number }> {
  const out = createWriteStream(log);
  const t0 = Date.now();
  const child = spawn(java, args, { env: { ...process.env, NEO4J_HOME: o.home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '', errText = '';
  let startedAt = 0;
  child.stderr.on('data', (b: Buffer) => { if (errText.length < 65536) errText += b.toString('utf8'); });
  child.stdout.on('data', (b: Buffer) => {
    text += b.toString('utf8');
    if (!startedAt && text.includes('Import starting')) startedAt = Date.now();
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise<number | null>((resolve, reject) => { child.on('error', reject); child.on('close', resolve); });
  await new Promise((r) => out.end(r));
  return { code, text, errText, seconds: (Date.now() - t0) / 1000, startupSeconds: ((startedAt || Date.now()) - t0) / 1000 };
}
