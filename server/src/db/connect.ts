// Where the graph lives: an external server when NEO4J_URI is set, otherwise the embedded
// Neo4j that this project builds from Maven Central and runs on loopback.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { Database } from './database.ts';
import { AppError, ErrorCode } from '../errors.ts';
import {
  startEmbedded, stopEmbedded, embeddedStatus, resolvePassword, ensureLauncherBuilt, type EmbeddedOptions,
} from './embedded/index.ts';

export function embeddedOptions(cfg: Config, log: Logger): EmbeddedOptions {
  const e = cfg.neo4j.embedded;
  return {
    repoRoot: cfg.repoRoot,
    home: e.home,
    boltPort: e.boltPort,
    heapMb: e.heapMb,
    pageCacheMb: e.pageCacheMb,
    txTimeoutSec: Math.ceil(cfg.neo4j.txTimeoutMs / 1000) * 4,
    javaHome: e.javaHome,
    passwordFile: e.passwordFile,
    startTimeoutMs: e.startTimeoutMs,
    classArchive: e.classArchive,
    password: cfg.neo4j.password,
    log,
  };
}

export interface Connected {
  db: Database;
  embedded: boolean;
  /** Present when this process started the embedded server in the foreground. */
  stopOwned?: () => Promise<void>;
}

/**
 * Open the database. With `start: 'foreground'` an embedded server is started as a child that
 * dies with this process (npm start); 'detached' leaves it running (db start); 'never' only connects.
 */
export async function connect(cfg: Config, log: Logger, start: 'foreground' | 'detached' | 'never'): Promise<Connected> {
  if (cfg.neo4j.externalUri) {
    if (!cfg.neo4j.password) {
      throw new AppError(ErrorCode.CONFIG_INVALID, 'NEO4J_URI is set but NEO4J_PASSWORD is not: set the password of the external server.');
    }
    const db = new Database({
      uri: cfg.neo4j.externalUri, user: cfg.neo4j.user, password: cfg.neo4j.password,
      database: cfg.neo4j.database, txTimeoutMs: cfg.neo4j.txTimeoutMs, maxPoolSize: cfg.neo4j.maxPoolSize,
    });
    return { db, embedded: false };
  }
  const opts = embeddedOptions(cfg, log);
  let stopOwned: (() => Promise<void>) | undefined;
  let uri = `bolt://127.0.0.1:${opts.boltPort}`;
  if (start !== 'never') {
    const started = await startEmbedded(opts, start);
    uri = started.uri;
    if (start === 'foreground' && !started.alreadyRunning) stopOwned = () => stopEmbedded(opts).then(() => undefined);
  }
  const password = await resolvePassword(opts);
  const db = new Database({
    uri, user: 'neo4j', password, database: 'neo4j',
    txTimeoutMs: cfg.neo4j.txTimeoutMs, maxPoolSize: cfg.neo4j.maxPoolSize,
  });
  return { db, embedded: true, stopOwned };
}

export { stopEmbedded, embeddedStatus, ensureLauncherBuilt };
