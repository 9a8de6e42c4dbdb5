import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { embeddedError } from './errors.ts';
import { classArchiveSettled, trainClassArchive } from './class-archive.ts';
import { resolveJava, type JavaRuntime } from './java.ts';
import { launcherPaths, type EmbeddedOptions } from './options.ts';
import { isAlive } from './pid.ts';
import { which } from './which.ts';

const LOCK_STALE_MS = 15 * 60_000;
// Maven reports network trouble in many wordings, depending on where the transfer failed.
const NETWORK_TROUBLE = /Could not transfer|UnknownHost|Unknown host|Connection refused|Connect to \S+ .*failed|Network is unreachable|No route to host|Connection timed out|connect timed out|Read timed out|PKIX path|Temporary failure in name resolution|resolution will not be reattempted/i;
const DOWNLOADED = /^(?:\[INFO\] )?Downloaded from \S+: (\S+) \((\d+(?:\.\d+)?) (B|kB|MB|GB)/;
const UNIT: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 };

/** Size of the artifact a Maven `Downloaded from` line reports, else undefined. */
export function downloadedBytes(line: string): number | undefined {
  const d = DOWNLOADED.exec(line);
  return d ? Math.round(Number(d[2]) * UNIT[d[3]]) : undefined;
}

/** Hash of everything that affects the build output: pom.xml and every file under src/. */
export async function sourceHash(project: string): Promise<string> {
  const h = createHash('sha256');
  h.update(await readFile(path.join(project, 'pom.xml')));
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) files.push(p);
    }
  };
  await walk(path.join(project, 'src'));
  for (const f of files.sort()) {
    h.update(`\0${path.relative(project, f)}\0`);
    h.update(await readFile(f));
  }
  return h.digest('hex');
}

export async function isLauncherUpToDate(o: EmbeddedOptions): Promise<boolean> {
  const p = launcherPaths(o);
  if (!existsSync(p.jar) || !existsSync(p.lib)) return false;
  const stamp = await readFile(p.stamp, 'utf8').catch(() => '');
  return stamp.trim() === (await sourceHash(p.project));
}

/**
 * Build neo4j/ with Maven once (first run downloads ~125 MB of jars from Maven Central), then
 * skip while pom.xml and the sources hash the same as at the last successful build. Returns the
 * JVM it was built and its class-data archive recorded for, which the caller then runs.
 */
export async function ensureLauncherBuilt(o: EmbeddedOptions): Promise<JavaRuntime> {
  const p = launcherPaths(o);
  const java = await resolveJava(o);
  if ((await isLauncherUpToDate(o)) && classArchiveSettled(o, java)) return java;
  await mkdir(p.target, { recursive: true });
  const lock = path.join(p.target, '.build-lock');
  await acquireLock(lock, o);
  try {
    // Another process may have finished the same build while we waited for the lock.
    if (!(await isLauncherUpToDate(o))) {
      const mvn = which('mvn');
      if (!mvn) {
        throw embeddedError('Maven (mvn) is not installed, so the embedded Neo4j launcher cannot be built: install it (e.g. `apt-get install maven`) or set NEO4J_URI to use an external Neo4j.');
      }
      const hash = await sourceHash(p.project);
      await runMaven(o, mvn, java.home);
      // The archives name the jars of the build before; the JVM would refuse them.
      await rm(path.join(p.target, 'cds'), { recursive: true, force: true });
      await writeFile(p.stamp, hash + '\n');
    }
    if (!classArchiveSettled(o, java)) await trainClassArchive(o, java);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
  return java;
}

/**
 * mkdir is atomic, so it serialises builds (and archive training) across processes. The holder's
 * pid is written inside: a lock whose holder is gone (Ctrl-C during a first start) is taken over
 * at once instead of after LOCK_STALE_MS.
 */
async function acquireLock(lock: string, o: EmbeddedOptions): Promise<void> {
  let said = false;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'holder'), `${process.pid}\n`);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
    const holder = Number(await readFile(path.join(lock, 'holder'), 'utf8').catch(() => ''));
    // No holder file yet: its owner is between mkdir and writeFile, unless the lock is old.
    if ((holder > 0 && !isAlive(holder)) || age > LOCK_STALE_MS) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (!said) {
      said = true;
      o.log.info({ lock, holder }, 'Waiting for another process to finish building the embedded Neo4j launcher');
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function mavenArgs(o: EmbeddedOptions): string[] {
  const args = ['-B', '-Dstyle.color=never', 'package'];
  if (o.mavenRepoLocal) args.unshift(`-Dmaven.repo.local=${o.mavenRepoLocal}`);
  return args;
}

async function runMaven(o: EmbeddedOptions, mvn: string, javaHome: string | undefined): Promise<void> {
  const p = launcherPaths(o);
  const args = mavenArgs(o);
  o.log.info({ cmd: `mvn ${args.join(' ')}`, cwd: p.project, log: p.buildLog },
    'Building the embedded Neo4j launcher (the first build downloads about 160 MB from Maven Central)');
  const env: NodeJS.ProcessEnv = { ...process.env, MAVEN_OPTS: process.env.MAVEN_OPTS ?? '-Xmx512m' };
  if (javaHome) env.JAVA_HOME = javaHome;
  const child = spawn(mvn, args, { cwd: p.project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(p.buildLog);
  const tty = process.stderr.isTTY === true;
  let count = 0;
  let bytes = 0;
  let networkLine: string | undefined;
  let errorLine: string | undefined;
  const progress = (final = false) => {
    const text = `[neo4j build] downloaded ${count} files, ${(bytes / 1e6).toFixed(1)} MB`;
    if (tty) process.stderr.write(`\r\x1b[K${text}${final ? '\n' : ''}`);
    else if (final || count % 50 === 0) process.stderr.write(text + '\n');
  };
  const onLine = (line: string) => {
    logFile.write(line + '\n');
    const d = downloadedBytes(line);
    if (d !== undefined) {
      count++;
      bytes += d;
      progress();
      return;
    }
    if (!networkLine && NETWORK_TROUBLE.test(line)) networkLine = line;
    if (!errorLine && line.startsWith('[ERROR]')) errorLine = line;
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  await new Promise((r) => logFile.end(r));
  if (count > 0) progress(true);
  if (code === 0) return;
  if (networkLine) {
    throw embeddedError(`Maven cannot reach its repository to download Neo4j (${networkLine.replace(/^\[ERROR\]\s*/, '').slice(0, 160)}): check the network or the proxy/mirror in ~/.m2/settings.xml and retry, or set NEO4J_URI to use an external Neo4j (full output in ${p.buildLog}).`);
  }
  const why = errorLine ? ` (${errorLine.replace(/^\[ERROR\]\s*/, '').slice(0, 160)})` : '';
  throw embeddedError(`Building the embedded Neo4j launcher failed with mvn exit code ${code}${why}: see ${p.buildLog} for Maven's output.`);
}
