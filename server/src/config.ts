// The only reader of process.env. Configuration is parsed and validated once; everything else
// receives a frozen Config. An invalid value stops the program with one sentence naming the variable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from './errors.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Role = 'viewer' | 'analyst' | 'admin';

export interface Config {
  repoRoot: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  dataDir: string;
  neo4j: {
    /** Set when an external server is used; no launcher runs then. */
    externalUri?: string;
    user: string;
    password?: string;
    database: string;
    embedded: {
      home: string;
      boltPort: number;
      heapMb: number;
      pageCacheMb: number;
      passwordFile: string;
      /** How long a start may go without progress (a recovery step in Neo4j's debug log) before it is called failed (INFRAGRAPH_NEO4J_START_TIMEOUT_S, default 120). */
      startTimeoutMs: number;
      javaHome?: string;
      /** Map Neo4j's start classes from a class-data archive (INFRAGRAPH_NEO4J_CLASS_ARCHIVE=off: no). */
      classArchive: boolean;
    };
    txTimeoutMs: number;
    maxPoolSize: number;
  };
  server: {
    host: string;
    port: number;
    /** Bearer token → role. Empty: open access (allowed only on loopback). */
    tokens: Map<string, Role>;
    clientDist: string;
    loadCaseOnEmpty: boolean;
    /** Wall-clock budget of one GraphQL request: every transaction it runs ends by then. */
    requestBudgetMs: number;
  };
  import: {
    batchSize: number;
    writers: number;
    /** Distinct aggregates held in memory before a flush (bounds importer memory). */
    flushPairs: number;
    reportDir: string;
    /** Print time spent per statement kind after each import (INFRAGRAPH_PROFILE_IMPORT=1). */
    profile: boolean;
    /**
     * QUERIED rows without the 15-minute histogram: the default, since the event store answers every
     * time series (timeline, office hours, the canvas's time window). INFRAGRAPH_IMPORT_LEAN_LOOKUPS=0
     * keeps writing histograms onto the edges.
     */
    leanLookups: boolean;
    /** Read the embedded store into its page cache beside the parse of a large import (INFRAGRAPH_IMPORT_WARM_PAGE_CACHE=0: no). */
    warmPageCache: boolean;
    /** The import engine's DuckDB memory limit in MB (INFRAGRAPH_IMPORT_MEMORY_MB); past it, aggregation spills to disk. */
    engineMemoryMb: number;
  };
  /** Width for CLI tables: COLUMNS, else the terminal's, else 120. */
  columns?: number;
  console: { maxRows: number; maxBytes: number; timeoutMs: number };
  /** The event store (Parquet parts of every lookup event) and the DuckDB that reads and writes it. */
  events: { dir: string; threads: number; memoryMb: number };
  investigations: {
    /** The user's own investigations (INFRAGRAPH_INVESTIGATIONS_DIR); they shadow bundled ones by name. */
    userDir: string;
    /** The CLI caller's token (INFRAGRAPH_TOKEN), looked up in server.tokens for `cypher --write`. */
    cliToken?: string;
  };
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return v;
}

/** A switch: `1`/`true`/`on` or `0`/`false`/`off`; anything else (or nothing) is `def`. */
function flag(env: Env, name: string, def: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === '1' || raw === 'true' || raw === 'on') return true;
  if (raw === '0' || raw === 'false' || raw === 'off') return false;
  return def;
}

function parseTokens(raw: string | undefined): Map<string, Role> {
  const m = new Map<string, Role>();
  if (!raw) return m;
  // INFRAGRAPH_TOKENS="viewer:tok1,analyst:tok2,admin:tok3"
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const role = part.slice(0, i) as Role;
    const token = part.slice(i + 1);
    if (i < 1 || !['viewer', 'analyst', 'admin'].includes(role) || token.length < 16) {
      throw new AppError(ErrorCode.CONFIG_INVALID, 'INFRAGRAPH_TOKENS must be a comma list of role:token with roles viewer|analyst|admin and tokens of at least 16 characters.');
    }
    const had = m.get(token);
    if (had !== undefined) {
      // "Last wins" would quietly demote or promote whoever holds the token.
      throw new AppError(ErrorCode.CONFIG_INVALID, `INFRAGRAPH_TOKENS lists one token more than once (as ${had} and as ${role}): give each role its own token.`);
    }
    m.set(token, role);
  }
  return m;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(REPO_ROOT, env.INFRAGRAPH_DATA_DIR ?? '.data');
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  }
  const externalUri = env.NEO4J_URI || undefined;
  if (externalUri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(externalUri)) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, got "${externalUri}".`);
  }
  const home = path.resolve(REPO_ROOT, env.INFRAGRAPH_NEO4J_HOME ?? path.join(dataDir, 'neo4j'));
  const host = env.HOST ?? '127.0.0.1';
  const tokens = parseTokens(env.INFRAGRAPH_TOKENS);
  const cfg: Config = {
    repoRoot: REPO_ROOT,
    logLevel,
    dataDir,
    neo4j: {
      externalUri,
      user: env.NEO4J_USER ?? 'neo4j',
      password: env.NEO4J_PASSWORD || undefined,
      database: env.NEO4J_DATABASE ?? 'neo4j',
      embedded: {
        home,
        boltPort: int(env, 'INFRAGRAPH_NEO4J_PORT', 7687, 1, 65535),
        // 2 cores / 24 GiB: a 2 GiB heap and 2 GiB page cache leave room for Node and the OS.
        heapMb: int(env, 'INFRAGRAPH_NEO4J_HEAP_MB', 2048, 256, 65536),
        pageCacheMb: int(env, 'INFRAGRAPH_NEO4J_PAGECACHE_MB', 2048, 64, 262144),
        passwordFile: path.join(home, '..', 'neo4j-password'),
        startTimeoutMs: int(env, 'INFRAGRAPH_NEO4J_START_TIMEOUT_S', 120, 10, 3600) * 1000,
        javaHome: env.JAVA_HOME || undefined,
        classArchive: flag(env, 'INFRAGRAPH_NEO4J_CLASS_ARCHIVE', true),
      },
      txTimeoutMs: int(env, 'INFRAGRAPH_TX_TIMEOUT_MS', 30_000, 100, 3_600_000),
      maxPoolSize: int(env, 'INFRAGRAPH_DB_POOL', 50, 1, 1000),
    },
    server: {
      host,
      port: int(env, 'PORT', 4000, 0, 65535),
      tokens,
      clientDist: path.resolve(REPO_ROOT, 'client/dist'),
      loadCaseOnEmpty: env.INFRAGRAPH_LOAD_CASE !== 'false',
      requestBudgetMs: int(env, 'INFRAGRAPH_REQUEST_BUDGET_MS', 30_000, 500, 3_600_000),
    },
    import: {
      batchSize: int(env, 'INFRAGRAPH_IMPORT_BATCH', 10_000, 100, 200_000),
      writers: int(env, 'INFRAGRAPH_IMPORT_WRITERS', 2, 1, 16),
      flushPairs: int(env, 'INFRAGRAPH_IMPORT_FLUSH', 100_000, 1000, 50_000_000),
      reportDir: path.join(dataDir, 'import-reports'),
      profile: flag(env, 'INFRAGRAPH_PROFILE_IMPORT', false),
      leanLookups: flag(env, 'INFRAGRAPH_IMPORT_LEAN_LOOKUPS', true),
      warmPageCache: flag(env, 'INFRAGRAPH_IMPORT_WARM_PAGE_CACHE', true),
      engineMemoryMb: int(env, 'INFRAGRAPH_IMPORT_MEMORY_MB', 320, 128, 1_048_576),
    },
    columns: env.COLUMNS && Number(env.COLUMNS) > 20 ? Number(env.COLUMNS) : undefined,
    console: {
      maxRows: int(env, 'INFRAGRAPH_CONSOLE_MAX_ROWS', 1000, 1, 100_000),
      maxBytes: int(env, 'INFRAGRAPH_CONSOLE_MAX_BYTES', 2_000_000, 1000, 100_000_000),
      timeoutMs: int(env, 'INFRAGRAPH_CONSOLE_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    events: {
      dir: path.resolve(REPO_ROOT, env.INFRAGRAPH_EVENTS_DIR || path.join(dataDir, 'events')),
      // DuckDB beside Neo4j on a small machine: two threads and 1 GiB unless told otherwise.
      threads: int(env, 'INFRAGRAPH_DUCKDB_THREADS', 2, 1, 256),
      memoryMb: int(env, 'INFRAGRAPH_DUCKDB_MEMORY_MB', 1024, 64, 1_048_576),
    },
    investigations: {
      userDir: path.resolve(REPO_ROOT, env.INFRAGRAPH_INVESTIGATIONS_DIR || path.join(dataDir, 'investigations')),
      cliToken: env.INFRAGRAPH_TOKEN || undefined,
    },
  };
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (!loopback && tokens.size === 0) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `HOST=${host} is not loopback: set INFRAGRAPH_TOKENS (role:token list) before serving beyond this machine.`);
  }
  return Object.freeze(cfg);
}

let cached: Config | undefined;
/** The process-wide configuration, read once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
