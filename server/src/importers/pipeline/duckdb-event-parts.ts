// Event-store parts (docs: EVENT-STORE layout) for lookups the engine holds: one Parquet part per
// day and file, written by DuckDB's COPY from the `evs` view (the engine's accepted lookups with
// their typed answers), under <root>/day=YYYY-MM-DD/source=<enc(sourceKey)>/part-<fileKey>-0.parquet.
// Each part is written to <name>.tmp and renamed, and a re-run writes the same names: exactly once.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Aggregator } from './aggregate.ts';
import { lit } from './duckdb-engine.ts';

export interface EventPartsTarget {
  /** Event store root (<dataDir>/events). */
  root: string;
  /** Source node key, e.g. `src:ab12…`. */
  sourceKey: string;
  /** First 16 hex of the file's sha256 (plus `-<fromByte>` for an appended segment). */
  fileKey: string;
  /** File name as in provenance refs. */
  file: string;
}

/** Every byte outside [A-Za-z0-9._-] as %XX. */
export function encodeSegment(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    out += /[A-Za-z0-9._-]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Write the parts of the aggregator's lookups (after finish()); returns the files written. */
export async function writeEventParts(agg: Aggregator, t: EventPartsTarget): Promise<string[]> {
  const db = agg.db;
  const day = `coalesce(strftime(epoch_ms(ts), '%Y-%m-%d'), 'none')`;
  const days = (await db.rows(`SELECT DISTINCT ${day} FROM ev ORDER BY 1`)).map((r) => r[0] as string);
  const written: string[] = [];
  for (const d of days) {
    const dir = path.join(t.root, `day=${d}`, `source=${encodeSegment(t.sourceKey)}`);
    mkdirSync(dir, { recursive: true });
    const part = path.join(dir, `part-${t.fileKey}-0.parquet`);
    rmSync(`${part}.tmp`, { force: true });
    await db.run(`COPY (
      SELECT epoch_ms(ts) AS ts, client, server, qname, qtype, rcode, coalesce(answers, []::VARCHAR[]) AS answers, cnt::INTEGER AS count,
        ${lit(t.sourceKey)} AS source, ${lit(t.file)} AS file, line::BIGINT AS line
      FROM evs WHERE ${day} = ${lit(d)} ORDER BY line
    ) TO ${lit(`${part}.tmp`)} (FORMAT parquet)`);
    renameSync(`${part}.tmp`, part);
    written.push(part);
  }
  return written;
}
