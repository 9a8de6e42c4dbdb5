// The security-sensor, server and cloud DNS formats end to end against real Neo4j, through the
// CLI (`infragraph import`, format detected from content) and the import function: lookups,
// Sysmon's Process → Host facts and Route 53's VPC/instance facts land with provenance; a
// re-import changes nothing; gzip, --strict and per-record lookup counts (passivedns) work.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { conformanceFile, hasConformance, REPO_ROOT } from '../../support/conformance.ts';
import { importFile, type ImportOptions } from '../../../server/src/importers/pipeline/import-file.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-endpoints-'));
const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports'), ...o,
});
afterAll(() => db.close());

function cli(...args: string[]) {
  const env = {
    ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent', INFRAGRAPH_DATA_DIR: tmp,
  };
  return spawnSync('node', [path.join(REPO_ROOT, 'bin/infragraph.mjs'), 'import', ...args], { env, encoding: 'utf8' });
}

/** Every node and relationship with its properties: equal before and after a re-import. */
async function graph(): Promise<string> {
  const nodes = await db.read(
    `MATCH (n) WHERE n:Host OR n:IP OR n:Domain OR n:Process OR n:Vpc OR n:CloudInstance
     WITH labels(n)[0] AS l, n.key AS k, properties(n) AS p ORDER BY l, k
     RETURN collect([l, k, [x IN keys(p) WHERE NOT x IN ['addedAt', 'updatedAt'] | [x, p[x]]]]) AS all`, {}, { caller: 'test' });
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WHERE NOT type(r) IN ['FROM_SOURCE']
     WITH type(r) AS t, a.key AS a, b.key AS b, properties(r) AS p ORDER BY t, a, b
     RETURN collect([t, a, b, [x IN keys(p) WHERE x <> 'updatedAt' | [x, p[x]]]]) AS all`, {}, { caller: 'test' });
  return JSON.stringify([nodes, rels]);
}

describe.skipIf(!hasConformance)('endpoint formats through the CLI into Neo4j', () => {
  beforeAll(() => resetDb(db));

  it('Sysmon 22 (auto-detected): the process, the computer it runs on and the name it looked up, with provenance', async () => {
    const file = conformanceFile('sysmon_dns/sigma__regression_data_dns_query_win_remote_access_software_domains_non_browsers_4d07b1f4.json');
    const r = cli(file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('sysmon-dns');
    const rows = await db.read(
      `MATCH (p:Process)-[on:RUNS_ON]->(c:Host), (p)-[l:LOOKED_UP]->(h:Host)
       RETURN p.key AS p, p.name AS name, p.image AS image, p.pid AS pid, c.key AS computer, h.key AS host,
              l.count AS count, l.statuses AS statuses, toString(l.validFrom) AS from, l.srcRef AS lref, on.srcRef AS oref,
              l.sources AS sources`, {}, { caller: 'test' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      p: 'sigmacatchvm:570e49aa-de48-6a7a-9e15-000000001400', name: 'AnyDesk.exe', image: 'C:\\Users\\frack113\\Desktop\\AnyDesk.exe', pid: 12152,
      computer: 'sigmacatchvm', host: 'boot.net.anydesk.com', count: 1, statuses: ['NOERROR'],
      lref: ['sigma__regression_data_dns_query_win_remote_access_software_domains_non_browsers_4d07b1f4.json:1'],
    });
    expect(rows[0].from).toMatch(/^2026-08-08T08:33:15\.1/);
    const src = await db.read('MATCH (s:Source {key: $k}) RETURN s.format AS f, s.kind AS kind', { k: (rows[0].sources as string[])[0] }, { caller: 'test' });
    expect(src).toEqual([{ f: 'sysmon-dns', kind: 'dns-log' }]);
    // The answers became DNS edges: the CNAME and ten addresses behind it.
    const dns = await db.read(
      `MATCH (:Host {key: 'boot.net.anydesk.com'})-[:ALIAS_OF]->(t:Host)-[:RESOLVES_TO]->(ip:IP) RETURN t.key AS t, count(ip) AS n`, {}, { caller: 'test' });
    expect(dns).toEqual([{ t: 'boot-relays.net.anydesk.com', n: 10 }]);
  }, 120_000);

  it('Route 53 Resolver log: VPCs, instances, IP → instance, firewall BLOCK on the record, 34 lookups', async () => {
    const file = conformanceFile('route53_resolver/elastic-integrations__aws_route53_resolver_logs_test-route53.log');
    const r = cli(file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('route53-resolver');
    const looked = await db.read(
      // Sysmon gives no client address, so every lookup so far is Route 53's.
      `MATCH (:IP)-[q:QUERIED]->(:Host) RETURN sum(q.count) AS n`, {}, { caller: 'test' });
    expect(looked).toEqual([{ n: 34 }]);
    const inst = await db.read(
      `MATCH (ip:IP)-[a:ASSIGNED_TO]->(i:CloudInstance)-[v:IN_VPC]->(vpc:Vpc)
       RETURN ip.key AS ip, i.key AS i, vpc.key AS vpc, vpc.accountId AS account, a.count AS n, a.srcRef AS ref ORDER BY ip`, {}, { caller: 'test' });
    expect(inst).toEqual([
      { ip: '172.31.86.159', i: 'i-079c44232510ca8ff', vpc: 'vpc-01e31a7c', account: '626345947581', n: 4, ref: ['elastic-integrations__aws_route53_resolver_logs_test-route53.log:30'] },
      { ip: '81.2.69.143', i: 'i-0d15cd0d3example', vpc: 'vpc-7example', account: '111122223333', n: 1, ref: ['elastic-integrations__aws_route53_resolver_logs_test-route53.log:33'] },
    ]);
    const fw = await db.read(
      `MATCH (v:Vpc)-[f:FIREWALL_MATCHED]->(h:Host) RETURN v.key AS v, h.key AS h, f.actions AS actions, f.ruleGroupIds AS groups, size(f.sources) AS nsrc`, {}, { caller: 'test' });
    expect(fw).toEqual([{ v: 'vpc-7example', h: '15.199.16.175.in-addr.arpa', actions: ['BLOCK'], groups: ['rslvr-frg-01234567890abcdef'], nsrc: 1 }]);
  }, 120_000);

  it('re-importing both files (CLI and import function) changes nothing', async () => {
    const before = await graph();
    for (const f of ['sysmon_dns/sigma__regression_data_dns_query_win_remote_access_software_domains_non_browsers_4d07b1f4.json',
      'route53_resolver/elastic-integrations__aws_route53_resolver_logs_test-route53.log']) {
      const r = cli(conformanceFile(f));
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('unchanged');
      expect((await importFile(db, conformanceFile(f), opts())).status).toBe('unchanged');
    }
    expect(await graph()).toBe(before);
  }, 120_000);

  it('passivedns: the per-record count is the lookup count (31 lookups from 6 lines)', async () => {
    const s = await importFile(db, conformanceFile('passivedns_log/gamelinux-passivedns__README-extract__passivedns.log'), opts());
    expect(s).toMatchObject({ format: 'passivedns-log', records: 6, rejects: 0 });
    const rows = await db.read(
      `MATCH (:IP {key: '10.1.1.1'})-[q:QUERIED]->(h:Host) RETURN h.key AS h, q.count AS n, reduce(s = 0, x IN q.bucketCounts | s + x) AS bucketed ORDER BY h`, {}, { caller: 'test' });
    expect(rows).toEqual([
      { h: 'clients1.google.com', n: 2, bucketed: 2 }, { h: 'i1.ytimg.com', n: 3, bucketed: 3 },
      { h: 'upload.youtube.com', n: 10, bucketed: 10 }, { h: 'www.adobe.com', n: 16, bucketed: 16 },
    ]);
  }, 120_000);

  it('gzip and auto-detection: a gzipped Suricata EVE file imports like the plain one', async () => {
    const file = path.join(tmp, 'eve.json.gz');
    writeFileSync(file, gzipSync(readFileSync(conformanceFile('suricata_eve/surevego__testdata_eve.json'))));
    const s = await importFile(db, file, opts());
    expect(s).toMatchObject({ format: 'suricata-eve', records: 44, rejects: 0 });
    expect(s.notes.join('\n')).toMatch(/218 non-DNS EVE event\(s\) skipped/);
  }, 120_000);

  it('--strict stops on the first bad record with its file:line, and writes nothing', async () => {
    const file = path.join(tmp, 'bad-dns.log');
    const good = readFileSync(conformanceFile('windows_dns_debug/dimwanderings__2015-05-20-windows-dns-server-graphical-troubleshooting-tools.md-extract__dns.log'), 'utf8');
    writeFileSync(file, good + '5/21/2015 1:51:19 PM 0D48 PACKET  000000000181D1C0 UDP Rcv 10.250.2.246    0c6c   Q [0001   D   NOERROR] A      (5)oops(0)\n');
    const before = await graph();
    await expect(importFile(db, file, opts({ strict: true }))).rejects.toThrow(/--strict: bad-dns\.log:42: bad length-prefixed name/);
    expect(await graph()).toBe(before);
    const s = await importFile(db, file, opts());
    expect(s).toMatchObject({ format: 'windows-dns', records: 12, rejects: 1 });
    expect(s.firstRejects).toEqual([{ ref: 42, reason: 'bad length-prefixed name: (5)oops(0)' }]);
  }, 120_000);
});
