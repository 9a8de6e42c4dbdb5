import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureLauncherBuilt, type EmbeddedOptions } from '../../../server/src/db/embedded/index.ts';
import { downloadedBytes, mavenArgs } from '../../../server/src/db/embedded/build.ts';
import { parseJavaMajor, resolveJava } from '../../../server/src/db/embedded/java.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');

function script(file: string, body: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => undefined, (err: Error) => err);
  if (!e) throw new Error('expected a rejection');
  expect(e.name).toBe('EmbeddedNeo4jError');
  return e;
}

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "25" 2025-09-16', 25],
    ['java version "1.8.0_412"', 8],
    ['openjdk version "21.0.4" 2024-07-16 LTS', 21],
    ['no version here', undefined],
  ])('%s → %s', (text, major) => expect(parseJavaMajor(text)).toBe(major));
});

describe('mavenArgs', () => {
  it('runs a batch package build and puts a local-repository override first', () => {
    const o = { mavenRepoLocal: '/tmp/m2' } as EmbeddedOptions;
    expect(mavenArgs({} as EmbeddedOptions)).toEqual(['-B', '-Dstyle.color=never', 'package']);
    expect(mavenArgs(o)).toEqual(['-Dmaven.repo.local=/tmp/m2', '-B', '-Dstyle.color=never', 'package']);
  });
});

describe('downloadedBytes (build progress)', () => {
  it.each([
    ['[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/maven/plugins/maven-plugins/23/maven-plugins-23.pom (9.2 kB at 920 kB/s)', 9200],
    ['Downloaded from central: https://repo.maven.apache.org/maven2/org/neo4j/neo4j-kernel/5.26.30/neo4j-kernel-5.26.30.jar (4.1 MB at 12 MB/s)', 4_100_000],
    ['[INFO] Downloaded from central: https://x/y.pom (812 B at 40 kB/s)', 812],
    ['[INFO] Downloading from central: https://x/y.jar', undefined],
    ['[INFO] BUILD SUCCESS', undefined],
  ])('%s → %s', (line, bytes) => expect(downloadedBytes(line)).toBe(bytes));
});

describe('one-sentence errors for a missing or unusable toolchain', () => {
  let tmp: string;
  let repoRoot: string;
  const savedPath = process.env.PATH;
  const opts = (over: Partial<EmbeddedOptions> = {}): EmbeddedOptions =>
    testEmbeddedOptions({ repoRoot, home: path.join(tmp, 'home'), passwordFile: path.join(tmp, 'pw'), ...over });

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-tool-'));
    // A copy of the launcher project without target/, so every build attempt is a real one.
    repoRoot = path.join(tmp, 'repo');
    cpSync(path.join(REPO, 'neo4j/pom.xml'), path.join(repoRoot, 'neo4j/pom.xml'));
    cpSync(path.join(REPO, 'neo4j/src'), path.join(repoRoot, 'neo4j/src'), { recursive: true });
    script(path.join(tmp, 'jdk17/bin/java'), `echo 'openjdk version "17.0.15" 2025-04-15' >&2`);
    script(path.join(tmp, 'jdk11/bin/java'), `echo 'openjdk version "11.0.2" 2019-01-15' >&2`);
  });
  afterEach(() => { process.env.PATH = savedPath; });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('no java on PATH', async () => {
    process.env.PATH = path.join(tmp, 'empty-bin');
    const e = await failure(resolveJava(opts()));
    expect(e.message).toBe('No Java runtime found: install OpenJDK 17 or newer (e.g. `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME to a JDK 17+ directory.');
  });

  it('JAVA_HOME without bin/java', async () => {
    const home = path.join(tmp, 'not-a-jdk');
    const e = await failure(resolveJava(opts({ javaHome: home })));
    expect(e.message).toBe(`JAVA_HOME (${home}) has no bin/java: point JAVA_HOME at a JDK or JRE 17+ directory or unset it to use java from PATH.`);
  });

  it('Java too old', async () => {
    const home = path.join(tmp, 'jdk11');
    const e = await failure(resolveJava(opts({ javaHome: home })));
    expect(e.message).toBe(`Java 11 at ${home}/bin/java is too old for Neo4j 5.26: install OpenJDK 17 or newer or set JAVA_HOME to a JDK 17+ directory.`);
  });

  it('no mvn on PATH', async () => {
    process.env.PATH = path.join(tmp, 'empty-bin');
    const e = await failure(ensureLauncherBuilt(opts({ javaHome: path.join(tmp, 'jdk17') })));
    expect(e.message).toBe('Maven (mvn) is not installed, so the embedded Neo4j launcher cannot be built: install it (e.g. `apt-get install maven`) or set NEO4J_URI to use an external Neo4j.');
  });

  it('Maven cannot reach its repository', async () => {
    const bin = path.join(tmp, 'offline-bin');
    // What Maven 3.8 prints when DNS for Maven Central fails.
    script(path.join(bin, 'mvn'), [
      `echo '[INFO] Building Infragraph embedded Neo4j launcher 0.1.0'`,
      `echo '[ERROR] Failed to execute goal on project infragraph-neo4j-launcher: Could not resolve dependencies for project org.infragraph:infragraph-neo4j-launcher:jar:0.1.0: Could not transfer artifact org.neo4j:neo4j:pom:5.26.30 from/to central (https://repo.maven.apache.org/maven2): repo.maven.apache.org: Temporary failure in name resolution'`,
      'exit 1',
    ].join('\n'));
    process.env.PATH = bin;
    const e = await failure(ensureLauncherBuilt(opts({ javaHome: path.join(tmp, 'jdk17') })));
    expect(e.message).toMatch(/^Maven cannot reach its repository to download Neo4j \(Failed to execute goal on project infragraph-neo4j-launcher: Could not resolve dependencies/);
    expect(e.message).toMatch(/: check the network or the proxy\/mirror in ~\/\.m2\/settings\.xml and retry, or set NEO4J_URI to use an external Neo4j \(full output in .*\/repo\/neo4j\/target\/maven-build\.log\)\.$/);
  });

  it('any other Maven failure names the exit code and the log', async () => {
    const bin = path.join(tmp, 'broken-bin');
    script(path.join(bin, 'mvn'), `echo '[ERROR] COMPILATION ERROR : Launcher.java:[1,1] class, interface, enum, or record expected'\nexit 1`);
    process.env.PATH = bin;
    const e = await failure(ensureLauncherBuilt(opts({ javaHome: path.join(tmp, 'jdk17') })));
    expect(e.message).toBe(`Building the embedded Neo4j launcher failed with mvn exit code 1 (COMPILATION ERROR : Launcher.java:[1,1] class, interface, enum, or record expected): see ${repoRoot}/neo4j/target/maven-build.log for Maven's output.`);
  });
});
