// The bundled 2016 case: its case files and the synthetic name-server logs, imported through
// the import front door (so the demo exercises the same code users run).
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import type { ImportSummary } from '../../importers/pipeline/import-file.ts';
import { importFiles, linkPrefixes } from '../imports/import-files.ts';
import { queryText } from '../queries/query-library.ts';

export const DEMO_CASE_DIR = 'data/cases/2016-mail1-trump-email';

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const r = await db.read(queryText('demo', 'has-data', {}), {}, { caller: 'demo:isEmpty' });
  return !r[0]?.any;
}

/**
 * Delete every node but the migration records, in bounded transactions: relationships first, as a
 * batch of nodes that holds a hub would take all its relationships into one transaction and pass
 * the one-transaction memory limit (a quarter of the heap).
 */
export async function wipeDatabase(db: Database): Promise<void> {
  for (;;) {
    const r = await db.write(queryText('demo', 'wipe-relationships-batch', {}), {}, { caller: 'demo:wipe', timeoutMs: 600_000 });
    if (Number(r[0]?.n ?? 0) === 0) break;
  }
  for (;;) {
    const r = await db.write(queryText('demo', 'wipe-batch', {}), {}, { caller: 'demo:wipe', timeoutMs: 600_000 });
    if (Number(r[0]?.n ?? 0) === 0) return;
  }
}

export async function loadDemoCase(db: Database, cfg: Config): Promise<ImportSummary[]> {
  const dir = path.join(cfg.repoRoot, DEMO_CASE_DIR);
  const caseFiles = readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort().map((f) => path.join(dir, f));
  const logs = path.join(dir, 'logs');
  const logFiles = existsSync(logs) ? readdirSync(logs).filter((x) => x.endsWith('.csv')).sort().map((f) => path.join(logs, f)) : [];
  const common = {
    reportDir: cfg.import.reportDir, batchSize: cfg.import.batchSize, writers: cfg.import.writers, flushAt: cfg.import.flushPairs,
    eventsDir: cfg.events.dir, eventsSettings: cfg.events, // event store (issue 13)
    // The demo is one unit: a file that fails is an error, not a line in a summary.
    stopOnError: true, linkPrefixes: false,
    leanLookups: cfg.import.leanLookups, engineMemoryMb: cfg.import.engineMemoryMb,
  };
  const cases = await importFiles(db, caseFiles, { ...common, format: 'case' });
  const synthetic = await importFiles(db, logFiles, {
    ...common,
    format: 'csv',
    synthetic: true,
    // Generated data reproduces reported figures; it is not an observation, so it is trusted little.
    confidence: 50,
    perFile: (file) => {
      const server = path.basename(file).replace(/\.csv$/, '');
      return {
        sourceName: `${server} query log (synthetic)`,
        title: `SYNTHETIC query log of ${server}, generated to match published aggregates (the real logs are not public)`,
      };
    },
  });
  await linkPrefixes(db, { batchSize: cfg.import.batchSize, writers: cfg.import.writers });
  return [...cases.summaries, ...synthetic.summaries];
}
