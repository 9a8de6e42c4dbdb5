// DNS imports end to end against real Neo4j: conformance files land with the counts read off the
// files, re-imports change nothing, a grown file adds only its new lines, --strict writes nothing
// on a bad record, and an import killed with SIGKILL and re-run ends with the clean-run graph.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { conformanceFile, hasConformance, REPO_ROOT } from '../../support/conformance.ts';
import { importFile, type ImportOptions } from '../../../server/src/importers/pipeline/import-file.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-import-'));
const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports'), ...o,
});
afterAll(() => db.close());

async function lookups(host?: string) {
  return db.read(
    `MATCH (c:IP)-[r:QUERIED]->(h:Host) WHERE $host IS NULL OR h.key = $host
     RETURN c.key AS client, h.key AS host, r.count AS count, r.firstSeen AS first, r.lastSeen AS last,
            r.srcRef AS refs, r.sources AS sources, reduce(s = 0, x IN r.bucketCounts | s + x) AS bucketed
     ORDER BY client, host`,
    { host: host ?? null }, { caller: 'test' },
  );
}

async function fingerprint(): Promise<string> {
  const nodes = await db.read('MATCH (n) WHERE n:Host OR n:IP OR n:Domain RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l', {}, { caller: 'test' });
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WHERE type(r) IN ['QUERIED','RESOLVES_TO','ALIAS_OF','SUBDOMAIN_OF','NAME_SERVER','MAIL_SERVER','PTR']
     WITH type(r) AS t, a.key AS a, b.key AS b, r ORDER BY t, a, b
     RETURN collect([t, a, b, r.count, toString(r.firstSeen), toString(r.lastSeen), r.srcCount, r.srcRef,
                     reduce(s = 0, x IN coalesce(r.bucketCounts, []) | s + x), size(coalesce(r.buckets, []))]) AS all`,
    {}, { caller: 'test' },
  );
  return JSON.stringify([nodes, rels]);
}

describe.skipIf(!hasConformance)('conformance files through the whole pipeline', () => {
  beforeAll(() => resetDb(db));

  it('Zeek ipv6-frag: one IPv6 client, two names, masked times kept as unknown', async () => {
    const file = conformanceFile('zeek_tsv/zeek__core.ipv6-frag__dns.log');
    const s = await importFile(db, file, opts());
    expect(s).toMatchObject({ format: 'zeek-tsv', status: 'imported', records: 3, rejects: 0 });
    const rows = await lookups();
    expect(rows.map((r) => [r.client, r.host, r.count, r.first])).toEqual([
      ['2001:470:1f11:81f:d138:5f55:6d4:1fe2', 'txtpadding_323.n1.netalyzr.icsi.berkeley.edu', 1, null],
      ['2001:470:1f11:81f:d138:5f55:6d4:1fe2', 'txtpadding_3230.n1.netalyzr.icsi.berkeley.edu', 2, null],
    ]);
    // The raw-record pointer names the file and the first line of the pair (data starts on line 10).
    expect(rows[0].refs).toEqual(['zeek__core.ipv6-frag__dns.log:10']);
    const src = await db.read('MATCH (s:Source {key: $k}) RETURN s.kind AS kind, s.sha256 AS sha, s.size AS size', { k: s.sourceKey }, { caller: 'test' });
    const sha = spawnSync('sha256sum', [file]).stdout.toString().split(' ')[0];
    expect(src[0]).toEqual({ kind: 'dns-log', sha, size: 4723 });
    const dom = await db.read("MATCH (:Host {key: 'txtpadding_323.n1.netalyzr.icsi.berkeley.edu'})-[:SUBDOMAIN_OF]->(d:Domain) RETURN d.key AS d", {}, { caller: 'test' });
    expect(dom).toEqual([{ d: 'berkeley.edu' }]);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await fingerprint();
    const s = await importFile(db, conformanceFile('zeek_tsv/zeek__core.ipv6-frag__dns.log'), opts());
    expect(s.status).toBe('unchanged');
    expect(await fingerprint()).toBe(before);
  });

  it('Unbound log-replies: 27 replies from 192.168.10.8 over 16 names', async () => {
    const s = await importFile(db, conformanceFile('unbound_querylog/unbound-scripts__README-extract__daemon.log'), opts({ year: 2016 }));
    expect(s).toMatchObject({ format: 'unbound', records: 27, rejects: 0 });
    const rows = (await lookups()).filter((r) => r.client === '192.168.10.8');
    expect(rows).toHaveLength(16);
    expect(rows.reduce((a, r) => a + Number(r.count), 0)).toBe(27);
    expect(rows.find((r) => r.host === 's.marketwatch.com')).toMatchObject({ count: 2, first: '2016-05-20T16:29:19.000Z' });
  });

  it('every DNS-log, capture and passive-DNS conformance file imports with the record and reject counts read off the files', async () => {
    const files = [
      'zeek_tsv/zeek__opt.basic__dns.log', 'zeek_tsv/zeek__scripts.base.protocols.dns.multiple-txt-strings__dns.log',
      'zeek_json/elastic-beats__filebeat-zeek__dns-json.log', 'bind_querylog/elastic-integrations__infoblox_nios__test-dns.log',
      'dnsmasq_querylog/pihole-logfile-reader__pihole.log', 'unbound_querylog/debug_unbound__unbound.log',
      'pcap/zeek__Traces_wikipedia.pcap', 'pcap/zeek__Traces_ipv6-fragmented-dns.pcap', 'pcap/zeek__Traces_dns-txt-multiple.pcap',
      'pcap/zeek__Traces_dns-invalid-names.pcap', 'dnstap/go-dnscollector__dnstap.fstrm',
      'passive_dns/pdns-qof__example_code_testdata_data.json', 'passive_dns/tr-05-serverless-farsight-dnsdb__code_tests_unit_data_domain.json',
      'passive_dns/tr-05-serverless-farsight-dnsdb__code_tests_unit_data_ipv6.json',
    ];
    const expected: Record<string, { format: string; records: number; rejects: number }> = {
      'zeek__opt.basic__dns.log': { format: 'zeek-tsv', records: 34, rejects: 0 },
      'zeek__scripts.base.protocols.dns.multiple-txt-strings__dns.log': { format: 'zeek-tsv', records: 1, rejects: 0 },
      'elastic-beats__filebeat-zeek__dns-json.log': { format: 'zeek-json', records: 3, rejects: 0 },
      'elastic-integrations__infoblox_nios__test-dns.log': { format: 'bind', records: 12, rejects: 0 },
      'pihole-logfile-reader__pihole.log': { format: 'dnsmasq', records: 23, rejects: 0 },
      'debug_unbound__unbound.log': { format: 'unbound', records: 0, rejects: 0 },
      'zeek__Traces_wikipedia.pcap': { format: 'pcap', records: 38, rejects: 0 },
      'zeek__Traces_ipv6-fragmented-dns.pcap': { format: 'pcap', records: 3, rejects: 1 },
      'zeek__Traces_dns-txt-multiple.pcap': { format: 'pcap', records: 1, rejects: 0 },
      'zeek__Traces_dns-invalid-names.pcap': { format: 'pcap', records: 0, rejects: 3 },
      'go-dnscollector__dnstap.fstrm': { format: 'dnstap', records: 1, rejects: 0 },
    };
    for (const f of files) {
      const s = await importFile(db, conformanceFile(f), opts({ year: 2022 }));
      const want = expected[path.basename(f)];
      if (want) expect({ file: f, format: s.format, records: s.records, rejects: s.rejects }).toEqual({ file: f, ...want });
      expect(s.status).toBe('imported');
    }
    // The dnstap CQ/CR pair: www.google.com looked up by 172.19.0.1, answered with addresses.
    const g = await lookups('www.google.com');
    expect(g.map((r) => [r.client, r.count])).toContainEqual(['172.19.0.1', 1]);
    const ans = await db.read("MATCH (:Host {key: 'www.google.com'})-[r:RESOLVES_TO]->(i:IP) RETURN count(i) AS n", {}, { caller: 'test' });
    expect(Number(ans[0].n)).toBeGreaterThan(0);
    // Passive DNS keeps the observation window and the count of the record: DNSDB's google.com A
    // record 74.125.224.64 seen 5 times on 2013-01-14; CIRCL's www.circl.lu CNAME cpa.circl.lu.
    const pd = await db.read(
      "MATCH (:Host {key: 'google.com'})-[r:RESOLVES_TO]->(:IP {key: '74.125.224.64'}) RETURN r.count AS n, r.firstSeen AS f, r.lastSeen AS l",
      {}, { caller: 'test' });
    expect(pd).toEqual([{ n: 5, f: '2013-01-14T19:23:53.000Z', l: '2013-01-14T19:23:53.000Z' }]);
    const cof = await db.read("MATCH (:Host {key: 'www.circl.lu'})-[r:ALIAS_OF]->(t:Host) RETURN t.key AS t, r.count AS n ORDER BY t", {}, { caller: 'test' });
    expect(cof).toEqual([{ t: 'cpa.circl.lu', n: 1909 }, { t: 'cpab.circl.lu', n: 2560 }]);
  });
});

describe('exactly once', () => {
  beforeAll(() => resetDb(db));
  const header = 'timestamp,hostname,query_originator_ip\n';
  const line = (i: number) => `2016-05-0${1 + (i % 9)}T1${i % 10}:00:0${i % 10}Z,host${i % 7}.example.com,192.0.2.${i % 5}\n`;

  it('a grown log imports only its new lines, under the same Source', async () => {
    const file = path.join(tmp, 'live.csv');
    writeFileSync(file, header + Array.from({ length: 100 }, (_, i) => line(i)).join(''));
    const a = await importFile(db, file, opts());
    expect(a).toMatchObject({ status: 'imported', records: 100 });
    appendFileSync(file, Array.from({ length: 50 }, (_, i) => line(100 + i)).join(''));
    const b = await importFile(db, file, opts());
    expect(b).toMatchObject({ status: 'appended', records: 50, sourceKey: a.sourceKey });
    const rows = await lookups();
    expect(rows.reduce((s, r) => s + Number(r.count), 0)).toBe(150);
    expect(rows.reduce((s, r) => s + Number(r.bucketed), 0)).toBe(150);
    expect((await importFile(db, file, opts())).status).toBe('unchanged');
  });

  it('--strict stops at the first bad record and writes nothing; without it the record is reported with file:line', async () => {
    await resetDb(db);
    const file = path.join(tmp, 'bad.csv');
    writeFileSync(file, header + line(1) + 'not-a-time,host.example.com,192.0.2.1\n' + line(2));
    await expect(importFile(db, file, opts({ strict: true }))).rejects.toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringContaining('bad.csv:3') });
    const n = await db.read('MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n', {}, { caller: 'test' });
    expect(n[0].n).toBe(0);
    const s = await importFile(db, file, opts());
    expect(s).toMatchObject({ records: 2, rejects: 1 });
    expect(s.firstRejects[0].ref).toBe(3);
    expect(readFileSync(s.reportFile!, 'utf8')).toContain('bad.csv:3\t');
  });

  it('reads gzip transparently', async () => {
    await resetDb(db);
    const file = path.join(tmp, 'log.csv.gz');
    writeFileSync(file, gzipSync(header + Array.from({ length: 20 }, (_, i) => line(i)).join('')));
    const s = await importFile(db, file, opts());
    expect(s).toMatchObject({ format: 'csv', records: 20, rejects: 0 });
  });

  it('an import killed with SIGKILL and run again ends with the graph of a clean run', async () => {
    const file = path.join(tmp, 'big.log');
    await generate('zeek-tsv', 60_000, 7, file);
    const env = {
      ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent',
      INFRAGRAPH_DATA_DIR: tmp, INFRAGRAPH_IMPORT_BATCH: '500', INFRAGRAPH_IMPORT_FLUSH: '5000',
    };
    const cli = path.join(REPO_ROOT, 'bin/infragraph.mjs');

    await resetDb(db);
    expect(spawnSync('node', [cli, 'import', file], { env, encoding: 'utf8' }).status).toBe(0);
    const clean = await fingerprint();

    await resetDb(db);
    const child = spawn('node', [cli, 'import', file], { env, stdio: 'ignore' });
    // Kill it once some batches have committed but before it finishes.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const b = await db.read('MATCH (b:ImportBatch) RETURN count(b) AS n', {}, { caller: 'test' });
      if (Number(b[0].n) >= 3) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = await db.read("MATCH (l:ImportLedger) RETURN l.status AS s", {}, { caller: 'test' });
    expect(partial).toEqual([{ s: 'running' }]);
    expect(await fingerprint()).not.toBe(clean);

    const again = spawnSync('node', [cli, 'import', file], { env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('resumed');
    expect(await fingerprint()).toBe(clean);
    const markers = await db.read('MATCH (b:ImportBatch) RETURN count(b) AS n', {}, { caller: 'test' });
    expect(markers[0].n).toBe(0);
  }, 600_000);
});
