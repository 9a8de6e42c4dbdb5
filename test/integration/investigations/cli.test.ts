// `infragraph investigations` and `infragraph query` end to end: the real bin script, its own
// process, talking to the test Neo4j with the bundled case loaded.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { testDb, testConfig, resetDb } from '../../support/db.ts';
import { loadDemoCase } from '../../../server/src/domain/demo/load-demo-case.ts';
import { listInvestigationFiles as listInvestigations } from '../../../server/src/domain/investigations/investigation-library.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';
import os from 'node:os';

const exec = promisify(execFile);
const db = testDb();

beforeAll(async () => {
  await resetDb(db);
  await loadDemoCase(db, testConfig());
});
afterAll(() => db.close());

async function cli(args: string[], columns = 100): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, [path.join(REPO_ROOT, 'bin/infragraph.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'),
      LOG_LEVEL: 'silent', COLUMNS: String(columns), INFRAGRAPH_DATA_DIR: path.join(os.tmpdir(), `infragraph-test-data-${process.pid}`),
    },
    timeout: 60_000,
  });
}

describe('infragraph investigations', () => {
  it('lists every investigation in the library, in 100 columns', async () => {
    const { stdout } = await cli(['investigations']);
    const lines = stdout.trimEnd().split('\n');
    const names = lines.slice(2).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(listInvestigations(REPO_ROOT, true).map((f) => f.name));
    expect(names).toContain('hypothesis-matrix');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
  });
});

describe('infragraph query', () => {
  const args = ['query', 'lookups-by-organization', '--param', 'host=mail1.trump-email.com'];

  it('prints JSON rows', async () => {
    const { stdout } = await cli([...args, '--format', 'json']);
    const rows = JSON.parse(stdout) as { organization: string; lookups: number; sharePct: number }[];
    expect(rows.map((r) => [r.organization, r.lookups, r.sharePct])).toEqual([
      ['Alfa Bank', 2820, 79.44], ['Spectrum Health', 714, 20.11],
      ['Heartland Payment Systems', 8, 0.23], ['(unattributed)', 8, 0.23],
    ]);
  });

  it('prints CSV with lists as JSON cells', async () => {
    const { stdout } = await cli([...args, '--format', 'csv']);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'organization,ips,lookups,sharePct,total,attributionConfidence',
      'Alfa Bank,"[""217.12.96.15"",""217.12.97.15""]",2820,79.44,3550,40',
      'Spectrum Health,"[""167.73.110.8""]",714,20.11,3550,40',
      'Heartland Payment Systems,"[""198.91.42.242""]",8,0.23,3550,40',
      '(unattributed),"[""192.0.2.53"",""198.51.100.53"",""203.0.113.53"",""217.12.97.137""]",8,0.23,3550,',
    ]);
  });

  it('prints a table that fits 100 columns, numbers right-aligned, lists compact', async () => {
    const { stdout, stderr } = await cli([...args]);
    const lines = stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/^organization\s+ips\s+lookups\s+sharePct\s+total\s+attri\S*…$/);
    expect(lines[2]).toMatch(/^Alfa Bank\s+217\.12\.96\.15, 217\.12\.97\.15\s+2820\s+79\.44\s+3550\s+40$/);
    expect(lines[5]).toMatch(/\s+8\s+0\.23\s+3550$/);
    // Right-aligned: the counts end in the same column.
    const end = (l: string, s: string) => l.indexOf(s) + s.length;
    expect(end(lines[2], '2820')).toBe(end(lines[3], '714'));
    expect(stderr).toMatch(/^4 row\(s\) in \d+ ms/);
  });

  it('cuts a wide table down to 100 columns and keeps dates short', async () => {
    const { stdout } = await cli(['query', 'who-controls', '-p', 'name=mail1.trump-email.com']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
    expect(lines.find((l) => l.startsWith('REGISTRANT'))).toMatch(/\s90\s+2009-01-01\s/);
  });

  it('selects columns and prints wide rows as wrapped records', async () => {
    const { stdout } = await cli(['query', 'hypothesis-matrix', '--format', 'records', '--columns', 'hypothesis,score,missing']);
    expect(stdout.trimEnd().split('\n').slice(0, 5)).toEqual([
      `── 1 ${'─'.repeat(35)}`,
      'hypothesis  h-stale-dns',
      'score       10',
      'missing     m-cendyn-send-records ?4',
      `── 2 ${'─'.repeat(35)}`,
    ]);
    const csv = await cli(['query', 'missing-evidence', '--format', 'csv', '-c', 'evidence,totalWeight']);
    expect(csv.stdout.trimEnd().split('\n').slice(0, 3)).toEqual(['evidence,totalWeight', 'm-receiving-mail-logs,9', 'm-cendyn-send-records,8']);
  });

  it('refuses an unknown parameter with a clear message', async () => {
    await expect(cli(['query', 'who-controls', '-p', 'nam=x'])).rejects.toMatchObject({
      stderr: expect.stringContaining('who-controls takes no parameter "nam"'),
    });
  });
});
