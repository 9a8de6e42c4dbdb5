import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { which } from '../../../server/src/db/embedded/which.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const composeFile = path.join(REPO, 'docker-compose.yml');
const compose = parse(readFileSync(composeFile, 'utf8'));
const pom = readFileSync(path.join(REPO, 'neo4j/pom.xml'), 'utf8');
const pomNeo4jVersion = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom)?.[1];
const dockerCompose = which('docker-compose');

describe('docker-compose.yml', () => {
  it('defines exactly the neo4j and app services and three named volumes', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'neo4j']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['app-data', 'neo4j-data', 'neo4j-logs']);
    expect(compose.services.neo4j.volumes).toEqual(['neo4j-data:/data', 'neo4j-logs:/logs']);
    expect(compose.services.app.volumes).toEqual(['app-data:/app/.data']);
  });

  it('pins the community image to the launcher version from neo4j/pom.xml', () => {
    expect(pomNeo4jVersion).toBe('5.26.30');
    expect(compose.services.neo4j.image).toBe(`neo4j:${pomNeo4jVersion}-community`);
  });

  it('has healthchecks for both services and starts the app after Neo4j is healthy', () => {
    const n = compose.services.neo4j.healthcheck.test as string[];
    expect(n[0]).toBe('CMD-SHELL');
    expect(n[1]).toContain("cypher-shell -a bolt://localhost:7687 -u neo4j -p \"$${NEO4J_AUTH#neo4j/}\" 'RETURN 1'");
    const a = compose.services.app.healthcheck.test as string[];
    expect(a.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(a[3]).toContain("fetch('http://127.0.0.1:4000/healthz')");
    expect(compose.services.app.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
  });

  it('points the app at the neo4j service over the neo4j:// scheme', () => {
    const env = compose.services.app.environment;
    expect(env.NEO4J_URI).toBe('neo4j://neo4j:7687');
    expect(env.NEO4J_USER).toBe('neo4j');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toBe('4000');
    expect(compose.services.app.build).toBe('.');
  });

  // Each setting the container's Neo4j shares with the embedded launcher: its environment name and
  // value, and the line of Launcher.java that sets it there. Transaction logs and checkpoints (a
  // week of hourly imports filled a disk), and the Bolt keep-alive (a silent link fails in 30 s,
  // not 120 s).
  const sameAsLauncher: [string, string, string][] = [
    ['NEO4J_db_tx__log_rotation_retention__policy', '1G size', 'cfg.put(GraphDatabaseSettings.keep_logical_logs, "1G size");'],
    ['NEO4J_db_checkpoint', 'VOLUME', 'cfg.put(GraphDatabaseSettings.check_point_policy, GraphDatabaseSettings.CheckpointPolicy.VOLUME);'],
    ['NEO4J_db_checkpoint_interval_volume', '2GiB', 'cfg.put(GraphDatabaseSettings.check_point_interval_volume, 2L << 30);'],
    ['NEO4J_server_bolt_connection__keep__alive__for__requests', 'ALL', 'cfg.put(BoltConnector.connection_keep_alive_type, BoltConnector.KeepAliveRequestType.ALL);'],
    ['NEO4J_server_bolt_connection__keep__alive', '10s', 'cfg.put(BoltConnector.connection_keep_alive, Duration.ofSeconds(10));'],
    ['NEO4J_server_bolt_connection__keep__alive__streaming__scheduling__interval', '5s', 'cfg.put(BoltConnector.connection_keep_alive_streaming_scheduling_interval, Duration.ofSeconds(5));'],
    ['NEO4J_server_bolt_connection__keep__alive__probes', '3', 'cfg.put(BoltConnector.connection_keep_alive_probes, 3);'],
  ];
  it.each(sameAsLauncher)('sets %s=%s as the embedded launcher does', (name, value, launcherLine) => {
    expect(compose.services.neo4j.environment[name]).toBe(value);
    expect(readFileSync(path.join(REPO, 'neo4j/src/main/java/org/infragraph/launcher/Launcher.java'), 'utf8')).toContain(launcherLine);
  });

  it('takes every secret from the environment file, never from the compose file', () => {
    const neo = compose.services.neo4j.environment;
    const app = compose.services.app.environment;
    expect(neo.NEO4J_AUTH).toBe('neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD in .env (see .env.example)}');
    expect(app.NEO4J_PASSWORD).toBe('${NEO4J_PASSWORD:?set NEO4J_PASSWORD in .env (see .env.example)}');
    expect(app.INFRAGRAPH_TOKENS).toBe('${INFRAGRAPH_TOKENS:?set INFRAGRAPH_TOKENS in .env (see .env.example)}');
    for (const svc of Object.values<{ environment: Record<string, string> }>(compose.services)) {
      for (const [k, v] of Object.entries(svc.environment)) {
        if (/PASSWORD|AUTH|TOKEN/.test(k)) expect(String(v)).toMatch(/\$\{(NEO4J_PASSWORD|INFRAGRAPH_TOKENS):\?/);
      }
    }
  });

  it('.env.example documents the variables and ships no password', () => {
    const example = readFileSync(path.join(REPO, '.env.example'), 'utf8');
    expect(example).toMatch(/^NEO4J_PASSWORD=$/m);
    expect(example).toMatch(/^INFRAGRAPH_TOKENS=admin:/m);
  });

  it('Dockerfile builds the app on node:20-slim with npm ci and runs npm start', () => {
    const df = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
    expect(df).toMatch(/^FROM node:20-slim$/m);
    expect(df).toMatch(/^RUN npm ci --omit=dev/m);
    expect(df).toMatch(/^CMD \["npm", "start"\]$/m);
    expect(df).toMatch(/^EXPOSE 4000$/m);
  });
});

describe('docker-compose config (when the docker-compose binary is installed)', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-compose-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  if (!dockerCompose) console.warn('docker-compose is not installed: skipping `docker-compose config -q` (apt-get install docker-compose)');

  // Values in the caller's shell would override the env file, so the child gets neither.
  const run = (envFile: string) => {
    const env = { ...process.env };
    delete env.NEO4J_PASSWORD;
    delete env.INFRAGRAPH_TOKENS;
    return spawnSync(dockerCompose!, ['--env-file', envFile, '-f', composeFile, 'config', '-q'], { cwd: REPO, env, encoding: 'utf8' });
  };

  it.skipIf(!dockerCompose)('accepts the file with a complete .env', () => {
    const envFile = path.join(tmp, 'complete.env');
    writeFileSync(envFile, 'NEO4J_PASSWORD=test-password-123\nINFRAGRAPH_TOKENS=admin:0123456789abcdef0123\n');
    const r = run(envFile);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!dockerCompose)('refuses to render without NEO4J_PASSWORD and says where to set it', () => {
    const envFile = path.join(tmp, 'no-password.env');
    writeFileSync(envFile, 'INFRAGRAPH_TOKENS=admin:0123456789abcdef0123\n');
    const r = run(envFile);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('set NEO4J_PASSWORD in .env (see .env.example)');
  });
});
