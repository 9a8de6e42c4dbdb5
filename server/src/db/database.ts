// The only place that opens a driver. Reads and writes go through managed transactions
// (executeRead / executeWrite) so the driver retries transient failures and, on a cluster or
// Aura (neo4j:// URIs), routes reads to followers. Every transaction has a timeout and metadata
// naming its caller, visible in `SHOW TRANSACTIONS` and the query log.
import neo4j, { type Driver, type ManagedTransaction, type Session, type Record as Neo4jRecord } from 'neo4j-driver';
import { isTxMemoryLimit, mapDbError } from './errors.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { toPlain, type Plain } from './convert.ts';
import { IsolatedReadPool, type IsolatedLimits } from './isolated/isolated-read.ts';

export type Row = Record<string, Plain>;
export type Params = Record<string, unknown>;

export interface TxOptions {
  /** Who is asking: recorded as transaction metadata (e.g. 'graphql:whoControls'). */
  caller: string;
  timeoutMs?: number;
  /** More transaction metadata, e.g. the import lock's owner, which a taker of that lock finds its transactions by. */
  metadata?: Record<string, string>;
}

export interface Tx {
  run(cypher: string, params?: Params): Promise<Row[]>;
  /**
   * Like run, but `params.rows` goes to the driver as it is: its numbers travel as FLOAT and the
   * statement converts them (toInteger, toIntegerList). For bulk writes, where wrapping every
   * whole number in an Integer object costs more than the write itself.
   */
  runRows(cypher: string, params: Params & { rows: unknown[] }): Promise<Row[]>;
}

export interface DbConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
  txTimeoutMs: number;
  maxPoolSize?: number;
}

export interface ExplainResult { queryType: string; operators: { operator: string; details: string }[] }

export interface ServerInfo { address: string; agent: string; version: string; edition: string; database: string }

/**
 * JavaScript has one number type; Cypher has INTEGER and FLOAT. The driver sends every number as a
 * FLOAT, which would store counts as 3.0 and break datetime({epochMillis: …}). Whole numbers are
 * sent as INTEGER; numbers with a fraction stay FLOAT.
 */
export function toCypherParams(v: unknown): unknown {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? neo4j.int(v) : v;
  if (Array.isArray(v)) return v.map(toCypherParams);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k in v as Record<string, unknown>) out[k] = toCypherParams((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function toRow(r: Neo4jRecord): Row {
  const row: Row = {};
  for (const k of r.keys) row[k as string] = toPlain(r.get(k));
  return row;
}

function wrapTx(tx: ManagedTransaction): Tx {
  // An AppError is not retried by the driver: a transaction over its memory limit fails again.
  const runOnce = async (cypher: string, params: Params) => {
    try {
      return (await tx.run(cypher, params)).records.map(toRow);
    } catch (e) {
      throw isTxMemoryLimit(e) ? mapDbError(e) : e;
    }
  };
  return {
    run: (cypher, params = {}) => runOnce(cypher, toCypherParams(params) as Params),
    runRows(cypher, params) {
      const { rows, ...rest } = params;
      return runOnce(cypher, { ...(toCypherParams(rest) as Params), rows });
    },
  };
}

/**
 * Stop waiting for `work` after `ms`; the work itself goes on until the driver ends it. For
 * bookkeeping a caller can do without when a database stops answering without refusing (a
 * silent link): then every request waits for the driver's receive timeout (30 s with the
 * embedded server's keep-alive, 120 s with Neo4j 5.26's defaults, none from a server that keeps
 * alive only while it streams) or for a connection that never comes.
 */
export function giveUpAfter<T>(work: Promise<T>, ms: number, caller: string, error?: () => AppError): Promise<T> {
  work.catch(() => undefined); // the caller may have stopped waiting by the time it fails
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error?.() ?? new AppError(ErrorCode.DB_UNAVAILABLE, `The graph database did not answer within ${ms} ms (${caller}).`)), ms);
    timer.unref();
  });
  return Promise.race([work, gaveUp]).finally(() => clearTimeout(timer));
}

export class Database {
  private drv: Driver;
  get driver(): Driver { return this.drv; }
  readonly database: string;
  readonly uri: string;
  private readonly txTimeoutMs: number;
  private readonly conn: DbConnection;
  // A holder object, so per-request views made with Object.create (request-budget.ts) share the pool.
  private readonly pools: { isolated?: IsolatedReadPool } = {};
  // Shared across sessions so that a read after a write sees it (causal consistency on clusters).
  private bookmarks = neo4j.bookmarkManager();

  constructor(conn: DbConnection) {
    this.conn = conn;
    this.uri = conn.uri;
    this.database = conn.database;
    this.txTimeoutMs = conn.txTimeoutMs;
    this.drv = Database.open(conn);
  }

  private static open(conn: DbConnection): Driver {
    return neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), {
      maxConnectionPoolSize: conn.maxPoolSize ?? 50,
      connectionAcquisitionTimeout: 20_000,
      maxTransactionRetryTime: 15_000,
      userAgent: 'infragraph/0.1',
      logging: { level: 'error', logger: () => undefined },
    });
  }

  /**
   * Drop every pooled connection and open anew: after the server behind this object was restarted
   * (the offline bulk load stops and starts the embedded store), pooled connections are dead.
   */
  async reconnect(): Promise<void> {
    const old = this.drv;
    this.drv = Database.open(this.conn);
    // Bookmarks name transactions of the old store; a rebuilt store has not reached them.
    this.bookmarks = neo4j.bookmarkManager();
    await old.close().catch(() => undefined);
  }

  private session(mode: 'READ' | 'WRITE'): Session {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
  }

  private txConfig(o: TxOptions) {
    return { timeout: o.timeoutMs ?? this.txTimeoutMs, metadata: { ...o.metadata, app: 'infragraph', caller: o.caller } };
  }

  /**
   * Every entry point opens one session, maps whatever the driver throws to an AppError naming
   * the caller, and closes the session: written once here.
   */
  private async withSession<T>(mode: 'READ' | 'WRITE', caller: string, work: (s: Session) => Promise<T>): Promise<T> {
    const s = this.session(mode);
    try {
      return await work(s);
    } catch (e) {
      throw mapDbError(e, caller);
    } finally {
      await s.close();
    }
  }

  /** Run work in one managed read transaction. */
  readTx<T>(work: (tx: Tx) => Promise<T>, o: TxOptions): Promise<T> {
    return this.withSession('READ', o.caller, (s) => s.executeRead((tx) => work(wrapTx(tx)), this.txConfig(o)));
  }

  /** Run work in one managed write transaction (retried by the driver on transient errors). */
  writeTx<T>(work: (tx: Tx) => Promise<T>, o: TxOptions): Promise<T> {
    return this.withSession('WRITE', o.caller, (s) => s.executeWrite((tx) => work(wrapTx(tx)), this.txConfig(o)));
  }

  read(cypher: string, params: Params, o: TxOptions): Promise<Row[]> {
    return this.readTx((tx) => tx.run(cypher, params), o);
  }

  write(cypher: string, params: Params, o: TxOptions): Promise<Row[]> {
    return this.writeTx((tx) => tx.run(cypher, params), o);
  }

  /**
   * Schema commands (CREATE CONSTRAINT/INDEX) cannot share a transaction with data writes and
   * are not retried safely inside executeWrite on every server version: run them auto-commit.
   */
  async schema(cypher: string, o: TxOptions): Promise<void> {
    await this.withSession('WRITE', o.caller, (s) => s.run(cypher, {}, this.txConfig(o)));
  }

  /**
   * An auto-commit statement with parameters, run once: the driver does not retry it. For
   * `CALL { … } IN TRANSACTIONS` (which cannot run inside a managed transaction): bulk deletes and
   * rewrites over a whole source's edges. And for bookkeeping a caller can do without (a lease
   * renewal, a failure's note): with the database gone, a managed write retries for 15 s and then
   * finishes its back-off (1, 2, 4, 8 s …, jittered), so it fails 12–34 s later, and a process
   * that runs several such writes in turn cannot exit for minutes.
   */
  async autoCommit(cypher: string, params: Params, o: TxOptions & { giveUpAfterMs?: number }): Promise<Row[]> {
    const run = this.withSession('WRITE', o.caller, async (s) => {
      const res = await s.run(cypher, toCypherParams(params) as Params, this.txConfig(o));
      return res.records.map(toRow);
    });
    return o.giveUpAfterMs === undefined ? run : giveUpAfter(run, o.giveUpAfterMs, o.caller);
  }

  /**
   * One quick round trip without the driver's retries: health checks must answer fast when the
   * database is gone, not retry for the 15 s a managed transaction would, nor wait for a
   * database that stopped answering.
   */
  async ping(timeoutMs = 3000): Promise<void> {
    // The timeout travels to the server, which cannot enforce it on a link that went silent.
    const run = this.withSession('READ', 'db:ping', (s) => s.run('RETURN 1', {}, this.txConfig({ caller: 'db:ping', timeoutMs })));
    await giveUpAfter(run, timeoutMs + 1000, 'db:ping');
  }

  async serverInfo(): Promise<ServerInfo> {
    try {
      // Not a transaction, so no server-side timeout: bounded here for a database gone silent.
      const info = await giveUpAfter(this.driver.getServerInfo({ database: this.database }), 10_000, 'db:serverInfo');
      const rows = await this.read(
        'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition',
        {},
        { caller: 'db:serverInfo', timeoutMs: 5000 },
      );
      return {
        address: info.address ?? this.uri,
        agent: info.agent ?? '',
        version: String(rows[0]?.version ?? ''),
        edition: String(rows[0]?.edition ?? ''),
        database: this.database,
      };
    } catch (e) {
      throw mapDbError(e, 'db:serverInfo');
    }
  }

  /**
   * Plan a statement without running it: the query type Neo4j reports ('r' read only, 'rw',
   * 'w', 's' schema) and every operator of the plan with its details, for the read-only console.
   */
  explain(cypher: string, params: Params, o: TxOptions): Promise<ExplainResult> {
    return this.withSession('READ', o.caller, async (s) => {
      const res = await s.run(`EXPLAIN ${cypher}`, toCypherParams(params) as Params, this.txConfig(o));
      const operators: { operator: string; details: string }[] = [];
      const walk = (p: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] } | false | undefined) => {
        if (!p) return;
        operators.push({ operator: p.operatorType, details: String(p.arguments?.Details ?? '') });
        for (const c of p.children ?? []) walk(c as never);
      };
      walk(res.summary.plan as never);
      return { queryType: String(res.summary.queryType ?? ''), operators };
    });
  }

  /**
   * A read transaction that keeps at most maxRows rows and stops once their JSON size passes
   * maxBytes: the console must not pull a whole graph into memory to then cut it.
   */
  readLimited(cypher: string, params: Params, o: TxOptions & { maxRows: number; maxBytes: number }): Promise<{ rows: Row[]; columns: string[]; truncated: boolean; bytes: number }> {
    return this.withSession('READ', o.caller, (s) => s.executeRead(async (tx) => {
      const res = tx.run(cypher, toCypherParams(params) as Params);
      const rows: Row[] = [];
      let bytes = 0;
      let truncated = false;
      let columns: string[] = [];
      for await (const r of res) {
        if (columns.length === 0) columns = r.keys as string[];
        if (rows.length >= o.maxRows) { truncated = true; break; }
        const row = toRow(r);
        bytes += JSON.stringify(row).length;
        if (bytes > o.maxBytes) { truncated = true; break; }
        rows.push(row);
      }
      if (columns.length === 0) columns = ((await res.keys()) as string[]);
      return { rows, columns, truncated, bytes };
    }, this.txConfig(o)));
  }

  /**
   * Untrusted Cypher (the console): one attempt, in a READ transaction of its own, run in a worker
   * thread with limits checked per value and per row as records arrive (see isolated/).
   */
  readIsolated(cypher: string, params: Params, o: TxOptions & IsolatedLimits): Promise<{ rows: Row[]; columns: string[]; truncated: boolean; bytes: number }> {
    const { uri, user, password } = this.conn;
    this.pools.isolated ??= new IsolatedReadPool(2);
    return this.pools.isolated.run({ uri, user, password, database: this.database, cypher, params, ...o }) as Promise<{ rows: Row[]; columns: string[]; truncated: boolean; bytes: number }>;
  }

  async close(): Promise<void> {
    await this.pools.isolated?.close();
    await this.driver.close();
  }
}
