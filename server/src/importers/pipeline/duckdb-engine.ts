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
  /** DuckDB memory_limit, e.g. '512MB'. Keeps the importer's RSS bounded whatever the input size. */
  memoryLimit?: string;
  /** Worker threads; default: DuckDB's (every core). */
  threads?: number;
}

// 512 MB keeps the importer under 1 GB of RSS whatever the input: every aggregate state is
// fixed-size (duckdb-pairs.ts), so DuckDB spills past the limit. A 10M-line heavy-tailed log took
// 33 s at 512 MB against 31 s at 1 GB, peak RSS 0.95 GB (2026-12-03). The first form of the pair
// aggregation kept list() states that do not spill and failed that log at 1 GB.
export const DEFAULT_MEMORY_LIMIT = '512MB';

export class DuckEngine implements EngineDb {
  private constructor(private readonly instance: DuckDBInstance, readonly conn: DuckDBConnection, readonly dir: string) {}

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
    return new DuckEngine(instance, await instance.connect(), o.dir);
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
    try { this.instance.closeSync(); } catch { /* already closed */ }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A SQL string literal. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

