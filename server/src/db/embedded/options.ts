import path from 'node:path';

type LogFn = (obj: object | string, msg?: string) => void;

export interface EmbeddedLog {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  debug: LogFn;
}

export interface EmbeddedOptions {
  /** Checkout root; the launcher's Maven project is `<repoRoot>/neo4j`. */
  repoRoot: string;
  /** Neo4j home: store under `data/`, Neo4j's logs under `logs/`, plus our pid and launcher log. */
  home: string;
  boltPort: number;
  heapMb: number;
  pageCacheMb: number;
  txTimeoutSec: number;
  javaHome?: string;
  passwordFile: string;
  password?: string;
  log: EmbeddedLog;
  /** Maven local repository override (the cold-build benchmark points it at an empty dir). */
  mavenRepoLocal?: string;
  /** How long to wait for READY with no recovery progress; 120 s unless a caller needs otherwise. */
  startTimeoutMs?: number;
  /** false: no class-data archive is made or mapped (INFRAGRAPH_NEO4J_CLASS_ARCHIVE=off). */
  classArchive?: boolean;
}

export const LAUNCHER_MAIN = 'org.infragraph.launcher.Launcher';
export const READY_MARK = 'INFRAGRAPH_NEO4J_READY';
export const FAILED_MARK = 'INFRAGRAPH_NEO4J_FAILED';

export function launcherPaths(o: EmbeddedOptions) {
  const project = path.join(o.repoRoot, 'neo4j');
  const target = path.join(project, 'target');
  return {
    project,
    target,
    jar: path.join(target, 'infragraph-neo4j-launcher.jar'),
    lib: path.join(target, 'lib'),
    plugins: path.join(target, 'plugins'),
    stamp: path.join(target, '.infragraph-build-stamp'),
    buildLog: path.join(target, 'maven-build.log'),
    pidFile: path.join(o.home, 'neo4j.pid'),
    launcherLog: path.join(o.home, 'launcher.log'),
  };
}

/**
 * The launcher's and the offline importer's classpath: jars only (the build's jar, not
 * target/classes), so that the class-data archive can map it.
 */
export function launcherClassPath(o: EmbeddedOptions): string {
  const p = launcherPaths(o);
  return `${p.jar}${path.delimiter}${path.join(p.lib, '*')}`;
}

export function boltUri(o: EmbeddedOptions): string {
  return `bolt://127.0.0.1:${o.boltPort}`;
}
