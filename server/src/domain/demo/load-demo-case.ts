// The bundled 2016 case: its case files and the synthetic name-server logs, imported through
// the ordinary importers (so the demo exercises the same code users run).
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { importFile, type ImportSummary } from '../../importers/pipeline/import-file.ts';
import { importCaseFile } from '../../importers/case/import-case.ts';
import { linkIpsToPrefixes } from '../network/link-prefixes.ts';

export const DEMO_CASE_DIR = 'data/cases/2016-mail1-trump-email';

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const r = await db.read(
    'MATCH (n) WHERE NOT n:Migration RETURN count(n) > 0 AS any LIMIT 1',
    {}, { caller: 'demo:isEmpty' },
  );
  return !r[0]?.any;
}

/** Delete every node but the migration records, in bounded transactions. */
export async function wipeDatabase(db: Database): Promise<void> {
  for (;;) {
    const r = await db.write(
      'MATCH (n) WHERE NOT n:Migration WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n',
      {}, { caller: 'demo:wipe', timeoutMs: 600_000 },
    );
    if (Number(r[0]?.n ?? 0) === 0) return;
  }
}

export async function loadDemoCase(db: Database, cfg: Config): Promise<ImportSummary[]> {
  const dir = path.join(cfg.repoRoot, DEMO_CASE_DIR);
  const out: ImportSummary[] = [];
  const common = { reportDir: cfg.import.reportDir, batchSize: cfg.import.batchSize, writers: cfg.import.writers };
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort()) {
    out.push(await importCaseFile(db, path.join(dir, f), common));
  }
  const logs = path.join(dir, 'logs');
  if (existsSync(logs)) {
    for (const f of readdirSync(logs).filter((x) => x.endsWith('.csv')).sort()) {
      const server = f.replace(/\.csv$/, '');
      out.push(await importFile(db, path.join(logs, f), {
        ...common,
        format: 'csv',
        sourceName: `${server} query log (synthetic)`,
        title: `SYNTHETIC query log of ${server}, generated to match published aggregates (the real logs are not public)`,
        synthetic: true,
        // Generated data reproduces reported figures; it is not an observation, so it is trusted little.
        confidence: 50,
        flushAt: cfg.import.flushPairs,
        eventsDir: cfg.events.dir, eventsSettings: cfg.events, // event store (issue 13)
      }));
    }
  }
  await linkIpsToPrefixes(db, { batchSize: cfg.import.batchSize, writers: cfg.import.writers });
  return out;
}
