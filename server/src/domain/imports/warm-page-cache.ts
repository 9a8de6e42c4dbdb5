// The first large import after Neo4j starts finds its page cache empty: every known lookup edge it
// updates faults its property and array pages in one by one. Reading the store in page order
// beforehand is cheaper, and runs while the importer parses and aggregates (the database waits
// then anyway). Measured on the heavy-tailed next day against the bulk-loaded 10M store just
// started (2026-12-07): 91.2 s cold; after a 8.6 s warm-up, 77.7 s. On a warm cache it takes ~1 s.
// Beside the parse the parse time no longer hides all of it: 84–89 s against 88–96 s, and no gain
// when the import starts the store itself (BENCHMARKS.md, "2026-12-07 morning").
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { internalStatement } from '../../cypher/statement-files.ts';

// The import's graph writes wait for it: past this it is ended, and the writes go on without it.
const WARM_TIMEOUT_MS = 120_000;

export type WarmResult = { seconds: number; pages: number } | { skipped: string };

/** Never throws: a store without APOC, or one that refuses the warm-up, is only slower. */
export async function warmPageCache(db: Database): Promise<WarmResult> {
  const t0 = performance.now();
  try {
    const r = await db.read(internalStatement('import', 'warm-page-cache', {}), {}, { caller: 'import:warm-up', timeoutMs: WARM_TIMEOUT_MS });
    return { seconds: (performance.now() - t0) / 1000, pages: Number(r[0]?.pages ?? 0) };
  } catch (e) {
    const why = e instanceof AppError || e instanceof Error ? e.message : String(e);
    return { skipped: why.split('\n')[0].slice(0, 200) };
  }
}
