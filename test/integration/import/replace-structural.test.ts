// `--replace` must leave the graph that importing the new version in the first place would have
// given. A host's SUBDOMAIN_OF edge is structural: it keeps the provenance of the file that first
// named the host, and later files add no slot. Replacing that first file with a version that no
// longer names the host must not take the edge away while another file still names it, and must
// not leave behind Domain nodes nothing names any more.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importOneWith } from '../../support/import-one.ts';
import { importCaseFile } from '../../../server/src/importers/case/import-case.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-replace-'));
const one = importOneWith(db, tmp);
afterAll(() => db.close());
beforeEach(() => resetDb(db));

// A second name column: the same bytes read with another --map name other hosts, which is how
// one file's import gets replaced (sources are keyed by content, so an edited file is a new source).
const header = 'timestamp,hostname,query_originator_ip,referrer\n';
const csv = (file: string, hosts: string[], client: string, referrer = 'fresh.new-a.net') => {
  writeFileSync(file, header + hosts.map((h, i) => `2016-05-0${1 + (i % 9)}T10:00:0${i % 10}Z,${h},${client},${referrer}\n`).join(''));
  utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01'));
};
const reread = { map: { qname: 'referrer' } };

/** Nodes and structural edges with their provenance, independent of write order. */
async function structure(): Promise<string> {
  const nodes = await db.read('MATCH (n) WHERE n:Host OR n:Domain OR n:IP RETURN labels(n)[0] AS l, n.key AS k ORDER BY l, k', {}, { caller: 'test' });
  // A slot whose Source is gone shows as such, so an edge left on a removed file's word cannot pass.
  const subs = await db.read(
    `MATCH (h:Host)-[r:SUBDOMAIN_OF]->(d:Domain)
     RETURN h.key AS h, d.key AS d, size(r.sources) AS slots,
            [k IN r.sources | coalesce(COLLECT { MATCH (s:Source {key: k}) RETURN s.name }[0], 'gone ' + k)] AS names,
            r.srcRef AS refs ORDER BY h`,
    {}, { caller: 'test' },
  );
  return JSON.stringify({ nodes, subs });
}

describe('--replace and structural SUBDOMAIN_OF edges', () => {
  it('a host another file still names keeps its SUBDOMAIN_OF, on that file\'s word; names no file gives any more go', async () => {
    const a = path.join(tmp, 'a.csv');
    const b = path.join(tmp, 'b.csv');
    // a names the shared hosts first, plus one only it names (on a domain only it names). The
    // registered domain looked up itself is a Host and a Domain with no edge between them.
    csv(a, ['mail1.shared-co.com', 'www.shared-co.com', 'shared-co.com', 'bare-co.com', 'solo.only-a.org'], '192.0.2.1');
    csv(b, ['mail1.shared-co.com', 'www.shared-co.com', 'shared-co.com', 'bare-co.com'], '192.0.2.2');
    await one(a);
    await one(b);
    // Read again with another --map, a names neither the shared hosts nor its own old one.
    expect((await one(a, { ...reread, replace: true })).status).toBe('replaced');
    const replaced = await structure();

    const sub = await db.read(
      "MATCH (h:Host {key: 'mail1.shared-co.com'}) OPTIONAL MATCH (h)-[:SUBDOMAIN_OF]->(d:Domain) RETURN d.key AS d",
      {}, { caller: 'test' },
    );
    expect(sub).toEqual([{ d: 'shared-co.com' }]);

    // The graph of importing b and a read the new way into an empty store (they share no host, so
    // their order does not matter; the three-file case below is the one where it does).
    await resetDb(db);
    await one(b);
    await one(a, reread);
    expect(replaced).toBe(await structure());
  }, 120_000);

  it('a host whose every naming file was replaced in turn goes, with its domain, as in a store that never held them', async () => {
    const a = path.join(tmp, 'a2.csv');
    const b = path.join(tmp, 'b2.csv');
    csv(a, ['mail1.shared-co.com', 'shared-co.com', 'solo.only-a.org'], '192.0.2.1', 'fresh.new-a.net');
    csv(b, ['mail1.shared-co.com', 'shared-co.com'], '192.0.2.2', 'fresh.new-b.net');
    await one(a);
    await one(b);
    // a is replaced first: the shared host lives on b's word. Then b, a source added after the
    // host was: nothing names the host any more.
    await one(a, { ...reread, replace: true });
    await one(b, { ...reread, replace: true });
    const replaced = await structure();
    expect(replaced).not.toMatch(/shared-co\.com|only-a\.org/);

    await resetDb(db);
    await one(a, reread);
    await one(b, reread);
    expect(replaced).toBe(await structure());
  }, 120_000);

  it('an address only the replaced file named goes, though prefix linking gave it an IN_PREFIX edge', async () => {
    const table = path.join(tmp, 'ip2asn.tsv');
    writeFileSync(table, '192.0.2.0\t192.0.2.255\t64500\tUS\tEXAMPLE-NET - Example Networks\n');
    utimesSync(table, new Date('2020-01-01'), new Date('2020-01-01'));
    const a = path.join(tmp, 'a3.csv');
    // The new reading of a names other clients: the referrer column is read as the client.
    const other = { map: { client: 'referrer', qname: 'hostname' } };
    writeFileSync(a, header + '2016-05-01T10:00:00Z,www.shared-co.com,192.0.2.7,192.0.2.9\n');
    utimesSync(a, new Date('2020-01-01'), new Date('2020-01-01'));
    await one(table, { format: 'asn-table' });
    await one(a, { linkPrefixes: true });
    const linked = await db.read("MATCH (:IP {key: '192.0.2.7'})-[:IN_PREFIX]->(p) RETURN p.key AS p", {}, { caller: 'test' });
    expect(linked).toHaveLength(1);
    await one(a, { ...other, replace: true, linkPrefixes: true });
    const replaced = await structure();
    expect(replaced).not.toMatch(/192\.0\.2\.7/);

    await resetDb(db);
    await one(table, { format: 'asn-table' });
    await one(a, { ...other, linkPrefixes: true });
    expect(replaced).toBe(await structure());
  }, 120_000);

  it('of the files still naming a host, the oldest carries its SUBDOMAIN_OF, whatever order the others came in', async () => {
    const [a, b, c] = ['a4.csv', 'b4.csv', 'c4.csv'].map((n) => path.join(tmp, n));
    csv(a, ['mail1.shared-co.com'], '192.0.2.1', 'fresh.new-a.net');
    csv(b, ['mail1.shared-co.com'], '192.0.2.2');
    csv(c, ['mail1.shared-co.com'], '192.0.2.3');
    await one(a);
    await one(b);
    await one(c);
    await one(a, { ...reread, replace: true });
    const replaced = await structure();
    expect(replaced).toMatch(/"h":"mail1.shared-co.com","d":"shared-co.com","slots":1,"names":\["b4.csv"\],"refs":\["b4.csv"\]/);

    await resetDb(db);
    for (const [f, o] of [[b, {}], [c, {}], [a, reread]] as const) await one(f, o);
    expect(replaced).toBe(await structure());
  }, 120_000);

  const caseFile = (name: string, body: string) => {
    const file = path.join(tmp, name);
    writeFileSync(file, `case:
  id: ${name.replace('.yaml', '')}
  title: A reporter's names
  summary: Names a case file states.
  created: 2026-11-27
sources:
  - { id: paper, kind: report, title: A paper, date: 2017-01, reliability: 60 }
${body}`);
    return file;
  };
  const caseOpts = { batchSize: 500, writers: 2, reportDir: path.join(tmp, 'reports') };

  it('a host a case file named first, with no fact, stays when the log that looked it up is removed', async () => {
    // A prop of that name is the case's own word, not the node's creator: it must not replace it.
    const c = caseFile('entity-only.yaml', 'entities:\n  - { kind: Host, name: entity.shared-co.com, props: { addedBy: J. Smith } }\n');
    const a = path.join(tmp, 'a5.csv');
    csv(a, ['entity.shared-co.com'], '192.0.2.1', 'fresh.new-a.net');
    expect((await importCaseFile(db, c, caseOpts)).status).toBe('imported');
    await one(a);
    await one(a, { ...reread, replace: true });
    const replaced = await structure();
    expect(replaced).toMatch(/"h":"entity.shared-co.com","d":"shared-co.com","slots":1,"names":\["entity-only.yaml"\]/);
    const creator = await db.read("MATCH (h:Host {key: 'entity.shared-co.com'}) RETURN h.addedBy AS by", {}, { caller: 'test' });
    expect(creator).toEqual([{ by: 'case:entity-only:entity-only.yaml' }]);

    await resetDb(db);
    await importCaseFile(db, c, caseOpts);
    await one(a, reread);
    expect(replaced).toBe(await structure());
  }, 120_000);

  it('a host a log named first and a case file cites keeps its SUBDOMAIN_OF on the word of that case file, not an older one citing the same paper', async () => {
    const older = caseFile('older.yaml', `entities:
  - { kind: IP, name: 198.51.100.9 }
claims:
  - { id: loc, subject: IP:198.51.100.9, attribute: location, value: Nowhere, source: paper, confidence: 30 }
`);
    const a = path.join(tmp, 'a6.csv');
    csv(a, ['cited.shared-co.com'], '192.0.2.1', 'fresh.new-a.net');
    const c = caseFile('cites.yaml', `entities:
  - { kind: Host, name: cited.shared-co.com }
  - { kind: IP, name: 198.51.100.5 }
relationships:
  - from: Host:cited.shared-co.com
    type: RESOLVES_TO
    to: IP:198.51.100.5
    sources: [{ source: paper, confidence: 60 }]
`);
    expect((await importCaseFile(db, older, caseOpts)).status).toBe('imported');
    await one(a);
    expect((await importCaseFile(db, c, caseOpts)).status).toBe('imported');
    await one(a, { ...reread, replace: true });
    const replaced = await structure();
    expect(replaced).toMatch(/"h":"cited.shared-co.com","d":"shared-co.com","slots":1,"names":\["cites.yaml"\],"refs":\["cites.yaml"\]/);

    await resetDb(db);
    await importCaseFile(db, older, caseOpts);
    await one(a, reread);
    await importCaseFile(db, c, caseOpts);
    expect(replaced).toBe(await structure());
  }, 120_000);
});
