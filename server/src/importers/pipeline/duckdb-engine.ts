// One in-memory DuckDB database per import, with a memory limit and a temp directory under the
// import's scratch directory, so aggregation runs out of core on inputs of any size
// (DuckDB spills its hash tables and sorts there) and the scratch is removed when the import ends.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBDataChunk, type DuckDBValue } from '@duckdb/node-api';
import type { EngineDb } from '../table-loader.ts';

export interface EngineOptions {
  /** Scratch directory of this import (created; removed by close()). */
  dir: string;
  /** DuckDB memory_limit, e.g. '320MB'. Keeps the importer's RSS bounded whatever the input size. */
  memoryLimit?: string;
  /** Worker threads; default: DuckDB's (every core). */
  threads?: number;
}

// 320 MB keeps the importer under 1 GB of RSS whatever the input: every aggregate state is
// fixed-size (duckdb-pairs.ts), so DuckDB spills past the limit. DuckDB's process grows 250–550 MB
// beyond its limit (CSV and Parquet buffers, thread states are not counted in it): a 10M-line
// heavy-tailed log, read and aggregated with its event-store parts written, peaked at 0.89 GB at
// 320 MB, 0.92 GB at 384 MB and 1.08–1.14 GB at 512 MB, in the same time (load 16 s, aggregation
// 10 s, parts 16–18 s; 2026-12-04). The first form of the pair aggregation kept list() states
// that do not spill and failed that log at 1 GB.
export const DEFAULT_MEMORY_LIMIT = '320MB';

export class DuckEngine implements EngineDb {
  private constructor(private readonly instance: DuckDBInstance, readonly conn: DuckDBConnection, readonly dir: string, readonly memoryMb: number,
    private readonly owner = true) {}

  static async open(o: EngineOptions): Promise<DuckEngine> {
    rmSync(o.dir, { recursive: true, force: true });
    mkdirSync(path.join(o.dir, 'tmp'), { recursive: true });
    const config: Record<string, string> = {
      memory_limit: o.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      temp_directory: path.join(o.dir, 'tmp'),
      // Rows keep file order through CREATE TABLE AS: rowid is then the record's position.
      preserve_insertion_order: 'true',
    };
    if (o.threads) config.threads = String(o.threads);
    const instance = await DuckDBInstance.create(':memory:', config);
    return new DuckEngine(instance, await instance.connect(), o.dir, megabytes(config.memory_limit));
  }

  /**
   * A second connection to the same database, for a statement that runs beside this one's (their
   * TEMP tables are their own; plain tables are shared). close() closes only the connection.
   */
  async sibling(): Promise<DuckEngine> {
    return new DuckEngine(this.instance, await this.instance.connect(), this.dir, this.memoryMb, false);
  }

  async run(sql: string, values?: DuckDBValue[]): Promise<void> {
    await this.conn.run(sql, values);
  }

  /** All rows of a (small) result. */
  async rows(sql: string, values?: DuckDBValue[]): Promise<DuckDBValue[][]> {
    const r = await this.conn.runAndReadAll(sql, values);
    return r.getRows();
  }

  /** A result chunk by chunk, as columns (DuckDB's vectors, about 2k rows each): memory stays flat. */
  async *columns(sql: string): AsyncGenerator<DuckDBValue[][]> {
    for await (const chunk of this.chunks(sql)) yield chunk.getColumns();
  }

  /** The chunks themselves, for readers that take numbers straight from the vectors (no value per cell). */
  async *chunks(sql: string): AsyncGenerator<DuckDBDataChunk> {
    const r = await this.conn.stream(sql);
    for (;;) {
      const chunk = await r.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield chunk;
    }
  }

  appender(table: string): Promise<DuckDBAppender> {
    return this.conn.createAppender(table);
  }

  close(): void {
    try { this.conn.closeSync(); } catch { /* already closed */ }
    if (!this.owner) return;
    try { this.instance.closeSync(); } catch { /* already closed */ }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Megabytes of a memory limit as the engine is given it ('512MB', '1GB'); 512 when unreadable. */
export function megabytes(limit: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)?\s*$/i.exec(limit);
  if (!m) return 512;
  const unit = (m[2] ?? 'MB').toUpperCase().replace('I', '');
  return Number(m[1]) * ({ KB: 1 / 1024, MB: 1, GB: 1024, TB: 1024 * 1024 } as Record<string, number>)[unit];
}

/** A SQL string literal. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

