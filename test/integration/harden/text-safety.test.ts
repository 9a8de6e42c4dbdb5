// Issue 16, finding 6: text from files is stored as given but shown and exported safely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { startApi, gql, type ApiEnv } from '../api/api-support.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';

const EVIL = 'Evil\x01Corp\x0b';
const ORG = 'org:harden-text-safety';
const IP = '203.0.113.77';
let env: ApiEnv;
beforeAll(async () => {
  env = await startApi({}, false);
  await env.db.write(`MERGE (o:Organization {key: $org}) SET o.name = $name
    MERGE (i:IP {key: $ip}) SET i.name = $ip
    MERGE (o)-[r:OPERATES]->(i) SET r.confidence = 80, r.sources = ['doc:harden-text'], r.srcRef = ['whois.txt:3 \\u001b[2J=cmd|x']`, { org: ORG, name: EVIL, ip: IP }, { caller: 'test' });
});
afterAll(async () => {
  await env?.db.write('MATCH (n) WHERE n.key IN [$org, $ip] DETACH DELETE n', { org: ORG, ip: IP }, { caller: 'test' });
  await env?.close();
});

/** Characters XML 1.0 allows (the Char production). */
const XML_CHAR = /^[\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

const exportAs = async (format: string) => {
  const r = await gql(env.server.url, 'query($k: [String!]!, $f: ExportFormat!) { export(selection: {keys: $k}, format: $f) { content } }', { k: [ORG], f: format });
  expect(r.errors).toBeUndefined();
  return r.data!.export.content as string;
};

describe('text safety', () => {
  it('stores the name as given', async () => {
    const rows = await env.db.read('MATCH (o:Organization {key: $k}) RETURN o.name AS n', { k: ORG }, { caller: 'test' });
    expect(rows[0].n).toBe(EVIL);
  });

  it('exports valid XML to GraphML, the control characters shown as escapes', async () => {
    const xml = await exportAs('GRAPHML');
    expect(XML_CHAR.test(xml)).toBe(true);
    expect(xml).toContain('Evil\\x01Corp\\x0b');
  });

  it('exports CSV without raw control characters', async () => {
    const csv = await exportAs('CSV');
    expect(csv).toContain('whois.txt:3 \\x1b[2J=cmd|x');
    expect(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(csv)).toBe(false);
  });

  it('prints a rejected query name with ESC sequences as visible escapes in the CLI reject summary', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-esc-'));
    try {
      const file = path.join(dir, 'esc.log');
      writeFileSync(file, 'Jan  1 00:00:01 dnsmasq[1]: query[A] evil\x1b[2J\x1b]0;pwned\x07.example from 10.0.0.1\nJan  1 00:00:02 dnsmasq[1]: query[A] good.harden.example from 10.0.0.1\n');
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/infragraph.mjs'), 'import', file, '--format', 'dnsmasq', '--year', '2016', '--source-name', 'harden-esc'], {
        env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), INFRAGRAPH_DATA_DIR: dir, LOG_LEVEL: 'silent', COLUMNS: '200' },
        encoding: 'utf8', timeout: 180_000,
      });
      const out = r.stdout + r.stderr;
      expect(out).toContain('rejected');
      expect(out).not.toMatch(/[\x1b\x07]/);
      expect(out).toContain('evil\\x1b[2J\\x1b]0;pwned\\x07.example');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});
