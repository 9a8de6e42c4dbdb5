import path from 'node:path';
import { launcherClassPath, LAUNCHER_MAIN, launcherPaths, type EmbeddedOptions } from './options.ts';

/** A JVM crash report goes to `dir`, not to whatever directory the caller runs in. */
export function crashReportFlag(dir: string): string {
  return `-XX:ErrorFile=${path.join(dir, 'hs_err_pid%p.log')}`;
}

// The flags Neo4j's own server scripts pass; without the add-opens the page cache falls back to
// a slower path and says so in debug.log. Xms = Xmx as Neo4j recommends (no heap resizing).
export function serverJvmArgs(o: EmbeddedOptions): string[] {
  return [
    `-Xms${o.heapMb}m`, `-Xmx${o.heapMb}m`, crashReportFlag(path.join(o.home, 'logs')),
    '-XX:+UseG1GC', '-XX:-OmitStackTraceInFastThrow', '-XX:+DisableExplicitGC', '-XX:+ExitOnOutOfMemoryError',
    '-Djdk.nio.maxCachedBufferSize=1024', '-Dio.netty.tryReflectionSetAccessible=true', '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED', '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED', '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  ];
}

/** The launcher's main class and its arguments, after the JVM's flags. */
export function launcherArgs(o: EmbeddedOptions): string[] {
  const p = launcherPaths(o);
  return [
    '-cp', launcherClassPath(o), LAUNCHER_MAIN,
    '--home', o.home, '--bolt-port', String(o.boltPort), '--pagecache-mb', String(o.pageCacheMb),
    '--tx-timeout-sec', String(o.txTimeoutSec), '--plugins-dir', p.plugins,
  ];
}
