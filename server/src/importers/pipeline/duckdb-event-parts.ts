// Event-store parts for the lookups a table loader put straight into the engine (they never pass
// the event tee). The parts are the ones EventWriter writes for the same file: the same layout and
// names (events/event-layout.ts), columns, row order inside a part and compression; rows are cut
// into parts every STAGE_ROWS lookups in file order, then per day, as the writer's staging does.
// They are written as `.tmp` and handed to the import's EventWriter, which renames them into place
// on commit (after the graph writes) or removes them on abort: exactly once, as for the tee.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EngineDb } from '../table-loader.ts';
import { partPath, sqlString } from '../../events/event-layout.ts';
import { STAGE_ROWS } from '../../events/event-writer.ts';

export interface EventPartsTarget {
  /** Event store root (<dataDir>/events). */
  root: string;
  /** Source node key, e.g. `src:ab12…`. */
  sourceKey: string;
  /** fileKeyOf(sha256, fromByte). */
  fileKey: string;
  /** File name as in provenance refs. */
  file: string;
}

const DAY = `CASE WHEN ts IS NULL THEN 'none' ELSE strftime(epoch_ms(ts), '%Y-%m-%d') END`;

/**
 * Write the `.tmp` parts of the engine's SQL-loaded lookups (after finish()) through `db` (the
 * engine's connection or a second one); returns their paths, which are also pushed to `written`
 * as each is written, so that a caller can remove the parts of a run that failed half-way.
 * The cut is by rank in line order; only the line column is ranked (a window over whole rows,
 * answer lists included, sorted 10M rows in 23 s; the narrow one and range filters take a few).
 * Each cut is read from the `evs` view through its line range into a table of its own, one cut
 * at a time: the loaders' tables keep file order, so a range filter skips to its row groups (100k
 * rows of 10M in 25 ms against 485 ms for a scan). A copy of every event at once doubled the
 * engine's temporary disk on the 100M-line uniform log, to 2.03× the input (2026-12-04).
 */
export async function writeEventParts(db: EngineDb, t: EventPartsTarget, stageRows = STAGE_ROWS, written: string[] = []): Promise<string[]> {
  // First line of each cut of stageRows lookups (line numbers are unique).
  const starts = (await db.rows(`SELECT line FROM (SELECT line, row_number() OVER (ORDER BY line) - 1 AS rn FROM evs)
    WHERE rn % ${Number(stageRows)} = 0 ORDER BY line`)).map((r) => Number(r[0]));
  const seq = new Map<string, number>();
  for (let w = 0; w < starts.length; w++) {
    const range = `line >= ${starts[w]}${w + 1 < starts.length ? ` AND line < ${starts[w + 1]}` : ''}`;
    await db.run(`CREATE OR REPLACE TEMP TABLE evc AS SELECT *, ${DAY} AS day FROM evs WHERE ${range}`);
    for (const [d] of await db.rows('SELECT DISTINCT day FROM evc ORDER BY day')) {
      const day = d as string;
      const n = seq.get(day) ?? 0;
      seq.set(day, n + 1);
      const tmp = `${partPath(t.root, day, t.sourceKey, t.fileKey, n)}.tmp`;
      await mkdir(path.dirname(tmp), { recursive: true });
      await rm(tmp, { force: true });
      written.push(tmp);
      await db.run(`COPY (
        SELECT epoch_ms(ts) AS ts, client, server, qname, qtype, rcode, answers, 1::INTEGER AS count,
          ${sqlString(t.sourceKey)} AS source, ${sqlString(t.file)} AS file, line::BIGINT AS line
        FROM evc WHERE day = ${sqlString(day)} ORDER BY qname, client, ts, line
      ) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    }
  }
  await db.run('DROP TABLE IF EXISTS evc');
  return written;
}
