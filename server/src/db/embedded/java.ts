import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { embeddedError } from './errors.ts';
import type { EmbeddedOptions } from './options.ts';
import { isExecutable, which } from './which.ts';

const run = promisify(execFile);
const MIN_MAJOR = 17;
// Neo4j 5.26 is supported on Java 17 and 21; newer JDKs usually work but are not certified.
const MAX_CERTIFIED = 21;

export interface JavaRuntime {
  bin: string;
  major: number;
  /** JAVA_HOME to hand to Maven so it compiles with the same JDK. */
  home?: string;
  /** What `java -version` printed: names the JVM build a class-data archive belongs to. */
  version: string;
}

/** `openjdk version "17.0.15"`, `java version "1.8.0_412"`, `openjdk version "25" 2025-09-16`. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export async function resolveJava(o: EmbeddedOptions): Promise<JavaRuntime> {
  let bin: string | undefined;
  if (o.javaHome) {
    bin = path.join(o.javaHome, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (!isExecutable(bin)) {
      throw embeddedError(`JAVA_HOME (${o.javaHome}) has no bin/java: point JAVA_HOME at a JDK or JRE 17+ directory or unset it to use java from PATH.`);
    }
  } else {
    bin = which('java');
    if (!bin) {
      throw embeddedError('No Java runtime found: install OpenJDK 17 or newer (e.g. `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME to a JDK 17+ directory.');
    }
  }
  let out: string;
  try {
    const r = await run(bin, ['-version'], { timeout: 30_000 });
    out = `${r.stderr}\n${r.stdout}`;
  } catch (e) {
    throw embeddedError(`Could not run ${bin} -version (${(e as Error).message.split('\n')[0]}): install OpenJDK 17 or newer or set JAVA_HOME to a working JDK.`);
  }
  const major = parseJavaMajor(out);
  if (major === undefined) {
    throw embeddedError(`Could not read the Java version from ${bin}: install OpenJDK 17 or newer or set JAVA_HOME to a JDK 17+ directory.`);
  }
  if (major < MIN_MAJOR) {
    throw embeddedError(`Java ${major} at ${bin} is too old for Neo4j 5.26: install OpenJDK 17 or newer or set JAVA_HOME to a JDK 17+ directory.`);
  }
  if (major > MAX_CERTIFIED) {
    o.log.warn({ java: bin, major }, `Java ${major} is newer than Neo4j 5.26 is certified for (17 or 21); if it misbehaves set JAVA_HOME to a JDK 17 or 21`);
  }
  return { bin, major, home: o.javaHome, version: out.trim() };
}
