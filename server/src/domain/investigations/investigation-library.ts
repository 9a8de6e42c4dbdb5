// The saved investigations, for the API and the CLI alike: cypher/investigations/*.cypher plus
// any extra folders registered at start-up (tests add a fixture folder). Parameters are validated and typed
// from the file headers; results come back as rows and as the graph found in them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCypherDir, bindParams, type CypherFile } from '../../cypher/cypher-file.ts';
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { extractGraph, type GNode, type GEdge } from '../graph/graph-model.ts';
import { isSqlInvestigation, loadSqlInvestigationDir, runSqlInvestigationOnGraph } from './sql-investigation.ts'; // .sql investigations (issue 13)
import { eventStore, type EventStore } from '../../events/event-store.ts';
import { config } from '../../config.ts';

const extraDirs: string[] = [];
let cache: CypherFile[] | undefined;

export function addInvestigationDir(dir: string): void {
  if (!extraDirs.includes(dir)) extraDirs.push(dir);
  cache = undefined;
}

export function listInvestigationFiles(repoRoot: string, reload = false): CypherFile[] {
  if (!cache || reload) {
    const byName = new Map<string, CypherFile>();
    for (const dir of [path.join(repoRoot, 'cypher/investigations'), ...extraDirs]) {
      if (!existsSync(dir)) continue;
      for (const f of loadCypherDir(dir)) if (!byName.has(f.name)) byName.set(f.name, f);
      for (const f of loadSqlInvestigationDir(dir)) if (!byName.has(f.name)) byName.set(f.name, f); // .sql (issue 13)
    }
    cache = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
  return cache;
}

export interface InvestigationRun {
  name: string; columns: string[]; rows: Record<string, unknown>[]; truncated: boolean; ms: number; nodes: GNode[]; edges: GEdge[];
}

export async function runSavedInvestigation(
  db: Database, repoRoot: string, name: string, raw: Record<string, unknown>, limits: { maxRows: number; maxBytes: number; timeoutMs: number },
  events?: EventStore,
): Promise<InvestigationRun> {
  const f = listInvestigationFiles(repoRoot).find((x) => x.name === name);
  if (!f) throw new AppError(ErrorCode.NOT_FOUND, `No investigation named "${name}" (see \`infragraph investigations\`).`);
  if (f.mode !== 'READ') throw new AppError(ErrorCode.QUERY_REFUSED, `Investigation ${name} is not read-only.`);
  if (f.statements.length !== 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `Investigation ${name} must hold exactly one statement.`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'params must be a JSON object.');
  const params = bindParams(f, raw);
  const t0 = Date.now();
  if (isSqlInvestigation(f)) { // SQL over the event store (issue 13)
    const r = await runSqlInvestigationOnGraph(db, events ?? eventStore(config()), f, params, limits);
    return { name, columns: r.columns, rows: r.rows, truncated: r.truncated, ms: Date.now() - t0, nodes: [], edges: [] };
  }
  const r = await db.readLimited(f.statements[0], params, { caller: `investigation:${name}`, ...limits });
  const g = extractGraph(r.rows);
  return { name, columns: r.columns, rows: r.rows, truncated: r.truncated, ms: Date.now() - t0, nodes: g.nodes, edges: g.edges };
}
