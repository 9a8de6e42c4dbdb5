// Lean lookup edges (no histogram) written by DuckDB itself as the offline importer's CSV: the
// engine's pair table (pl, duckdb-pairs.ts) COPYed out on every core. The row-by-row way — read
// each pair into JavaScript, format it, write
// it — is what csv-graph-writer.ts does for every other edge and for lookups with a histogram.
// The fields are exactly that writer's (PROV, OBS, k, qtypes, rcodes), which a test checks.
import type { DuckEngine } from './duckdb-engine.ts';
import { lit } from './duckdb-engine.ts';
import { refLine } from './duckdb-aggregate-sql.ts';
import { CodeSets, codeBits } from './duckdb-pairs.ts';

export interface LookupsCsv {
  /** The CSV file to write (no header line). */
  file: string;
  sourceKey: string;
  refName: string;
  confidence: number;
  /** A code set as the writer spells an array field (`A;AAAA`), noting blank ends. */
  codeText: (codes: string[]) => string;
}

/** 10000-01-01: from there on (and before 1970) isoMillis() spells years its own way. */
const MAX_FAST_MS = 253402300800000;

/** Write the lookups; the number of rows, or null when a time needs JavaScript's spelling. */
export async function copyLeanLookupsCsv(db: DuckEngine, o: LookupsCsv): Promise<number | null> {
  const [[ready]] = await db.rows("SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'pl'");
  if (!ready) return null; // the engine kept histograms: pairs come from readLookups()
  const [[lo, hi]] = await db.rows('SELECT min(f)::DOUBLE, max(l)::DOUBLE FROM pl');
  if ((lo !== null && (lo as number) < 0) || (hi !== null && (hi as number) >= MAX_FAST_MS)) return null;
  const { codes, words } = await codeBits(db);
  const w = Array.from({ length: words }, (_, i) => i);
  const q = w.map((i) => `q${i}`), r = w.map((i) => `r${i}`);
  // Each distinct code set once: decoded and spelled here, joined back below.
  const sets = new CodeSets(codes);
  const cols = w.map((i) => `m${i} DOUBLE`).join(', ');
  await db.run(`CREATE OR REPLACE TEMP TABLE mt (${cols}, txt VARCHAR)`);
  const a = await db.appender('mt');
  for (const row of await db.rows(`SELECT DISTINCT ${q.join(', ')} FROM pl UNION SELECT DISTINCT ${r.join(', ')} FROM pl`)) {
    const list = sets.of(Float64Array.from(row as number[]));
    for (const m of row) a.appendDouble(m as number);
    if (list.length) a.appendVarchar(o.codeText(list)); else a.appendNull();
    a.endRow();
  }
  a.closeSync();
  const on = (t: string, m: string[]) => m.map((c, i) => `${t}.m${i} = pl.${c}`).join(' AND ');
  const iso = (x: string) => `CASE WHEN ${x} IS NOT NULL THEN strftime(epoch_ms(trunc(${x})::BIGINT), '%Y-%m-%dT%H:%M:%S.%gZ') END`;
  const ref = `${lit(`${o.refName}:`)} || ${refLine('mk')}::BIGINT`;
  const conf = String(o.confidence);
  await db.run(`COPY (
    SELECT client, qname, ${lit(o.sourceKey)}, ${conf}, ${ref}, n::BIGINT, fs, ls, n::BIGINT, ${conf}, fs, ls, client || '>' || qname, mq.txt, mr.txt
    FROM (SELECT *, ${iso('f')} AS fs, ${iso('l')} AS ls FROM pl) pl
    LEFT JOIN mt mq ON ${on('mq', q)} LEFT JOIN mt mr ON ${on('mr', r)}
  ) TO ${lit(o.file)} (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
  const [[n]] = await db.rows('SELECT count(*)::DOUBLE FROM pl');
  return n as number;
}
