// What a command or the server needs: configuration, a logger and (on demand) the database.
import { config, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { connect, type Connected } from './db/connect.ts';
import { applyMigrations } from './db/migrations.ts';
import type { Database } from './db/database.ts';
import { closeDuckDB } from './events/event-duckdb.ts';

export interface AppContext {
  cfg: Config;
  log: Logger;
  db: Database;
  close(): Promise<void>;
}

/**
 * Open the database (starting the embedded server if asked) and apply schema migrations.
 * 'foreground' ties an embedded server to this process; 'detached' leaves it running.
 */
export async function openApp(start: 'foreground' | 'detached' | 'never', opts: { migrate?: boolean; log?: Logger } = {}): Promise<AppContext> {
  const cfg = config();
  const log = opts.log ?? createLogger(cfg.logLevel);
  const conn: Connected = await connect(cfg, log, start);
  try {
    if (opts.migrate !== false) {
      const m = await applyMigrations(conn.db, cfg.repoRoot);
      if (m.applied.length) log.info({ applied: m.applied }, 'schema migrations applied');
    }
  } catch (e) {
    await conn.db.close();
    throw e;
  }
  return {
    cfg,
    log,
    db: conn.db,
    async close() {
      await closeDuckDB(); // the event store's DuckDB (issue 13)
      await conn.db.close();
      if (conn.stopOwned) await conn.stopOwned();
    },
  };
}
