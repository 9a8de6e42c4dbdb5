// The user's library, ad hoc Cypher and self-checking investigations, end to end through the real
// bin script (its own process) against the test Neo4j with the bundled case loaded. Each run gets
// its own user folder, so nothing here touches another test's files.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, testConfig, resetDb } from '../../support/db.ts';
import { loadDemoCase } from '../../../server/src/domain/demo/load-demo-case.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';
import { saveInvestigation } from '../../../server/src/domain/investigations/user-library.ts';
import { loadLibrary } from '../../../server/src/domain/investigations/investigation-library.ts';
import { schemaVocabulary } from '../../../server/src/domain/investigations/schema-vocabulary.ts';
import { checkCypher } from '../../../server/src/domain/investigations/cypher-diagnostics.ts';
import { checkLibrary } from '../../../server/src/domain/investigations/investigation-check.ts';

const exec = promisify(execFile);
const db = testDb();
const userDir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-user-inv-'));
const ADMIN = 'admin-token-0123456789abcdef';
const ANALYST = 'analyst-token-0123456789abcdef';
const MARK = `user-lib-test-${process.pid}`;

beforeAll(async () => {
  await resetDb(db);
  await loadDemoCase(db, testConfig());
});
afterAll(async () => {
  await db.write('MATCH (n:UserLibTest {mark: $m}) DELETE n', { m: MARK }, { caller: 'test:cleanup' });
  await db.close();
  rmSync(userDir, { recursive: true, force: true });
});

type Out = { stdout: string; stderr: string; code: number };
async function cli(args: string[], env: Record<string, string> = {}): Promise<Out> {
  try {
    const r = await exec(process.execPath, [path.join(REPO_ROOT, 'bin/infragraph.mjs'), ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent', COLUMNS: '160',
        INFRAGRAPH_DATA_DIR: path.join(os.tmpdir(), `infragraph-test-data-${process.pid}`), INFRAGRAPH_INVESTIGATIONS_DIR: userDir,
        INFRAGRAPH_TOKENS: `admin:${ADMIN},analyst:${ANALYST}`, INFRAGRAPH_TOKEN: '', ...env,
      },
      timeout: 120_000,
    });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}
const marked = async () => Number((await db.read('MATCH (n:UserLibTest {mark: $m}) RETURN count(n) AS n', { m: MARK }, { caller: 'test' }))[0].n);
const cfg = () => testConfig({ INFRAGRAPH_INVESTIGATIONS_DIR: userDir });

describe('the user library', { timeout: 300_000 }, () => {
  it('`investigations new` writes a commented template that lists, runs and checks', async () => {
    const made = await cli(['investigations', 'new', 'resolvers-of-host']);
    expect(made.code).toBe(0);
    const file = path.join(userDir, 'resolvers-of-host.cypher');
    expect(made.stdout.trim()).toBe(file);
    const text = readFileSync(file, 'utf8');
    for (const tag of ['@name resolvers-of-host', '@summary', '@param host: String', '@param limit: Integer = 25', '@mode READ', '@example host=', '@expect rows >= 1']) expect(text).toContain(tag);
    expect((await cli(['investigations', 'new', 'resolvers-of-host'])).stderr).toMatch(/exists/);
    expect((await cli(['investigations', 'new', 'Bad Name'])).stderr).toMatch(/not a valid investigation name/);
    const listed = await cli(['investigations']);
    expect(listed.stdout).toMatch(/resolvers-of-host .*\[user\]/);
    const ran = await cli(['query', 'resolvers-of-host', '-p', 'host=mail1.trump-email.com', '--format', 'json']);
    expect((JSON.parse(ran.stdout) as { resolver: string }[]).map((r) => r.resolver)).toContain('217.12.96.15');
  });

  it('a user file shadows the bundled one of the same name, with a warning', async () => {
    writeFileSync(path.join(userDir, 'mine.cypher'), '// @name missing-evidence\n// @summary My own list of missing evidence\n// @mode READ\nRETURN "mine" AS evidence LIMIT 1\n');
    try {
      const listed = await cli(['investigations']);
      expect(listed.stderr).toContain(`${path.join(userDir, 'mine.cypher')} replaces the bundled investigation "missing-evidence"`);
      expect(listed.stdout).toMatch(/missing-evidence .*My own list.*\[user, replaces bundled\]/);
      const ran = await cli(['query', 'missing-evidence', '--format', 'json']);
      expect(JSON.parse(ran.stdout)).toEqual([{ evidence: 'mine' }]);
    } finally {
      rmSync(path.join(userDir, 'mine.cypher'));
    }
    // Without the user file the bundled one answers again.
    const ran = await cli(['query', 'missing-evidence', '--format', 'json']);
    expect((JSON.parse(ran.stdout) as { evidence: string }[])[0].evidence).toBe('m-receiving-mail-logs');
  });

  it('saves a console query with the parameters it found, refusing bundled names, overwrites and writes', async () => {
    const q = 'MATCH (ip:IP)-[q:QUERIED]->(h:Host {key: $host}) WHERE q.count >= $min RETURN ip.key AS ip, q.count AS lookups ORDER BY lookups DESC LIMIT 10';
    const saved = await saveInvestigation(db, cfg(), { name: 'busy-resolvers', summary: 'Busy resolvers of a host', cypher: q, params: { host: 'mail1.trump-email.com', min: 100 }, expectRows: 2 });
    expect(saved.origin).toBe('user');
    expect(saved.params.map((p) => `${p.name}: ${p.type}`)).toEqual(['host: String', 'min: Integer']);
    const text = readFileSync(path.join(userDir, 'busy-resolvers.cypher'), 'utf8');
    expect(text).toContain('// @example host=mail1.trump-email.com min=100');
    expect(text).toContain('// @expect rows >= 2');
    await expect(saveInvestigation(db, cfg(), { name: 'busy-resolvers', cypher: q })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveInvestigation(db, cfg(), { name: 'who-controls', cypher: q })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('bundled') });
    await expect(saveInvestigation(db, cfg(), { name: '../etc', cypher: q })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(saveInvestigation(db, cfg(), { name: 'writer', cypher: 'CREATE (n:UserLibTest) RETURN n' })).rejects.toMatchObject({ code: 'QUERY_REFUSED' });
    expect(existsSync(path.join(userDir, 'writer.cypher'))).toBe(false);
    const { results } = await checkLibrary(db, cfg(), { userOnly: true });
    expect(results.find((r) => r.name === 'busy-resolvers')).toMatchObject({ ok: true });
  });
});

describe('infragraph cypher', { timeout: 300_000 }, () => {
  it('runs a read with typed --param values in every format', async () => {
    const q = 'MATCH (ip:IP)-[q:QUERIED]->(h:Host {key: $host}) WHERE q.count > $min RETURN ip.key AS ip, q.count AS n ORDER BY n DESC LIMIT 2';
    const json = await cli(['cypher', q, '-p', 'host=mail1.trump-email.com', '-p', 'min=100', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([{ ip: '217.12.96.15', n: 1411 }, { ip: '217.12.97.15', n: 1409 }]);
    const csv = await cli(['cypher', q, '-p', 'host=mail1.trump-email.com', '-p', 'min=100', '--format', 'csv']);
    expect(csv.stdout.trim().split('\n')).toEqual(['ip,n', '217.12.96.15,1411', '217.12.97.15,1409']);
    const file = path.join(userDir, 'adhoc.cypher');
    writeFileSync(file, `// @param host: String\n// @param min: Integer = 1000\n${q}\n`);
    const table = await cli(['cypher', '-f', file, '-p', 'host=mail1.trump-email.com']);
    expect(table.stdout.split('\n')[2]).toMatch(/^217\.12\.96\.15\s+1411$/);
    expect(table.stderr).toMatch(/^2 row\(s\) in \d+ ms/);
    rmSync(file);
  });

  it('refuses writes without --write, and leaves the graph as it was', async () => {
    const r = await cli(['cypher', `CREATE (n:UserLibTest {mark: '${MARK}'}) RETURN n`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/read-only/);
    const m = await cli(['cypher', `MATCH (n) CALL (n) { SET n.touched = true } RETURN count(*) AS c`]);
    expect(m.code).not.toBe(0);
    expect(await marked()).toBe(0);
  });

  it('--write needs the admin token on an external database, and --yes without a terminal', async () => {
    const q = `CREATE (n:UserLibTest {mark: '${MARK}'}) RETURN n.mark AS mark`;
    const none = await cli(['cypher', q, '--write', '--yes']);
    expect(none.stderr).toMatch(/--write needs the admin role's token .*no INFRAGRAPH_TOKEN is set/);
    const analyst = await cli(['cypher', q, '--write', '--yes'], { INFRAGRAPH_TOKEN: ANALYST });
    expect(analyst.stderr).toMatch(/INFRAGRAPH_TOKEN is a analyst token/);
    const noYes = await cli(['cypher', q, '--write'], { INFRAGRAPH_TOKEN: ADMIN });
    expect(noYes.stderr).toMatch(/without a terminal needs --yes/);
    expect(await marked()).toBe(0);
    const ok = await cli(['cypher', q, '--write', '--yes', '--format', 'json'], { INFRAGRAPH_TOKEN: ADMIN });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([{ mark: MARK }]);
    expect(await marked()).toBe(1);
  });
});

describe('infragraph investigations check', () => {
  it('passes the bundled library on the 2016 case, one ok line per investigation', async () => {
    const r = await cli(['investigations', 'check', '--bundled']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => !l.startsWith('ok ')), r.stdout).toEqual([]);
    expect(lines.length).toBe(loadLibrary(REPO_ROOT, true).files.length);
    expect(r.stdout).toMatch(/^ok\s+who-controls\s+explain, example: \d+ row\(s\), 5 expectation\(s\) met$/m);
    expect(r.code).toBe(0);
  }, 300_000);

  it('reports a broken user investigation by name and line, and a failed expectation, with a non-zero exit', async () => {
    writeFileSync(path.join(userDir, 'broken-one.cypher'), '// @name broken-one\n// @summary Broken on purpose\n// @mode READ\nMATCH (h:Host)\nRETURN h.key AS key,\nLIMIT 5\n');
    writeFileSync(path.join(userDir, 'bad-header.cypher'), '// @name bad-header\n// @summary Broken header\n// @param x: Strin\nRETURN $x AS x LIMIT 1\n');
    writeFileSync(path.join(userDir, 'wrong-count.cypher'), '// @name wrong-count\n// @summary Expects too much\n// @param host: String\n// @example host=mail1.trump-email.com\n// @expect column ip contains "10.0.0.1"\nMATCH (ip:IP)-[:QUERIED]->(:Host {key: $host}) RETURN ip.key AS ip LIMIT 50\n');
    writeFileSync(path.join(userDir, 'renamed-label.cypher'), '// @name renamed-label\n// @summary Uses a label\n// @mode READ\nMATCH (h:Host) WHERE h.kee = 1 RETURN h.key AS key, x LIMIT 5\n');
    try {
      const r = await cli(['investigations', 'check', '--user']);
      expect(r.code).toBe(1);
      const line = (name: string) => r.stdout.split('\n').find((l) => l.includes(` ${name} `)) ?? '';
      expect(line('broken-one')).toMatch(new RegExp(`^FAIL\\s+broken-one\\s+${userDir}/broken-one\\.cypher:6: Neo4j: Invalid input '5'`));
      expect(line('bad-header')).toMatch(new RegExp(`^FAIL\\s+bad-header\\s+${userDir}/bad-header\\.cypher:3: bad @param "x: Strin"`));
      expect(line('wrong-count')).toMatch(new RegExp(`^FAIL\\s+wrong-count\\s+${userDir}/wrong-count\\.cypher:5: expected column ip contains "10\\.0\\.0\\.1", but no row of \\d+ does`));
      expect(line('renamed-label')).toMatch(new RegExp(`^FAIL\\s+renamed-label\\s+${userDir}/renamed-label\\.cypher:4: Neo4j: Variable \`x\` not defined`));
      expect(line('resolvers-of-host')).toMatch(/^ok\s+resolvers-of-host\s+explain, example: \d+ row\(s\), 1 expectation\(s\) met$/);
      expect(r.stderr).toMatch(/\d+ investigation\(s\) checked, 4 failed/);
    } finally {
      for (const f of ['broken-one', 'bad-header', 'wrong-count', 'renamed-label']) rmSync(path.join(userDir, `${f}.cypher`));
    }
  }, 300_000);
});

describe('console helpers', () => {
  it('lists the live labels, relationship types and property keys', async () => {
    const v = await schemaVocabulary(db);
    expect(v.labels).toEqual(expect.arrayContaining(['Host', 'IP', 'Organization']));
    expect(v.relationshipTypes).toEqual(expect.arrayContaining(['QUERIED', 'RESOLVES_TO', 'REGISTERED_BY']));
    expect(v.propertyKeys).toEqual(expect.arrayContaining(['key', 'confidence', 'validFrom']));
  });

  it("locates a syntax error with Neo4j's message, line and column", async () => {
    const text = 'MATCH (h:Host)\nRETURN h.key AS key,\nLIMIT 5';
    const c = await checkCypher(db, text, {}, 10_000);
    expect(c.ok).toBe(false);
    expect(c.errors[0]).toMatchObject({ line: 3, column: 7, message: expect.stringMatching(/^Invalid input '5'/) });
    expect(text.slice(c.errors[0].offset!)).toBe('5');
    const first = await checkCypher(db, 'MATC (n) RETURN n', {}, 10_000);
    expect(first.errors[0]).toMatchObject({ line: 1, column: 1, offset: 0 });
    expect(await checkCypher(db, 'MATCH (n:Host) RETURN n LIMIT 1', {}, 10_000)).toEqual({ ok: true, queryType: 'r', errors: [] });
  });
});
