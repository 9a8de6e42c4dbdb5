// SQL over the event store through the API (GraphQL `sql`) and the CLI (`infragraph sql`), against
// the events the bundled case's import wrote: the same figures as the graph, the same roles and
// limits as the Cypher console, and DuckDB's refusals of anything but reading the events.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { startApi, gql, tokensSetting, rawLookups, type ApiEnv } from './api-support.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';

const exec = promisify(execFile);
const TOKENS = { viewer: 'viewer-token-0123456789', analyst: 'analyst-token-0123456789' };
let env: ApiEnv;
let url: string;
beforeAll(async () => {
  env = await startApi({ INFRAGRAPH_TOKENS: tokensSetting(TOKENS), INFRAGRAPH_CONSOLE_MAX_ROWS: '5' });
  url = env.server.url;
});
afterAll(() => env?.close());

const SQL = 'query($q: String!, $p: JSON) { sql(query: $q, params: $p) { columns rows truncated ms } }';
const as = (role: keyof typeof TOKENS, q: string, p: Record<string, unknown> = {}) => gql(url, SQL, { q, p }, TOKENS[role]);
const MAIL1 = 'mail1.trump-email.com';

describe('GraphQL sql', () => {
  it('counts the case\'s lookups per asking address, as the raw logs do', async () => {
    const want = new Map<string, number>();
    for (const r of rawLookups()) if (r.host === MAIL1) want.set(r.ip, (want.get(r.ip) ?? 0) + 1);
    const r = await as('analyst', 'SELECT client, count(*) AS n FROM events WHERE qname = $h GROUP BY client ORDER BY n DESC, client LIMIT 5', { h: MAIL1 });
    expect(r.errors).toBeUndefined();
    expect(r.data!.sql.columns).toEqual(['client', 'n']);
    const top = [...want].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([client, n]) => ({ client, n }));
    expect(r.data!.sql.rows).toEqual(top);
    expect(top.slice(0, 2).reduce((s, x) => s + x.n, 0)).toBe(2820);
    const all = await as('analyst', 'SELECT count(*) AS n, min(ts) AS first FROM events WHERE qname = $h', { h: MAIL1 });
    expect(all.data!.sql.rows).toEqual([{ n: 3550, first: '2016-05-04T13:05:15.000Z' }]);
  });

  it('applies the console\'s row limit and role', async () => {
    const r = await as('analyst', 'SELECT line FROM events ORDER BY line');
    expect(r.data!.sql.rows).toHaveLength(5);
    expect(r.data!.sql.truncated).toBe(true);
    expect((await as('viewer', 'SELECT 1 AS one')).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses writes, other files, extensions and settings', async () => {
    const code = async (q: string) => (await as('analyst', q)).errors?.[0]?.extensions.code;
    expect(await code("COPY (SELECT * FROM events) TO '/tmp/events-copy.csv'")).toBe('QUERY_REFUSED');
    expect(await code("SELECT * FROM read_csv('/etc/passwd')")).toBe('QUERY_REFUSED');
    expect(await code(`SELECT * FROM read_text('${path.join(REPO_ROOT, 'package.json')}')`)).toBe('QUERY_REFUSED');
    expect(await code("ATTACH '/tmp/events-attach.db'")).toBe('QUERY_REFUSED');
    expect(await code('INSTALL httpfs')).toBe('QUERY_REFUSED');
    expect(await code("SET threads = 8")).toBe('QUERY_REFUSED');
    expect(await code('PRAGMA database_list')).toBe('QUERY_REFUSED');
    expect(await code('SELECT 1; SELECT 2')).toBe('QUERY_REFUSED');
    expect(await code('SELECT * FROM no_such_table')).toBe('BAD_USER_INPUT');
  });

  it('marks the SQL investigations by language', async () => {
    const r = await gql(url, '{ investigations { name language } }', {}, TOKENS.viewer);
    const lang = new Map((r.data!.investigations as { name: string; language: string }[]).map((i) => [i.name, i.language]));
    expect(lang.get('office-hours-profile')).toBe('sql');
    expect(lang.get('who-controls')).toBe('cypher');
  });
});

describe('infragraph sql', () => {
  const cli = (args: string[]) => exec(process.execPath, [path.join(REPO_ROOT, 'bin/infragraph.mjs'), 'sql', ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent',
      COLUMNS: '100', INFRAGRAPH_DATA_DIR: env.cfg.dataDir,
    },
    timeout: 120_000,
  });

  it('prints the rows of a SELECT over the events', async () => {
    const { stdout } = await cli(['SELECT count(*) AS n FROM events WHERE qname = $h AND client IN ($a, $b)', '--param', `h=${MAIL1}`, '--param', 'a=217.12.96.15', '--param', 'b=217.12.97.15', '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual([{ n: 2820 }]);
  });

  it('refuses a COPY with exit code 1 and one sentence', async () => {
    const e = await cli(["COPY (SELECT 1) TO '/tmp/events-cli-copy.csv'"]).then(() => null, (x) => x);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/^infragraph: SQL over the event store is read-only/);
  });
});

describe('live sources', () => {
  it('hides the events of a source once it is no longer in the graph', async () => {
    const before = await as('analyst', 'SELECT count(*) AS n FROM events WHERE qname = $h', { h: MAIL1 });
    expect(before.data!.sql.rows[0].n).toBe(3550);
    await env.db.write("MATCH (s:Source) WHERE s.name STARTS WITH 'ns1' DETACH DELETE s", {}, { caller: 'test' });
    const after = await as('analyst', 'SELECT count(*) AS n FROM events WHERE qname = $h', { h: MAIL1 });
    expect(after.data!.sql.rows[0].n).toBeLessThan(3550);
  });
});
