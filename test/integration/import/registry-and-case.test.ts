// Registry files and case files through the whole pipeline against real Neo4j: the graph holds
// exactly the entities and edges read off the files, with their sources and confidence; case files
// round-trip, re-import is a no-op, conflicting claims sit side by side, and bad files write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { conformanceFile, hasConformance, REPO_ROOT } from '../../support/conformance.ts';
import { importFile, type ImportOptions } from '../../../server/src/importers/pipeline/import-file.ts';
import { importCaseFile } from '../../../server/src/importers/case/import-case.ts';
import { linkIpsToPrefixes } from '../../../server/src/domain/network/link-prefixes.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-registry-'));
const opts: ImportOptions = { batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports') };
const caseOpts = { batchSize: 500, writers: 2, reportDir: path.join(tmp, 'reports') };
const CASE = path.join(REPO_ROOT, 'data/cases/2016-mail1-trump-email/case.yaml');
afterAll(() => db.close());

async function triples(where = 'true') {
  const rows = await db.read(
    `MATCH (a)-[r]->(b) WHERE NOT a:ImportLedger AND NOT a:Case AND NOT a:Claim AND NOT a:Evidence AND NOT a:Event AND NOT a:Hypothesis AND ${where}
     RETURN type(r) + ' ' + labels(a)[0] + ':' + a.key + ' -> ' + labels(b)[0] + ':' + b.key AS t ORDER BY t`,
    {}, { caller: 'test' },
  );
  return rows.map((r) => r.t);
}

async function nodeCount() {
  const r = await db.read('MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n', {}, { caller: 'test' });
  return Number(r[0].n);
}

describe.skipIf(!hasConformance)('registry files in the graph', () => {
  beforeAll(() => resetDb(db));

  it('WHOIS google.com: registrar, registrant, contacts and name servers with the snapshot as source', async () => {
    const s = await importFile(db, conformanceFile('whois/python-whois__test_samples_whois_google.com.txt'), opts);
    expect(s).toMatchObject({ format: 'whois', rejects: 0 });
    expect(await triples("NOT type(r) = 'SUBDOMAIN_OF'")).toEqual([
      'ADMINISTERED_BY Domain:google.com -> Organization:google',
      'MEMBER_OF Person:dns-admin -> Organization:google',
      'NAME_SERVER Domain:google.com -> Host:ns1.google.com',
      'NAME_SERVER Domain:google.com -> Host:ns2.google.com',
      'NAME_SERVER Domain:google.com -> Host:ns3.google.com',
      'NAME_SERVER Domain:google.com -> Host:ns4.google.com',
      'OF_SOURCE ImportLedger:' + (await db.read('MATCH (l:ImportLedger) RETURN l.key AS k', {}, { caller: 'test' }))[0].k + ' -> Source:' + s.sourceKey,
      'REGISTERED_BY Domain:google.com -> Organization:google',
      'REGISTRAR Domain:google.com -> Organization:markmonitor',
      'TECH_CONTACT Domain:google.com -> Organization:google',
    ].filter((t) => !t.startsWith('OF_SOURCE')));
    const reg = await db.read(
      `MATCH (:Domain {key: 'google.com'})-[r:REGISTERED_BY]->(o:Organization)
       RETURN o.name AS name, r.sources AS sources, r.srcConf AS conf, r.srcRef AS ref, toString(r.validFrom) AS vf, toString(r.validTo) AS vt`,
      {}, { caller: 'test' },
    );
    expect(reg).toEqual([{
      name: 'Google Inc.', sources: [s.sourceKey], conf: [85], ref: ['python-whois__test_samples_whois_google.com.txt:222'],
      vf: '1997-09-15T00:00:00Z', vt: '2011-09-14T00:00:00Z',
    }]);
    const d = await db.read("MATCH (d:Domain {key: 'google.com'}) RETURN toString(d.createdAt) AS c, d.registrarName AS r", {}, { caller: 'test' });
    expect(d).toEqual([{ c: '1997-09-15T00:00:00.000Z', r: 'MARKMONITOR INC.' }]);
  });

  it('RDAP, ARIN raw HTTP responses and ipwhois JSON all import; every IP gets its most specific prefix', async () => {
    for (const f of [
      'rdap/openrdap-rdap__rdap.nic.cz__domain-example.cz.json', 'rdap/openrdap-rdap__rdap.nic.cz__nameserver-ns2.pipni.cz.json',
      'asn_ip/nicinfo__recorded_responses_autnum_703.txt', 'asn_ip/nicinfo__recorded_responses_ip_108_45_128_208.txt',
      'asn_ip/ipwhois__tests_whois.json',
    ]) {
      const s = await importFile(db, conformanceFile(f), opts);
      expect({ f, rejects: s.rejects, status: s.status }).toEqual({ f, rejects: 0, status: 'imported' });
    }
    const asns = await db.read('MATCH (a:ASN) RETURN a.key AS k ORDER BY a.number', {}, { caller: 'test' });
    expect(asns.map((r) => r.k)).toEqual(expect.arrayContaining(['AS701', 'AS702', 'AS703', 'AS704', 'AS705']));
    const link = await linkIpsToPrefixes(db, { batchSize: 100 });
    expect(link.prefixes).toBeGreaterThan(0);
    // Every IP inside an imported prefix now has exactly one derived IN_PREFIX link to the most specific.
    const check = await db.read(
      `MATCH (i:IP)-[r:IN_PREFIX]->(p:Prefix) WHERE 'derived:longest-prefix-match' IN r.sources
       WITH i, count(p) AS n RETURN max(n) AS most, count(i) AS ips`,
      {}, { caller: 'test' },
    );
    expect(check[0].most).toBe(1);
    expect(Number(check[0].ips)).toBe(link.linked + link.relinked + link.unchanged);
    const again = await linkIpsToPrefixes(db, { batchSize: 100 });
    expect([again.linked, again.relinked]).toEqual([0, 0]);
  });
});

describe('case files', () => {
  beforeAll(() => resetDb(db));

  it('round trip: every relationship comes back with its sources and confidence', async () => {
    const s = await importCaseFile(db, CASE, caseOpts);
    expect(s.status).toBe('imported');
    const reg = await db.read(
      `MATCH (:Domain {key: 'trump-email.com'})-[r:REGISTERED_BY]->(o:Organization)
       RETURN o.key AS org, r.sources AS sources, r.srcConf AS conf, r.confidence AS c`,
      {}, { caller: 'test' },
    );
    expect(reg).toHaveLength(1);
    expect(reg[0].org).toBe('trump-organization');
    expect(reg[0].sources).toContain('doc:erratasec-2016');
    expect(reg[0].c).toBe(90);
    // Uncertain facts stay uncertain: Alfa Bank operating its resolvers is inferred from reverse names.
    const alfa = await db.read(
      "MATCH (o:Organization)-[r:OPERATES]->(:IP {key: '217.12.96.15'}) RETURN o.key AS org, r.confidence AS c",
      {}, { caller: 'test' },
    );
    expect(alfa[0].c).toBeLessThanOrEqual(50);
    // Each relationship of the file is in the graph with one provenance slot per cited source.
    const rels = await db.read(
      `MATCH ()-[r]->() WHERE any(s IN r.sources WHERE s STARTS WITH 'doc:') RETURN sum(size([s IN r.sources WHERE s STARTS WITH 'doc:'])) AS slots`,
      {}, { caller: 'test' },
    );
    expect(rels[0].slots).toBe(47);
    const counts = await db.read(
      `MATCH (c:Case {key: 'case:2016-mail1-trump-email'})-[:CONTAINS]->(x)
       RETURN labels(x)[0] AS l, count(*) AS n ORDER BY l`,
      {}, { caller: 'test' },
    );
    expect(counts).toEqual([
      { l: 'Claim', n: 28 }, { l: 'Event', n: 22 }, { l: 'Evidence', n: 20 }, { l: 'Hypothesis', n: 4 },
    ]);
    const conflict = await db.read(
      `MATCH (c:Claim)-[:ABOUT]->(:IP {key: '66.216.133.29'}) WHERE c.attribute = 'location'
       MATCH (c)-[:CITES]->(s:Source) RETURN c.value AS v, s.key AS s ORDER BY v`,
      {}, { caller: 'test' },
    );
    expect(conflict.length).toBe(2);
    expect(new Set(conflict.map((r) => r.v)).size).toBe(2);
  });

  it('a second import of the same file changes nothing', async () => {
    const before = await nodeCount();
    const rels = await triples();
    expect((await importCaseFile(db, CASE, caseOpts)).status).toBe('unchanged');
    expect(await nodeCount()).toBe(before);
    expect(await triples()).toEqual(rels);
  });

  it('a second source for the same fact is kept beside the first, and a conflicting claim beside its rival', async () => {
    const file = path.join(tmp, 'second.yaml');
    writeFileSync(file, `case:
  id: second-opinion
  title: A second reporter
  summary: Another account of two facts.
  created: 2026-11-27
sources:
  - { id: other-paper, kind: report, title: Another paper, date: 2017-01, reliability: 40 }
entities:
  - { kind: Organization, name: Listrak }
  - { kind: IP, name: 66.216.133.29 }
relationships:
  - from: Organization:listrak
    type: OPERATES
    to: IP:66.216.133.29
    sources: [{ source: other-paper, confidence: 40 }]
claims:
  - { id: loc, subject: IP:66.216.133.29, attribute: location, value: Boca Raton FL, source: other-paper, confidence: 30 }
`);
    const s = await importCaseFile(db, file, caseOpts);
    expect(s.status).toBe('imported');
    const op = await db.read(
      "MATCH (:Organization {key: 'listrak'})-[r:OPERATES]->(:IP {key: '66.216.133.29'}) RETURN r.sources AS s, r.srcConf AS c, r.confidence AS max",
      {}, { caller: 'test' },
    );
    expect(op).toHaveLength(1);
    expect(op[0].s).toContain('doc:other-paper');
    expect((op[0].s as string[]).length).toBeGreaterThanOrEqual(2);
    expect(op[0].max).toBe(90);
    const claims = await db.read(
      "MATCH (c:Claim)-[:ABOUT]->(:IP {key: '66.216.133.29'}) WHERE c.attribute = 'location' RETURN c.value AS v ORDER BY v",
      {}, { caller: 'test' },
    );
    expect(claims.map((r) => r.v)).toContain('Boca Raton FL');
    expect(claims.length).toBe(3);
  });

  it('bad files give every error with file, line and field, and write nothing', async () => {
    const before = await nodeCount();
    const cases: [string, string, RegExp][] = [
      ['syntax.yaml', 'case:\n  id: x\n  title: [unclosed\n', /syntax\.yaml:\d+:\d+/],
      ['unknown-field.yaml', 'case: { id: x, title: t, summary: s, created: 2020-01-01 }\nsources: []\nbogus: 1\n', /unknown-field\.yaml:3:\d+: .*bogus/],
      ['unknown-type.yaml', `case: { id: x, title: t, summary: s, created: 2020-01-01 }
sources: [{ id: s1, kind: report, title: t, reliability: 50 }]
entities: [{ kind: Organization, name: A }, { kind: Organization, name: B }]
relationships:
  - { from: Organization:a, type: SENDS_EMAIL_TO, to: Organization:b, sources: [{ source: s1, confidence: 50 }] }
`, /unknown-type\.yaml:5:\d+: relationships\[0\]\.type/],
      ['bad-date.yaml', `case: { id: x, title: t, summary: s, created: 2020-13-01 }\nsources: []\n`, /bad-date\.yaml:1:\d+: case\.created/],
    ];
    for (const [name, text, re] of cases) {
      const f = path.join(tmp, name);
      writeFileSync(f, text);
      await expect(importCaseFile(db, f, caseOpts)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(re) });
    }
    expect(await nodeCount()).toBe(before);
  });
});
