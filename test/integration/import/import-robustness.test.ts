// Issue 16 (import side) and issue 13 item 6, end to end against real Neo4j through the import
// front door: a file read with the wrong options can be imported again; damaged input keeps its
// good lines; a live log's half-written last line waits for the rest; two imports started at the
// same time by two real CLI processes give the graph of running them one after the other.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { REPO_ROOT } from '../../support/conformance.ts';
import { importOneWith } from '../../support/import-one.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-robust-'));
const one = importOneWith(db, tmp);
afterAll(() => db.close());

/** The graph as a string, provenance slots sorted by source so import order does not matter. */
async function fingerprint(): Promise<string> {
  const nodes = await db.read('MATCH (n) WHERE n:Host OR n:IP OR n:Domain RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l', {}, { caller: 'test' });
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WHERE type(r) IN ['QUERIED','RESOLVES_TO','ALIAS_OF','SUBDOMAIN_OF','NAME_SERVER','MAIL_SERVER','PTR']
     WITH type(r) AS t, a.key AS a, b.key AS b, r ORDER BY t, a, b
     RETURN collect([t, a, b, r.count, toString(r.firstSeen), toString(r.lastSeen),
                     apoc.coll.sort([i IN range(0, size(r.sources) - 1) | r.sources[i] + '|' + r.srcCount[i] + '|' + r.srcRef[i]]),
                     reduce(s = 0, x IN coalesce(r.bucketCounts, []) | s + x)]) AS all`,
    {}, { caller: 'test' },
  );
  return JSON.stringify([nodes, rels]);
}

const header = 'timestamp,hostname,query_originator_ip\n';
const line = (i: number) => `2016-05-0${1 + (i % 9)}T1${i % 10}:00:0${i % 10}Z,host${i % 7}.example.com,192.0.2.${i % 5}\n`;
const old = (file: string) => utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01'));

describe('a file imported with the wrong options can be imported again (issue 16.1)', () => {
  beforeAll(() => resetDb(db));

  it('wrong --format: every line a reject, then the right format re-imports it; other options need --replace', async () => {
    const file = path.join(tmp, 'w.log');
    await generate('zeek-tsv', 300, 5, file);
    old(file);
    const wrong = await one(file, { format: 'bind' });
    expect(wrong).toMatchObject({ status: 'imported', records: 0 });
    expect(wrong.rejects).toBeGreaterThanOrEqual(300);

    const right = await one(file, { format: 'zeek-tsv' });
    expect(right).toMatchObject({ status: 'replaced', records: 300, rejects: 0 });
    expect(right.notes.join(' ')).toMatch(/--format bind .*produced no records/);
    const clean = await fingerprint();
    expect((await one(file, { format: 'zeek-tsv' })).status).toBe('unchanged');

    // Same bytes, another source name: not silently "unchanged as before", and nothing removed without --replace.
    const other = await one(file, { format: 'zeek-tsv', sourceName: 'sensor-2' });
    expect(other.status).toBe('unchanged');
    expect(other.notes.join(' ')).toMatch(/other options .*--replace/);
    const replaced = await one(file, { format: 'zeek-tsv', sourceName: 'sensor-2', replace: true });
    expect(replaced).toMatchObject({ status: 'replaced', records: 300 });
    expect(await fingerprint()).toBe(clean);
    const src = await db.read('MATCH (s:Source) RETURN s.name AS name', {}, { caller: 'test' });
    expect(src).toEqual([{ name: 'sensor-2' }]);
  });

  it('--replace of one source keeps what another source says about the same edges', async () => {
    await resetDb(db);
    const a = path.join(tmp, 'a.csv');
    const b = path.join(tmp, 'b.csv');
    writeFileSync(a, header + Array.from({ length: 40 }, (_, i) => line(i)).join(''));
    writeFileSync(b, header + Array.from({ length: 40 }, (_, i) => line(i + 3)).join(''));
    old(a); old(b);
    await one(b);
    const onlyB = await fingerprint();
    await one(a);
    expect(await fingerprint()).not.toBe(onlyB);
    // Replacing a with itself read under another name: a's slot is removed first, then re-added.
    await one(a, { sourceName: 'a-again', replace: true });
    const lookups = await db.read('MATCH ()-[r:QUERIED]->() RETURN sum(r.count) AS n, sum(size(r.sources)) AS slots', {}, { caller: 'test' });
    expect(Number(lookups[0].n)).toBe(80);
  });
});

describe('damaged input keeps its good lines (issue 16.5)', () => {
  beforeAll(() => resetDb(db));

  it('a truncated .gz imports every line before the cut and reports the cut as a reject', async () => {
    const text = header + Array.from({ length: 3000 }, (_, i) => line(i)).join('');
    const gz = gzipSync(text);
    const file = path.join(tmp, 'cut.csv.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)));
    const s = await one(file);
    expect(s.status).toBe('imported');
    expect(s.records).toBeGreaterThan(100);
    expect(s.rejects).toBe(1);
    expect(s.firstRejects[0].reason).toMatch(/compressed data ends early/);
    const led = await db.read('MATCH (l:ImportLedger {key: $k}) RETURN l.status AS s', { k: (await sha(file)) }, { caller: 'test' });
    expect(led).toEqual([{ s: 'done' }]);
  });

  it('a line over the length limit is one reject; the lines around it are imported', async () => {
    const file = path.join(tmp, 'long.csv');
    writeFileSync(file, header + line(1) + `2016-05-01T10:00:00Z,${'a'.repeat(17 * 1024 * 1024)}.example.com,192.0.2.1\n` + line(2));
    old(file);
    const s = await one(file);
    expect(s).toMatchObject({ records: 2, rejects: 1 });
    expect(s.firstRejects[0]).toMatchObject({ ref: 3, reason: expect.stringMatching(/longer than/) });
  });
});

describe('a live log (issue 16.11)', () => {
  beforeAll(() => resetDb(db));

  it('holds back a half-written last line and reads it whole once the file grew', async () => {
    const file = path.join(tmp, 'live.csv');
    writeFileSync(file, header + line(0) + line(1) + '2016-05-03T12:00:00Z,host9.exa');
    const a = await one(file);
    expect(a).toMatchObject({ status: 'imported', records: 2, rejects: 0 });
    expect(a.notes.join(' ')).toMatch(/held back/);
    appendFileSync(file, 'mple.com,192.0.2.9\n' + line(3));
    const b = await one(file);
    expect(b).toMatchObject({ status: 'appended', records: 2, rejects: 0 });
    const h = await db.read("MATCH (:IP {key: '192.0.2.9'})-[r:QUERIED]->(h:Host) RETURN h.key AS h, r.count AS n", {}, { caller: 'test' });
    expect(h).toEqual([{ h: 'host9.example.com', n: 1 }]);
  });

  it('an old file without a final line end is complete: its last line is imported', async () => {
    await resetDb(db);
    const file = path.join(tmp, 'done.csv');
    writeFileSync(file, header + line(0) + line(1).trimEnd());
    old(file);
    expect(await one(file)).toMatchObject({ records: 2, rejects: 0 });
  });
});

async function sha(file: string): Promise<string> {
  return spawnSync('sha256sum', [file]).stdout.toString().split(' ')[0];
}

describe('two imports at once (issue 13.6)', () => {
  it('two CLI processes importing overlapping files at the same time give the graph of one after the other', async () => {
    const all = path.join(tmp, 'all.log');
    await generate('zeek-tsv', 12_000, 9, all);
    const lines = readFileSync(all, 'utf8').split('\n');
    const head = lines.filter((l) => l.startsWith('#') && !l.startsWith('#close'));
    const body = lines.filter((l) => l && !l.startsWith('#'));
    const a = path.join(tmp, 'first.log');
    const b = path.join(tmp, 'second.log');
    writeFileSync(a, [...head, ...body.slice(0, 8_000)].join('\n') + '\n');
    writeFileSync(b, [...head, ...body.slice(4_000)].join('\n') + '\n');
    old(a); old(b);
    const env = {
      ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent',
      INFRAGRAPH_DATA_DIR: tmp, INFRAGRAPH_IMPORT_BATCH: '300', INFRAGRAPH_IMPORT_FLUSH: '3000',
    };
    const cli = path.join(REPO_ROOT, 'bin/infragraph.mjs');

    await resetDb(db);
    const run = (f: string) => new Promise<{ code: number | null; err: string }>((resolve) => {
      const c = spawn('node', [cli, 'import', f], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      c.stderr.on('data', (d) => { err += d; });
      c.on('exit', (code) => resolve({ code, err }));
    });
    const [ra, rb] = await Promise.all([run(a), run(b)]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    // One of them waited for the other's lock, and said so.
    expect(ra.err + rb.err).toMatch(/waiting for another import/);
    const concurrent = await fingerprint();
    // Which went first decides whose provenance a shared host's SUBDOMAIN_OF carries, as it
    // would one after the other: compare with the sequential run in the same order.
    const order = await db.read('MATCH (l:ImportLedger) RETURN l.path AS p ORDER BY l.startedAt', {}, { caller: 'test' });
    const files = order.map((r) => path.join(tmp, String(r.p)));
    expect(files.sort()).toEqual([a, b].sort());

    await resetDb(db);
    expect(spawnSync('node', [cli, 'import', ...order.map((r) => path.join(tmp, String(r.p)))], { env, encoding: 'utf8' }).status).toBe(0);
    expect(concurrent).toBe(await fingerprint());
    const dup = await db.read('MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1 RETURN count(*) AS n', {}, { caller: 'test' });
    expect(Number(dup[0].n)).toBe(0);
  }, 600_000);
});
