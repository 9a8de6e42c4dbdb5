// infragraph db start | stop | status
import { config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { embeddedOptions, connect } from '../db/connect.ts';
import { startEmbedded, stopEmbedded, embeddedStatus } from '../db/embedded/index.ts';
import { applyMigrations } from '../db/migrations.ts';
import { internalStatement } from '../cypher/statement-files.ts';

function human(bytes: number): string {
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i ? 1 : 0)} ${u[i]}`;
}

export async function dbCommand(args: string[]): Promise<number> {
  const cfg = config();
  const log = createLogger(cfg.logLevel);
  const sub = args[0];
  if (cfg.neo4j.externalUri && sub !== 'status') {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `NEO4J_URI is set (${cfg.neo4j.externalUri}): the database is external, so there is nothing to ${sub}. Unset NEO4J_URI to use the embedded server.`);
  }
  const opts = embeddedOptions(cfg, log);
  switch (sub) {
    case 'start': {
      const r = await startEmbedded(opts, 'detached');
      process.stdout.write(r.alreadyRunning ? `Neo4j is already running at ${r.uri} (pid ${r.pid}).\n` : `Neo4j started at ${r.uri} (pid ${r.pid}).\n`);
      const conn = await connect(cfg, log, 'never');
      try {
        const m = await applyMigrations(conn.db, cfg.repoRoot);
        if (m.applied.length) process.stdout.write(`schema migrations applied: ${m.applied.join(', ')}\n`);
      } finally {
        await conn.db.close();
      }
      return 0;
    }
    case 'stop': {
      const stopped = await stopEmbedded(opts);
      process.stdout.write(stopped ? 'Neo4j stopped.\n' : 'Neo4j was not running.\n');
      return 0;
    }
    case 'status': {
      let running = true;
      let where = cfg.neo4j.externalUri ?? '';
      if (!cfg.neo4j.externalUri) {
        const s = await embeddedStatus(opts);
        running = s.running;
        where = s.uri;
        process.stdout.write(`embedded Neo4j: ${s.running ? `running (pid ${s.pid})` : 'stopped'}\naddress:  ${s.uri}\nstore:    ${s.home} (${human(s.storeBytes)})\n`);
      } else {
        process.stdout.write(`external Neo4j: ${where}\n`);
      }
      if (!running) return 3;
      const conn = await connect(cfg, log, 'never');
      try {
        const info = await conn.db.serverInfo();
        const counts = await conn.db.read(internalStatement('db', 'store-counts', {}), {}, { caller: 'cli:db-status', timeoutMs: 10_000 });
        process.stdout.write(`version:  Neo4j ${info.version} ${info.edition} (${info.agent})\ndatabase: ${info.database}\nnodes:    ${counts[0].nodes}\nrelationships: ${counts[0].rels}\n`);
      } finally {
        await conn.db.close();
      }
      return 0;
    }
    default:
      process.stderr.write('usage: infragraph db start|stop|status\n');
      return 2;
  }
}
