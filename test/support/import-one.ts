// One file through the import front door with small batches, as the import integration tests
// run it: its failure thrown, its summary returned.
import path from 'node:path';
import type { Database } from '../../server/src/db/database.ts';
import { importFiles, type ImportFilesOptions, type ImportFilesResult } from '../../server/src/domain/imports/import-files.ts';

export function importOneWith(db: Database, tmp: string) {
  const opts = (o: Partial<ImportFilesOptions> = {}): ImportFilesOptions => ({
    batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports'), linkPrefixes: false, ...o,
  });
  return async (file: string, o: Partial<ImportFilesOptions> = {}): Promise<ImportFilesResult['summaries'][number]> => {
    const r = await importFiles(db, [file], opts(o));
    if (r.failures.length) throw r.failures[0].error;
    return r.summaries[0];
  };
}
