// The saved investigations, for the API and the CLI alike. Three places, in this order:
//   1. bundled: cypher/investigations/ in the repository;
//   2. extra folders registered at start-up (tests add a fixture folder); they never replace a
//      bundled file;
//   3. the user's library (cfg.investigations.userDir, INFRAGRAPH_INVESTIGATIONS_DIR): a user file
//      replaces a bundled one of the same name, with a warning, so a team can adapt one without
//      forking the repository.
// A file that does not parse is left out of the list and reported (`infragraph investigations
// check` prints it with file:line); one broken user file never hides the rest of the library.
// Parameters are validated and typed from the file headers; results come back as rows and as the
// graph found in them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCypherFile, bindParams, type CypherFile } from '../../cypher/cypher-file.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode, toAppError } from '../../errors.ts';
import { extractGraph, type GNode, type GEdge } from '../graph/graph-model.ts';
import { isSqlInvestigation, parseSqlInvestigation, runSqlInvestigationOnGraph } from './sql-investigation.ts'; // .sql investigations (issue 13)
import { eventStore, type EventStore } from '../../events/event-store.ts';
import { config } from '../../config.ts';

/**
 * How each kind of investigation file is read, by file extension. Another kind (e.g. `.sql`)
 * registers its reader here; the rest of the library only sees the parsed file.
 */
export const INVESTIGATION_READERS: Record<string, (text: string, file: string) => CypherFile> = {
  '.cypher': parseCypherFile,
  '.sql': parseSqlInvestigation, // DuckDB SQL over the event store (issue 13)
};

export type Origin = 'bundled' | 'extra' | 'user';
export type LibraryFile = CypherFile & { origin: Origin; /** The file this one replaces, if any. */ shadows?: string };
export interface BrokenFile { name: string; file: string; line?: number; message: string; origin: Origin }
export interface Library { files: LibraryFile[]; warnings: string[]; broken: BrokenFile[] }

const extraDirs: string[] = [];
const cache = new Map<string, Library>();

export function addInvestigationDir(dir: string): void {
  if (!extraDirs.includes(dir)) extraDirs.push(dir);
  cache.clear();
}

export function bundledInvestigationDir(repoRoot: string): string {
  return path.join(repoRoot, 'cypher/investigations');
}

function readDir(dir: string, origin: Origin): { files: LibraryFile[]; broken: BrokenFile[] } {
  const files: LibraryFile[] = [];
  const broken: BrokenFile[] = [];
  if (!existsSync(dir)) return { files, broken };
  for (const entry of readdirSync(dir).sort()) {
    const reader = INVESTIGATION_READERS[path.extname(entry)];
    if (!reader) continue;
    const file = path.join(dir, entry);
    try {
      files.push({ ...reader(readFileSync(file, 'utf8'), file), origin });
    } catch (e) {
      const err = toAppError(e);
      const line = typeof err.details?.line === 'number' ? err.details.line : undefined;
      broken.push({ name: path.basename(entry, path.extname(entry)), file, line, message: err.message, origin });
    }
  }
  return { files, broken };
}

/**
 * The library seen from a configuration (bundled + extra + the user's folder) or, given only the
 * repository root, without a user folder (what in-process tests use).
 */
export function loadLibrary(where: string | Config, reload = false): Library {
  const repoRoot = typeof where === 'string' ? where : where.repoRoot;
  const userDir = typeof where === 'string' ? undefined : where.investigations.userDir;
  const key = `${repoRoot}\u0000${userDir ?? ''}\u0000${extraDirs.join('\u0000')}`;
  const hit = cache.get(key);
  if (hit && !reload) return hit;
  const byName = new Map<string, LibraryFile>();
  const warnings: string[] = [];
  const broken: BrokenFile[] = [];
  const sources: [string, Origin][] = [[bundledInvestigationDir(repoRoot), 'bundled'], ...extraDirs.map((d): [string, Origin] => [d, 'extra'])];
  if (userDir) sources.push([userDir, 'user']);
  for (const [dir, origin] of sources) {
    const r = readDir(dir, origin);
    broken.push(...r.broken);
    for (const f of r.files) {
      const prev = byName.get(f.name);
      if (!prev) { byName.set(f.name, f); continue; }
      if (origin === 'user' && prev.origin !== 'user') {
        warnings.push(`${f.file} replaces the ${prev.origin} investigation "${f.name}" (${prev.file}).`);
        byName.set(f.name, { ...f, shadows: prev.file });
      } else {
        warnings.push(`${f.file} is ignored: "${f.name}" is already defined by ${prev.file}.`);
      }
    }
  }
  const lib = { files: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), warnings, broken };
  cache.set(key, lib);
  return lib;
}

export function listInvestigationFiles(where: string | Config, reload = false): LibraryFile[] {
  return loadLibrary(where, reload).files;
}

export function findInvestigation(where: string | Config, name: string): LibraryFile {
  const f = listInvestigationFiles(where).find((x) => x.name === name);
  if (!f) throw new AppError(ErrorCode.NOT_FOUND, `No investigation named "${name}" (see \`infragraph investigations\`).`);
  return f;
}

export interface InvestigationRun {
  name: string; columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; ms: number; nodes: GNode[]; edges: GEdge[];
}

export async function runInvestigationFile(
  db: Database, f: CypherFile, raw: Record<string, unknown>, limits: { maxRows: number; maxBytes: number; timeoutMs: number },
  events?: EventStore,
): Promise<InvestigationRun> {
  const name = f.name;
  if (f.mode !== 'READ') throw new AppError(ErrorCode.QUERY_REFUSED, `Investigation ${name} is not read-only.`);
  if (f.statements.length !== 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `Investigation ${name} must hold exactly one statement.`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'params must be a JSON object.');
  const params = bindParams(f, raw);
  const t0 = Date.now();
  if (isSqlInvestigation(f)) { // SQL over the event store (issue 13)
    const q = await runSqlInvestigationOnGraph(db, events ?? eventStore(config()), f, params, limits);
    return { name, columns: q.columns, rows: q.rows, truncated: q.truncated, ms: Date.now() - t0, nodes: [], edges: [] };
  }
  const r = await db.readLimited(f.statements[0], params, { caller: `investigation:${name}`, ...limits });
  const g = extractGraph(r.rows);
  return { name, columns: r.columns, rows: r.rows, truncated: r.truncated, ms: Date.now() - t0, nodes: g.nodes, edges: g.edges };
}

export async function runSavedInvestigation(
  db: Database, where: string | Config, name: string, raw: Record<string, unknown>, limits: { maxRows: number; maxBytes: number; timeoutMs: number },
  events?: EventStore,
): Promise<InvestigationRun> {
  return runInvestigationFile(db, findInvestigation(where, name), raw, limits, events);
}
