// WHOIS from every registry in the corpus, RDAP from the RIRs and with RFC 9537 redactions, and
// DNS UPDATE / NOTIFY / mDNS announcements from captures, end to end against real Neo4j: formats
// detected from content, facts and their properties in the graph, re-import changes nothing, and
// --strict stops on an impossible date before writing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { CONFORMANCE_DIR, conformanceFile, hasConformance } from '../../support/conformance.ts';
import { importFile, type ImportOptions } from '../../../server/src/importers/pipeline/import-file.ts';
import { ethernet, ipv4, pcapFile, udp } from '../../unit/importers-binary/support/capture-builder.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-registry-formats-'));
const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({ batchSize: 500, writers: 2, flushAt: 2000, reportDir: path.join(tmp, 'reports'), ...o });
afterAll(() => db.close());

const u16 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
const name = (n: string) => Buffer.concat([...n.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
function updatePcap(): string {
  const upd = Buffer.concat([
    u16(0x51), u16(5 << 11), u16(1), u16(0), u16(1), u16(0), name('corp.example'), u16(6), u16(1),
    name('printer.corp.example'), u16(1), u16(1), u32(300), u16(4), Buffer.from([192, 0, 2, 99]),
  ]);
  const ok = Buffer.concat([u16(0x51), u16(0x8000 | (5 << 11)), u16(1), u16(0), u16(0), u16(0), name('corp.example'), u16(6), u16(1)]);
  const pkt = (src: string, dst: string, sp: number, dp: number, p: Buffer) => ethernet(0x0800, ipv4(src, dst, 17, udp(sp, dp, p)));
  const file = path.join(tmp, 'update.pcap');
  writeFileSync(file, pcapFile(1, [
    { sec: 1700000000, frac: 0, data: pkt('10.9.0.7', '10.9.0.53', 40001, 53, upd) },
    { sec: 1700000000, frac: 1000, data: pkt('10.9.0.53', '10.9.0.7', 53, 40001, ok) },
  ]));
  return file;
}

async function counts(): Promise<string> {
  const r = await db.read(
    `MATCH (n) WHERE NOT n:Migration AND NOT n:ImportLedger
     OPTIONAL MATCH (n)-[r]->() WITH n, count(r) AS out
     RETURN count(n) AS nodes, sum(out) AS rels`, {}, { caller: 'test' });
  return JSON.stringify(r);
}

describe.skipIf(!hasConformance)('registry answers and DNS changes in the graph', () => {
  beforeAll(() => resetDb(db));
  const whois = () => readdirSync(path.join(CONFORMANCE_DIR, 'whois')).filter((f) => f.endsWith('.txt')).sort();
  const rdap = () => readdirSync(path.join(CONFORMANCE_DIR, 'rdap')).filter((f) => !f.startsWith('openrdap')).sort();

  it('imports every WHOIS answer and every new RDAP answer, detected from content, without rejects', async () => {
    for (const f of whois()) {
      const s = await importFile(db, conformanceFile(`whois/${f}`), opts());
      expect([f, s.format, s.rejects]).toEqual([f, 'whois', 0]);
    }
    for (const f of rdap()) {
      const s = await importFile(db, conformanceFile(`rdap/${f}`), opts());
      expect([f, s.format, s.rejects]).toEqual([f, 'rdap', 0]);
    }
    const uk = await db.read(
      `MATCH (d:Domain {key: 'amazon.co.uk'})-[r:REGISTRAR]->(o:Organization)
       RETURN d.createdAtPrecision AS p, d.createdAtBound AS b, toString(d.createdAt) AS c, o.url AS url, r.srcRef AS ref`, {}, { caller: 'test' });
    expect(uk).toEqual([{ p: 'month', b: 'before', c: '1996-08-01T00:00:00.000Z', url: 'http://www.amazon.com', ref: ['python-whois__test_samples_whois_amazon.co.uk.txt:9'] }]);
    const reseller = await db.read(`MATCH (:Domain {key: 'app.nl'})-[:RESELLER]->(o) RETURN o.key AS k`, {}, { caller: 'test' });
    expect(reseller).toEqual([{ k: 'hoasted' }]);
    const icann = await db.read(
      `MATCH (o:Organization {key: 'internet-corporation-for-assigned-names-and-numbers'}) RETURN o.redactedFields AS f, o.country AS c`, {}, { caller: 'test' });
    expect(icann).toEqual([{ f: ['address', 'city', 'email', 'fax', 'handle', 'name', 'phone', 'postalCode'], c: 'US' }]);
    const prefixes = await db.read(`MATCH (p:Prefix) RETURN count(p) AS n`, {}, { caller: 'test' });
    expect(Number(prefixes[0].n)).toBe(14); // 13 from the five RIRs' answers, 1 from RIPE 130.59.0.0/16
  }, 1_200_000); // 23 imports; on a loaded shared machine each takes seconds

  it('a DNS UPDATE is an UPDATED fact with its source, not a lookup; the mDNS announcements of wikipedia.pcap are ANNOUNCED', async () => {
    const s = await importFile(db, updatePcap(), opts());
    expect([s.format, s.rejects]).toEqual(['pcap', 0]);
    const rows = await db.read(
      `MATCH (c:IP {key: '10.9.0.7'})-[r:UPDATED]->(h:Host {key: 'printer.corp.example'})
       RETURN r.count AS count, r.added AS added, r.rcode AS rcode, r.sources AS sources, r.srcRef AS ref`, {}, { caller: 'test' });
    expect(rows).toEqual([{ count: 1, added: ['A 192.0.2.99'], rcode: 'NOERROR', sources: [s.sourceKey], ref: ['update.pcap:1'] }]);
    const queried = await db.read(`MATCH (:IP {key: '10.9.0.7'})-[r:QUERIED]->() RETURN count(r) AS n`, {}, { caller: 'test' });
    expect(Number(queried[0].n)).toBe(0);
    const w = await importFile(db, conformanceFile('pcap/zeek__Traces_wikipedia.pcap'), opts());
    expect(w.rejects).toBe(0);
    const ann = await db.read(`MATCH (i:IP)-[r:ANNOUNCED]->(h:Host) RETURN i.key AS ip, h.key AS host, r.values AS v ORDER BY ip`, {}, { caller: 'test' });
    expect(ann).toEqual([
      { ip: '141.142.220.50', host: 'gemini._sftp-ssh._tcp.local', v: ['gemini.local'] },
      { ip: 'fe80::217:f2ff:fed7:cf65', host: 'gemini._sftp-ssh._tcp.local', v: ['gemini.local'] },
    ]);
  }, 300_000);

  it('re-importing every file changes nothing', async () => {
    const before = await counts();
    for (const f of [...whois().map((x) => `whois/${x}`), ...rdap().map((x) => `rdap/${x}`), 'pcap/zeek__Traces_wikipedia.pcap']) {
      expect([f, (await importFile(db, conformanceFile(f), opts())).status]).toEqual([f, 'unchanged']);
    }
    expect((await importFile(db, path.join(tmp, 'update.pcap'), opts())).status).toBe('unchanged');
    expect(await counts()).toBe(before);
  }, 300_000);

  it('--strict stops on an impossible WHOIS date and writes nothing from the file', async () => {
    const file = path.join(tmp, 'odd.whois');
    writeFileSync(file, 'Domain Name: strict-odd.example\nRegistrar: Example Registrar, LLC\nCreation Date: 31.02.2019\n');
    await expect(importFile(db, file, opts({ strict: true }))).rejects.toThrow(/odd\.whois:3.*day 31 is out of range/);
    const d = await db.read(`MATCH (d:Domain {key: 'strict-odd.example'}) RETURN count(d) AS n`, {}, { caller: 'test' });
    expect(Number(d[0].n)).toBe(0);
    const lenient = await importFile(db, file, opts());
    expect([lenient.rejects, lenient.firstRejects]).toEqual([1, [{ ref: 3, reason: 'Creation Date "31.02.2019": day 31 is out of range for 2019-02; field left out' }]]);
  }, 120_000);
});
