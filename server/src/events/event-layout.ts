// Where lookup events live on disk (docs/model.md, "What lives in Neo4j and what in the event
// store"): Parquet parts in hive-style directories under the events root,
//   <root>/day=YYYY-MM-DD/source=<enc(sourceKey)>/part-<fileKey>-<seq>.parquet
// so that removing a source is deleting its directories, and a re-run of the same import
// rewrites the same names (exactly once without any bookkeeping beyond the name).
import path from 'node:path';

/** Column order and types of every part (the contract shared with the import engine). */
export const EVENT_COLUMNS = [
  ['ts', 'TIMESTAMP'],
  ['client', 'VARCHAR'],
  ['server', 'VARCHAR'],
  ['qname', 'VARCHAR'],
  ['qtype', 'VARCHAR'],
  ['rcode', 'VARCHAR'],
  ['answers', 'VARCHAR[]'],
  ['count', 'INTEGER'],
  ['source', 'VARCHAR'],
  ['file', 'VARCHAR'],
  ['line', 'BIGINT'],
] as const;

export const EVENT_TABLE_DDL = EVENT_COLUMNS.map(([n, t]) => `"${n}" ${t}`).join(', ');

/** Percent-encode every byte outside [A-Za-z0-9._-], so any source key is one safe directory name. */
export function encodeSourceKey(key: string): string {
  let out = '';
  for (const b of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9._-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function decodeSourceKey(enc: string): string {
  return decodeURIComponent(enc);
}

/** First 16 hex of the file's sha256, plus `-<fromByte>` for an appended or resumed segment. */
export function fileKeyOf(sha256: string, fromByte: number): string {
  const k = sha256.slice(0, 16).toLowerCase();
  return fromByte > 0 ? `${k}-${fromByte}` : k;
}

/** 'YYYY-MM-DD' (UTC) of an event time, or 'none' when the event has no usable time. */
export function dayOf(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'none';
  return new Date(ms).toISOString().slice(0, 10);
}

export function sourceDir(root: string, day: string, sourceKey: string): string {
  return path.join(root, `day=${day}`, `source=${encodeSourceKey(sourceKey)}`);
}

export function partPath(root: string, day: string, sourceKey: string, fileKey: string, seq: number): string {
  return path.join(sourceDir(root, day, sourceKey), `part-${fileKey}-${seq}.parquet`);
}

/** Finished parts only: a part being written ends in `.parquet.tmp`, which this never matches. */
export function partsGlob(root: string, day = '*'): string {
  return path.join(root, `day=${day}`, 'source=*', '*.parquet');
}

/** Single-quoted SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
