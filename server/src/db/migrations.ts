// Schema migrations: the .cypher files of cypher/schema, applied in name order, each recorded
// as a (:Migration) node with its checksum. Statements use IF NOT EXISTS, so a file is safe to
// re-run; the record makes a second start skip it altogether.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadCypherDir } from '../cypher/cypher-file.ts';
import { checkedStatement, statementFile } from '../cypher/statement-files.ts';
import type { Database } from './database.ts';

/** The bookkeeping statements, cypher/internal/migrations/<name>.cypher. */
function statement(repoRoot: string, name: string, params: Record<string, unknown>): string {
  return checkedStatement(statementFile(path.join(repoRoot, 'cypher/internal/migrations', `${name}.cypher`)), `internal/migrations/${name}`, params);
}

/** Indexes whose population scans the most: full-text, and relationship property indexes. */
const SLOW_INDEX = /\bCREATE\s+FULLTEXT\s+INDEX\b|\bFOR\s*\(\s*\)\s*-\s*\[/i;

export interface MigrationResult { applied: string[]; skipped: string[] }

/**
 * `awaitIndexes: false` returns once every statement has run: uniqueness constraints are online
 * by then (creating one populates it), other indexes may still be populating — queries are
 * answered meanwhile, without them (the bulk load, which builds indexes over a full store).
 * Then the slow ones (full-text, relationship property) are created last: Neo4j populates only
 * a few indexes at once, and a CREATE INDEX behind a populating full-text index of 600k nodes
 * waited ~10 s for it (BENCHMARKS.md, bulk load).
 * `doneBy` names migrations whose work the caller has done itself: they are recorded, not run.
 */
export async function applyMigrations(db: Database, repoRoot: string, opts: { awaitIndexes?: boolean; doneBy?: readonly string[] } = {}): Promise<MigrationResult> {
  const files = loadCypherDir(path.join(repoRoot, 'cypher/schema'));
  const done = await db.read(statement(repoRoot, 'migrations-applied', {}), {}, { caller: 'migrations' });
  const have = new Map(done.map((r) => [String(r.name), String(r.checksum)]));
  const result: MigrationResult = { applied: [], skipped: [] };
  const deferred: { file: string; stmt: string }[] = [];
  const records: { name: string; checksum: string }[] = [];
  for (const f of files) {
    const checksum = createHash('sha256').update(f.text).digest('hex');
    // A changed file is re-applied: its statements are idempotent, and the record is updated.
    if (have.get(f.name) === checksum) { result.skipped.push(f.name); continue; }
    // Data migrations whose work the caller's writes already did (the bulk load): recorded only.
    if (opts.doneBy?.includes(f.name)) { records.push({ name: f.name, checksum }); result.skipped.push(f.name); continue; }
    for (const stmt of f.statements) {
      if (opts.awaitIndexes === false && SLOW_INDEX.test(stmt)) deferred.push({ file: f.name, stmt });
      else await db.schema(stmt, { caller: `migration:${f.name}`, timeoutMs: 600_000 });
    }
    records.push({ name: f.name, checksum });
    result.applied.push(f.name);
  }
  for (const d of deferred) await db.schema(d.stmt, { caller: `migration:${d.file}`, timeoutMs: 600_000 });
  // Recorded once all their statements ran (a stop in between re-applies them: they are idempotent).
  for (const record of records) await db.write(statement(repoRoot, 'migration-record', record), record, { caller: 'migrations' });
  if (result.applied.length && opts.awaitIndexes !== false) {
    await db.schema(statement(repoRoot, 'await-indexes', {}), { caller: 'migrations', timeoutMs: 600_000 });
  }
  return result;
}
