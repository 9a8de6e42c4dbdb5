// An edge batch that outgrows the server's memory for one transaction (db.memory.transaction.max,
// a quarter of the heap) is written in halves instead of failing the import on every re-run; so is
// a batch of new nodes, which at this heap does not fit at the default batch size. Hourly
// files of the same pairs make every lookup edge gain a provenance slot per file, as hourly-rotated
// Zeek logs do; on a store with a 256 MB heap (64 MB per transaction) one batch of all the pairs soon
// does not fit. The graph must equal an import of the same files in batches small enough to fit,
// and nothing may be counted twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbedded, stopEmbedded, type EmbeddedOptions } from '../../../server/src/db/embedded/index.ts';
import { Database } from '../../../server/src/db/database.ts';
import { applyMigrations } from '../../../server/src/db/migrations.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';
import { writeHourlyRepeats } from '../../../bench/gen/hourly-repeats.ts';
import { testEmbeddedOptions } from '../../support/embedded.ts';

// About 0.8 KB of transaction memory per slot of a known pair's update: 5,000 rows stop fitting
// in 64 MB at about 16 slots (and 5,000 new Host nodes still fit).
const PAIRS = 5000, HOURS = 20;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-txmem-'));
const t = { caller: 'test' };
let o: EmbeddedOptions;
let db: Database;

beforeAll(async () => {
  o = testEmbeddedOptions({ repoRoot: REPO_ROOT, home: path.join(tmp, 'neo4j'), boltPort: await freePort(), passwordFile: path.join(tmp, 'neo4j-password'), heapMb: 256, pageCacheMb: 64, startTimeoutMs: 600_000 });
  const s = await startEmbedded(o, 'detached');
  db = new Database({ uri: s.uri, user: 'neo4j', password: s.password, database: 'neo4j', txTimeoutMs: 600_000 });
  await applyMigrations(db, REPO_ROOT);
}, 900_000);

afterAll(async () => {
  await db?.close();
  if (o) await stopEmbedded(o);
  rmSync(tmp, { recursive: true, force: true });
});

const lookups = async () => (await db.read(
  `MATCH (a:IP)-[r:QUERIED]->(b:Host) WITH a, b, r ORDER BY a.key, b.key
   RETURN collect([a.key, b.key, r.count, toString(r.firstSeen), toString(r.lastSeen), r.sources, r.srcCount, r.srcRef]) AS all,
          count(r) AS edges, sum(r.count) AS lookups, max(size(r.sources)) AS slots`, {}, t))[0];

const clear = async () => {
  // Small deletes, edges first: 10,000 nodes with their many-slot edges do not fit in 64 MB, and
  // even 100 nodes with theirs once did not after a halved import.
  while (Number((await db.write('MATCH ()-[r]->() WITH r LIMIT 1000 DELETE r RETURN count(*) AS n', {}, t))[0].n) > 0);
  while (Number((await db.write('MATCH (n) WHERE NOT n:Migration WITH n LIMIT 1000 DELETE n RETURN count(*) AS n', {}, t))[0].n) > 0);
};

const nodes = async () => (await db.read(
  `MATCH (n) WHERE n:IP OR n:Host OR n:Domain
   OPTIONAL MATCH (n)-[s:SUBDOMAIN_OF]->(d:Domain)
   WITH n, d, s ORDER BY n.key
   RETURN collect([labels(n)[0], n.key, n.name, d.key, s.sources]) AS all, count(n) AS n`, {}, t))[0];

const hourFiles = Array.from({ length: HOURS }, (_, h) => path.join(tmp, `dns.${h}.log`));

describe('an edge batch over the transaction memory limit', () => {
  it('is written in halves, and the graph equals an import in batches that fit', async () => {
    hourFiles.forEach((f, h) => writeHourlyRepeats(f, PAIRS, h));
    const base = { writers: 1, flushAt: 100_000, linkPrefixes: false };

    const notes: string[] = [];
    for (const f of hourFiles) {
      const r = await importFiles(db, [f], { ...base, batchSize: PAIRS, reportDir: path.join(tmp, 'r1') });
      expect(r.failures).toEqual([]);
      notes.push(...r.summaries[0].notes);
    }
    expect(notes.some((n) => /^\d+ edge batch\(es\) outgrew the database's memory/.test(n))).toBe(true);
    const halved = await lookups();
    expect(Number(halved.edges)).toBe(PAIRS);
    expect(Number(halved.lookups)).toBe(PAIRS * HOURS);
    expect(Number(halved.slots)).toBe(HOURS);

    await clear();
    for (const f of hourFiles) {
      const r = await importFiles(db, [f], { ...base, batchSize: 1000, reportDir: path.join(tmp, 'r2') });
      expect(r.failures).toEqual([]);
      expect(r.summaries[0].notes.filter((n) => n.includes('written in halves'))).toEqual([]);
    }
    expect((await lookups()).all).toEqual(halved.all);
  }, 1_800_000);

  it("lets --replace take one file's slot off edges with many slots", async () => {
    // The store holds the hourly edges of the case above (20 slots each). Replacing one hour's file
    // removes its slot from every edge in transactions of its own, then imports the file anew.
    const before = await lookups();
    const r = await importFiles(db, [hourFiles[3]], { writers: 1, flushAt: 100_000, linkPrefixes: false, batchSize: 1000, replace: true, reportDir: path.join(tmp, 'r3') });
    expect(r.failures).toEqual([]);
    expect(r.summaries[0].status).toBe('replaced');
    const after = await lookups();
    expect(Number(after.edges)).toBe(PAIRS);
    expect(Number(after.lookups)).toBe(Number(before.lookups));
    expect(Number(after.slots)).toBe(HOURS);
  }, 900_000);

  it('holds for new nodes too: a first import at the default batch size', async () => {
    await clear();
    // 20,000 names never seen: the default batch of 10,000 new Host nodes (with their SUBDOMAIN_OF)
    // does not fit in 64 MB, and before the halving every re-run failed the same way.
    const file = writeHourlyRepeats(path.join(tmp, 'dns.nodes.log'), 20_000, 0);
    const base = { writers: 1, flushAt: 100_000, linkPrefixes: false };
    const big = await importFiles(db, [file], { ...base, batchSize: 10_000, reportDir: path.join(tmp, 'n1') });
    expect(big.failures).toEqual([]);
    expect(big.summaries[0].notes.some((n) => /^\d+ node batch\(es\) outgrew the database's memory/.test(n))).toBe(true);
    const halvedNodes = await nodes();
    const halvedLookups = await lookups();
    expect(Number(halvedNodes.n)).toBe(20_000 + 2000 + 97);
    expect(Number(halvedLookups.lookups)).toBe(20_000);

    await clear();
    const small = await importFiles(db, [file], { ...base, batchSize: 1000, reportDir: path.join(tmp, 'n2') });
    expect(small.failures).toEqual([]);
    expect(small.summaries[0].notes.filter((n) => n.includes('written in halves'))).toEqual([]);
    expect((await nodes()).all).toEqual(halvedNodes.all);
    expect((await lookups()).all).toEqual(halvedLookups.all);
  }, 900_000);
});
