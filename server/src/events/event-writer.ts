// Writes one imported file's lookup events into the event store. Events go through DuckDB's
// appender into a staging table; every STAGE_ROWS rows (and at the end) the staging table is
// copied out as one Parquet part per day, written as `<part>.tmp`. `commit()` renames every
// part of the file into place, so readers (which only match `*.parquet`) never see half a file.
//
// Exactly once comes from the names alone: a part is named by the file's key (sha256 prefix,
// plus the byte offset of an appended segment) and its sequence number within its day, and the
// parts depend only on the input, so a killed import that is run again rewrites the same names.
import { mkdir, readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { DnsQueryEvent } from '../importers/types.ts';
import { encodeSourceKey, partPath, sqlString } from './event-layout.ts';
import { engineInstance, type DuckSettings } from './event-duckdb.ts';

/** Rows staged in DuckDB before they are written out (bounds memory; fixed, so names are stable). */
export const STAGE_ROWS = 1_000_000;
// JS's Date range: beyond it an event is kept without a time, as the graph keeps it.
const MAX_MS = 8.64e15;

export interface EventWriterOptions {
  root: string;
  sourceKey: string;
  /** fileKeyOf(sha256, fromByte). */
  fileKey: string;
  /** File name as in provenance refs. */
  file: string;
  settings: DuckSettings;
}

let tableNo = 0;

export class EventWriter {
  private staged = 0;
  private readonly seq = new Map<string, number>();
  private readonly tmpParts: string[] = [];
  private closed = false;

  private constructor(
    private readonly o: EventWriterOptions,
    private readonly conn: DuckDBConnection,
    private appender: DuckDBAppender,
    private readonly table: string,
  ) {}

  static async open(o: EventWriterOptions): Promise<EventWriter> {
    const conn = await (await engineInstance(o.settings)).connect();
    const table = `stage_${process.pid}_${++tableNo}`;
    // ms as DOUBLE and answers as one '\n'-joined string: two cheap appends instead of a
    // timestamp value object and a list value per row.
    await conn.run(`CREATE TEMP TABLE ${table} (ms DOUBLE, client VARCHAR, server VARCHAR, qname VARCHAR, qtype VARCHAR, rcode VARCHAR, answers VARCHAR, line BIGINT)`);
    const appender = await conn.createAppender(table, 'main', 'temp');
    return new EventWriter(o, conn, appender, table);
  }

  /** Rows staged and not yet written out. */
  get pending(): number {
    return this.staged;
  }

  add(e: DnsQueryEvent): void {
    const a = this.appender;
    const ms = e.ts;
    if (ms >= -MAX_MS && ms <= MAX_MS) a.appendDouble(Math.trunc(ms)); else a.appendNull();
    if (e.client !== undefined) a.appendVarchar(e.client); else a.appendNull();
    if (e.server !== undefined) a.appendVarchar(e.server); else a.appendNull();
    a.appendVarchar(e.qname);
    if (e.qtype !== undefined) a.appendVarchar(e.qtype); else a.appendNull();
    if (e.rcode !== undefined) a.appendVarchar(e.rcode); else a.appendNull();
    const ans = e.answers;
    if (ans === undefined) a.appendNull();
    else {
      let s = '';
      for (let i = 0; i < ans.length; i++) s += (i ? '\n' : '') + ans[i].type + ' ' + ans[i].value;
      a.appendVarchar(s);
    }
    a.appendBigInt(BigInt(e.ref));
    a.endRow();
    this.staged++;
  }

  /** Write the staged rows out as `.tmp` parts once there are enough of them. */
  async maybeSpill(): Promise<void> {
    if (this.staged >= STAGE_ROWS) await this.spill();
  }

  private async spill(): Promise<void> {
    if (this.staged === 0) return;
    this.appender.flushSync();
    const days = (await this.conn.runAndReadAll(
      `SELECT DISTINCT CASE WHEN ms IS NULL THEN 'none' ELSE strftime(epoch_ms(ms::BIGINT), '%Y-%m-%d') END AS day FROM ${this.table} ORDER BY day`,
    )).getRows().map((r) => String(r[0]));
    for (const day of days) {
      const seq = this.seq.get(day) ?? 0;
      this.seq.set(day, seq + 1);
      const final = partPath(this.o.root, day, this.o.sourceKey, this.o.fileKey, seq);
      await mkdir(path.dirname(final), { recursive: true });
      const tmp = `${final}.tmp`;
      const where = day === 'none' ? 'ms IS NULL' : `ms IS NOT NULL AND strftime(epoch_ms(ms::BIGINT), '%Y-%m-%d') = ${sqlString(day)}`;
      // Sorted by name, client and time: a reader's filter on a name skips most row groups.
      await this.conn.run(`COPY (
        SELECT epoch_ms(ms::BIGINT) AS ts, client, server, qname, qtype, rcode,
               CASE WHEN answers IS NULL THEN NULL WHEN answers = '' THEN []::VARCHAR[] ELSE string_split(answers, chr(10)) END AS answers,
               1::INTEGER AS count, ${sqlString(this.o.sourceKey)} AS source, ${sqlString(this.o.file)} AS file, line
        FROM ${this.table} WHERE ${where} ORDER BY qname, client, ms, line
      ) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      this.tmpParts.push(tmp);
    }
    await this.conn.run(`DELETE FROM ${this.table}`);
    this.staged = 0;
  }

  /** Where this file's parts go (for parts written elsewhere and handed over with adopt()). */
  get target(): { root: string; sourceKey: string; fileKey: string; file: string } {
    const { root, sourceKey, fileKey, file } = this.o;
    return { root, sourceKey, fileKey, file };
  }

  /** `.tmp` parts of this file written by someone else (the import engine): committed or removed with the rest. */
  adopt(tmpParts: string[]): void {
    this.tmpParts.push(...tmpParts);
  }

  /** Write what is staged, then move every part of this file into place. */
  async commit(): Promise<{ parts: string[] }> {
    await this.spill();
    const parts: string[] = [];
    for (const tmp of this.tmpParts) {
      const final = tmp.slice(0, -'.tmp'.length);
      await rename(tmp, final);
      parts.push(final);
    }
    this.tmpParts.length = 0;
    await this.close();
    return { parts };
  }

  /** Drop what was staged and the `.tmp` parts written so far. */
  async abort(): Promise<void> {
    for (const tmp of this.tmpParts) await unlink(tmp).catch(() => {});
    this.tmpParts.length = 0;
    await this.close();
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try { this.appender.closeSync(); } catch { /* already closed with the connection */ }
    try { await this.conn.run(`DROP TABLE IF EXISTS ${this.table}`); } finally { this.conn.closeSync(); }
  }
}

/** Delete every part of a source (all days), e.g. before a `--replace` re-import. Returns how many. */
export async function removeSourceEvents(root: string, sourceKey: string): Promise<number> {
  const enc = `source=${encodeSourceKey(sourceKey)}`;
  let n = 0;
  const days = await readdir(root).catch(() => [] as string[]);
  for (const day of days.filter((d) => d.startsWith('day='))) {
    const dir = path.join(root, day, enc);
    const files = await readdir(dir).catch(() => null);
    if (!files) continue;
    n += files.filter((f) => f.endsWith('.parquet')).length;
    await rm(dir, { recursive: true, force: true });
    if ((await readdir(path.join(root, day)).catch(() => ['?'])).length === 0) await rm(path.join(root, day), { recursive: true, force: true });
  }
  return n;
}
