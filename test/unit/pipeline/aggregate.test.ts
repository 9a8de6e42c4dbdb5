// The import engine against a plain reference computation, and its two ways in against each
// other: records appended by a parser and Zeek TSV read by DuckDB's CSV reader give the same
// pairs, DNS edges, nodes, rejects (file:line and reason) and notes.
import { mkdtempSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Aggregator, BUCKET_MS, type DnsEdgeAgg, type LookupAgg, type RejectInfo } from '../../../server/src/importers/pipeline/aggregate.ts';
import { loadZeekTsv } from '../../../server/src/importers/zeek/zeek-tsv-duckdb.ts';
import { pairPasses } from '../../../server/src/importers/pipeline/duckdb-pairs.ts';
import { megabytes } from '../../../server/src/importers/pipeline/duckdb-engine.ts';
import type { DnsQueryEvent } from '../../../server/src/importers/types.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'agg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirNo = 0;

interface Ref { count: number; first: number; last: number; ref: number; qt: Set<string>; rc: Set<string>; h: Map<number, number> }

function reference(events: DnsQueryEvent[]) {
  const pairs = new Map<string, Ref>();
  const dns = new Map<string, { count: number; first: number; last: number; ref: number }>();
  for (const e of events) {
    if (e.client !== undefined) {
      const k = `${e.client} ${e.qname}`;
      let r = pairs.get(k);
      if (!r) pairs.set(k, (r = { count: 0, first: Infinity, last: -Infinity, ref: e.ref, qt: new Set(), rc: new Set(), h: new Map() }));
      r.count++;
      if (e.qtype) r.qt.add(e.qtype);
      if (e.rcode) r.rc.add(e.rcode);
      if (e.ts === e.ts) {
        if (e.ts < r.first || (e.ts === r.first && e.ref < r.ref)) { r.first = e.ts; r.ref = e.ref; }
        r.last = Math.max(r.last, e.ts);
        const b = Math.floor(e.ts / BUCKET_MS);
        r.h.set(b, (r.h.get(b) ?? 0) + 1);
      }
    }
    for (const a of e.answers ?? []) {
      const k = `${a.type === 'CNAME' ? 'ALIAS_OF' : 'RESOLVES_TO'} ${a.name} ${a.value}`;
      let d = dns.get(k);
      if (!d) dns.set(k, (d = { count: 0, first: Infinity, last: -Infinity, ref: e.ref }));
      d.count++;
      if (e.ts === e.ts) {
        if (e.ts < d.first || (e.ts === d.first && e.ref < d.ref)) { d.first = e.ts; d.ref = e.ref; }
        d.last = Math.max(d.last, e.ts);
      }
    }
  }
  return { pairs, dns };
}

async function drain(agg: Aggregator) {
  await agg.finish();
  const nodes = agg.takeNewNodes();
  const lookups: LookupAgg[] = [];
  for await (const l of agg.lookups()) lookups.push(l);
  const dns: DnsEdgeAgg[] = [];
  for await (const d of agg.dnsEdges()) dns.push(d);
  // The event store's rows, answers included, as the engine hands them to the Parquet writer.
  const events = (await agg.db.rows('SELECT line, ts, client, server, qname, qtype, rcode, cnt, answers FROM evs ORDER BY line'))
    .map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v && typeof v === 'object' && 'items' in v ? (v as { items: unknown[] }).items : v)));
  await agg.cleanup();
  return { lookups, dns, nodes, events, notes: agg.notes, counters: agg.counters };
}

async function run(events: DnsQueryEvent[], histogram = true, lookupsPerPass?: number) {
  const dir = path.join(tmp, `run-${dirNo++}`);
  const agg = new Aggregator({ flushAt: 100, spillDir: dir, onChunk: () => {}, onReject: () => {}, threads: 2, histogram, lookupsPerPass });
  await agg.open();
  for (const e of events) agg.query(e);
  const out = await drain(agg);
  expect(existsSync(dir)).toBe(false);
  return out;
}

const event = fc.record({
  c: fc.integer({ min: 0, max: 30 }),
  h: fc.integer({ min: 0, max: 40 }),
  // Mostly increasing times with jumps back, and some events without a time.
  dt: fc.oneof(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: -5 * BUCKET_MS, max: 0 }), fc.constant(NaN)),
  q: fc.constantFrom('A', 'AAAA', 'MX', undefined),
  r: fc.constantFrom('NOERROR', 'NXDOMAIN', undefined),
  ans: fc.integer({ min: 0, max: 3 }),
});

type RawEvent = { c: number; h: number; dt: number; q: string | undefined; r: string | undefined; ans: number };

function toEvents(raw: RawEvent[]): DnsQueryEvent[] {
  let t = Date.UTC(2016, 6, 1);
  return raw.map((x, i) => {
    if (x.dt === x.dt) t += x.dt;
    const qname = `h${x.h}.zone${x.h % 7}.example.com`;
    const answers = x.ans === 0 ? undefined
      : x.ans === 1 ? [{ name: qname, type: 'A', value: `192.0.2.${x.h}` }]
      : [{ name: qname, type: 'CNAME', value: `edge${x.h % 3}.cdn.example.net` }, { name: `edge${x.h % 3}.cdn.example.net`, type: 'A', value: `198.51.100.${x.h % 3}` }];
    return { ts: x.dt === x.dt ? t : NaN, qname, client: x.c === 0 ? undefined : `10.0.0.${x.c}`, qtype: x.q, rcode: x.r, answers, ref: i + 1 };
  });
}

/** Aggregate a Zeek TSV file: read by DuckDB, or line by line by the parser into the appender. */
async function aggregateZeek(file: string, viaDuckDB: boolean) {
  const rejects: RejectInfo[] = [];
  const agg = new Aggregator({ flushAt: 100_000, spillDir: path.join(tmp, `z-${dirNo++}`), onChunk: () => {}, onReject: (r) => rejects.push(r), threads: 2 });
  await agg.open();
  if (viaDuckDB) {
    const z = await loadZeekTsv(agg, { file, gz: false, takePartialLast: true });
    expect(z.reason).toBeUndefined();
    expect(z.handled).toBe(true);
  } else {
    const p = createZeekTsvParser({ fileName: 'zeek.log' });
    readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').forEach((line, i) => p.line(line, i + 1, agg));
    p.end(agg);
  }
  return { ...(await drain(agg)), rejects };
}

const HEADER = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tdns'];
const FIELDS = '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected';
const zrow = (ts: string, client: string, q: string, qtype: string, rcode: string, answers: string, extra = '') =>
  `${ts}\tC\t${client}\t1\t10.0.0.53\t53\tudp\t1\t0.1\t${q}\t1\tC_INTERNET\t1\t${qtype}\t0\t${rcode}\tF\tF\tT\tT\t0\t${answers}\t-\tF${extra}`;
/** Lines SQL must set aside or normalize per distinct value, each next to a plain one. */
const ODD_LINES = [
  zrow('1704067300.000001', '10.9.9.9', 'esc\\x41ped.example.com', 'A', 'NOERROR', '192.0.2.7'),
  zrow('1704067300.000002', 'not-an-ip', 'bad.example.com', 'A', 'NOERROR', '-'),
  zrow('1704067300.000003', '10.9.9.9', '-', 'A', 'NOERROR', '-'),
  zrow('1704067300.000004', '10.9.9.9', 'one-more.example.com', 'A', 'NOERROR', '-', '\textra'),
  zrow('1704067300.000005', '10.9.9.9', 'one-less.example.com', 'A', 'NOERROR', '-').replace(/\tF$/, ''),
  zrow('1704067300.000006', '2001:DB8:0:0::1', 'UPPER.Example.COM.', 'aaaa', 'nxdomain', '-'),
  zrow('1704067300.000007', '::ffff:192.0.2.44', 'bücher.example', 'A', 'NOERROR', '192.0.2.8,not a name,b\\x2cc.example'),
  zrow('XXXXXXXXXX.XXXXXX', '10.9.9.10', 'masked.example.com', 'A', 'NOERROR', '-'),
  zrow('1.5e9', '10.9.9.10', 'exp.example.com', 'A', 'NOERROR', '-'),
  zrow('garbage', '10.9.9.10', 'badts.example.com', 'A', 'NOERROR', '-'),
  zrow('1704067300.1234567', '10.9.9.10', 'long-fraction.example.com', 'A', 'NOERROR', '-'),
  zrow('1704067300.000008', '10.9.9.11', 'bad..name.example', 'A', 'NOERROR', '-'),
  zrow('1704067300.000009', '10.9.9.11', '*.wild.example.com', '-', '-', '-'),
  zrow('1704067300.000010', '10.9.9.11', '29.133.216.66.in-addr.arpa', 'PTR', 'NOERROR', 'mail.example.net'),
  zrow('1704067300.000011', '10.9.9.11', 'a.example', 'A', 'NOERROR', '192.0.2.1,192.0.2.2'),
  zrow('1704067300.000012', '10.9.9.12', 'b.example', 'A', 'NOERROR', '192.0.2.1,192.0.2.2'),
  zrow('1704067300.000013', '10.9.9.12', 'a.example', 'MX', 'NOERROR', 'mx.example.net'),
  zrow('1704067300.000014', '10.9.9.12', 'a.example', 'A', 'NOERROR', 'mx.example.net'),
  zrow('1704067300.000015', '10.9.9.12', 'c.example', 'AAAA', 'NOERROR', 'edge.cdn.example,2001:db8::1'),
  zrow('1704067300.000016', '10.9.9.12', 'c.example.org', 'NS', 'NOERROR', 'ns1.example.org,,2001:db8::5'),
  zrow('1704067300.000017', '10.9.9.12', 'c.example.org', 'TXT', 'NOERROR', 'TXT 5 hello'),
  zrow('1704067300.000018', '10.9.9.12', 'c.example.org', 'A', 'NOERROR', '(empty)'),
  zrow('1704067300.000019', '10.9.9.12', 'c.example.org', 'A', '-', '-'),
  zrow('1704067300.000020', '-', 'no-client.example.org', 'A', 'NOERROR', '192.0.2.99'),
  // Answer sets of names (typed by the query type or as a CNAME chain), IPs not in canonical form, dropped values.
  zrow('1704067300.000021', '10.9.9.13', 'd.example', 'A', 'NOERROR', 'Alias.Example.NET.,1.2.3.04,other.example.net,192.0.2.3'),
  zrow('1704067300.000022', '10.9.9.13', 'e.example', 'SRV', 'NOERROR', 'sip.example.com,sip2.example.com'),
  zrow('1704067300.000023', '10.9.9.13', 'f.example', 'CNAME', 'NOERROR', 'g.example'),
  zrow('1704067300.000024', '10.9.9.13', 'h.example', 'A', 'NOERROR', 'bad name,i.example,::ffff:192.0.2.9'),
  zrow('1704067300.000025', '10.9.9.13', '4.3.2.1.in-addr.arpa', 'PTR', 'NOERROR', 'ptr.example.net.,ptr2.example.net'),
  zrow('1704067300.000026', '10.9.9.13', 'mx.example', 'MX', 'NOERROR', 'mx1.example.com,mx2.example.com,192.0.2.77'),
  zrow('1704067300.000027', '10.9.9.14', 'j.example', 'A', 'NOERROR', 'j1.example,j2.example,192.0.2.10'),
  zrow('1704067300.000028', '10.9.9.14', 'k.example', 'A', 'NOERROR', '*.cdn.example,1.2.3.4.,TXT 3 abc,192.0.2.11'),
  zrow('1704067300.000029', '10.9.9.14', 'd.example', 'A', 'NOERROR', 'Alias.Example.NET.,1.2.3.04,other.example.net,192.0.2.3'),
  zrow('1704067300.000030', '10.9.9.14', 'l.example', 'A', 'NOERROR', 'l.example,2001:DB8::0:1,300.1.1.1,1.2.3'),
  // IPv6 answers and clients: the usual canonical form typed in SQL, every other form by canonicalIp().
  zrow('1704067300.000033', '2001:db8:1:0:0:0:0:2', 'o.example', 'AAAA', 'NOERROR', '2001:db8::2,2001:0db8::3,2001:DB8::4,2001:db8:0:1::5,1:2:3:4:5:6:7:8,::1,1::,::'),
  zrow('1704067300.000034', '2001:db8::7', 'p.example', 'AAAA', 'NOERROR', '1:2:3:4:5:6:7::,::ffff:c000:20a,::ffff:192.0.2.11,2001:db8::0:6,fe80::1%eth0,2001:db8:1:2:3:4:5:6:7,::2:3:4:5:6:7:8,1:2:3::5:6:7:8'),
  // Codes outside the alphabet SQL takes (checked once per distinct code, not per row).
  zrow('1704067300.000031', '10.9.9.15', 'm.example', 'A', 'NO\\x45RROR', '-'),
  zrow('1704067300.000032', '10.9.9.15', 'n.example', 'straße', 'NOERROR', '-'),
  'junk',
];

describe('Aggregator (DuckDB engine)', () => {
  it('matches a reference computation on appended records', async () => {
    await fc.assert(fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 300 }), async (raw) => {
      const events = toEvents(raw);
      const want = reference(events);
      const got = await run(events);
      expect(got.lookups.length).toBe(want.pairs.size);
      for (const l of got.lookups) {
        const r = want.pairs.get(`${l.client} ${l.host}`)!;
        expect(r).toBeDefined();
        expect([l.count, l.first, l.last, l.ref]).toEqual([r.count, r.first, r.last, r.ref]);
        expect(l.qtypes).toEqual([...r.qt].sort());
        expect(l.rcodes).toEqual([...r.rc].sort());
        expect(l.buckets).toEqual([...r.h].sort((a, b) => a[0] - b[0]).flat());
      }
      expect(got.dns.length).toBe(want.dns.size);
      for (const d of got.dns) {
        const r = want.dns.get(`${d.type} ${d.from} ${d.to}`)!;
        expect([d.count, d.first, d.last, d.ref]).toEqual([r.count, r.first, r.last, r.ref]);
      }
    }), { numRuns: 15, seed: 7 });
  }, 120_000);

  it('reports a failure of the pair aggregation (second connection) or of the node lists, and waits for the other side first', async () => {
    const events = toEvents(Array.from({ length: 500 }, (_, i) => ({ c: 1 + (i % 7), h: i % 11, dt: 1000, q: 'A', r: 'NOERROR', ans: i % 3 })));
    const open = async () => {
      const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, `fail-${dirNo++}`), onChunk: () => {}, onReject: () => {}, threads: 2 });
      await agg.open();
      for (const e of events) agg.query(e);
      return agg;
    };
    const pairsFail = await open();
    const sibling = pairsFail.db.sibling.bind(pairsFail.db);
    pairsFail.db.sibling = async () => { const side = await sibling(); side.run = async () => { throw new Error('pairs failed'); }; return side; };
    await expect(pairsFail.finish()).rejects.toThrow('pairs failed');
    await pairsFail.cleanup();

    const nodesFail = await open();
    (nodesFail as unknown as { numberNodes: () => Promise<void> }).numberNodes = async () => { throw new Error('nodes failed'); };
    await expect(nodesFail.finish()).rejects.toThrow('nodes failed');
    // The pair aggregation had finished before finish() gave up: its table is whole.
    const [[n]] = await nodesFail.db.rows('SELECT sum(n)::DOUBLE FROM pb');
    expect(n).toBe(500);
    await nodesFail.cleanup();
  }, 60_000);

  it('orders pairs by (client, name) and numbers nodes in key order', async () => {
    const events = toEvents(Array.from({ length: 3000 }, (_, i) => ({ c: 1 + (i % 30), h: (i * 7) % 41, dt: 1000, q: 'A', r: 'NOERROR', ans: i % 3 })));
    const r = await run(events);
    expect(r.lookups.map((l) => l.count).reduce((a, b) => a + b, 0)).toBe(3000);
    for (let i = 1; i < r.lookups.length; i++) {
      const a = r.lookups[i - 1], b = r.lookups[i];
      expect(a.client < b.client || (a.client === b.client && a.host < b.host)).toBe(true);
    }
    expect(r.nodes.Host).toEqual([...r.nodes.Host].sort());
    expect(r.lookups[0].hid).toBe(r.nodes.Host.indexOf(r.lookups[0].host));
  }, 60_000);

  it('lists every node once: hosts with their registered domains, clients and answer addresses', async () => {
    const e = (qname: string, client: string, ref: number): DnsQueryEvent => ({ ts: 0, qname, client, ref, answers: [{ name: qname, type: 'A', value: '192.0.2.1' }] });
    const r = await run([e('mail1.trump-email.com', '217.12.96.15', 1), e('mail1.trump-email.com', '217.12.97.15', 2),
      e('mail1.trump-email.com', '217.12.96.15', 3), e('trump1.contact-client.com', '217.12.96.15', 4)]);
    expect(r.nodes).toEqual({
      Domain: ['contact-client.com', 'trump-email.com'], IP: ['192.0.2.1', '217.12.96.15', '217.12.97.15'],
      Host: ['mail1.trump-email.com', 'trump1.contact-client.com'],
    });
  }, 60_000);

  it('sums a pre-aggregated sensor\'s count into the pair and its histogram (answers count once per record)', async () => {
    const r = await run([
      { ts: 0, qname: 'a.example.com', client: '192.0.2.1', ref: 1, count: 40, answers: [{ name: 'a.example.com', type: 'A', value: '192.0.2.9' }] },
      { ts: 1000, qname: 'a.example.com', client: '192.0.2.1', ref: 2 },
    ]);
    expect([r.lookups[0].count, r.lookups[0].buckets]).toEqual([41, [0, 41]]);
    expect(r.dns[0].count).toBe(1);
  }, 60_000);

  for (const shape of ['generator', 'uniform', 'heavy'] as const) {
    it(`reads Zeek TSV with DuckDB exactly as the parser reads it (${shape} shape, odd lines, rejects)`, async () => {
      const gen = path.join(tmp, `gen-${shape}.log`);
      await generate('zeek-tsv', 4000, 5, gen, shape);
      const text = readFileSync(gen, 'utf8');
      const body = text.slice(0, text.lastIndexOf('#close'));
      const file = path.join(tmp, `zeek-${shape}.log`);
      writeFileSync(file, body + ODD_LINES.join('\n') + '\n#close\t2024-01-01-00-00-01\n');
      const sql = await aggregateZeek(file, true), parser = await aggregateZeek(file, false);
      expect(sql.lookups.length).toBeGreaterThan(500);
      expect(sql.rejects.length).toBe(7);
      expect(sql.rejects).toEqual(parser.rejects);
      expect(sql.counters).toEqual(parser.counters);
      expect(sql.notes.sort()).toEqual(parser.notes.sort());
      expect(sql.notes.join()).toMatch(/answer value\(s\) were neither/);
      expect(sql.nodes).toEqual(parser.nodes);
      expect(sql.nodes.Host).toEqual(expect.arrayContaining(['escaped.example.com', 'upper.example.com', 'xn--bcher-kva.example', '*.wild.example.com']));
      expect(sql.nodes.IP).toEqual(expect.arrayContaining(['2001:db8::1', '192.0.2.44', '66.216.133.29']));
      expect(sql.lookups).toEqual(parser.lookups);
      expect(sql.dns).toEqual(parser.dns);
      expect(sql.events.length).toBe(sql.counters.events);
      expect(sql.events).toEqual(parser.events);
      expect(sql.events.find((e) => e[4] === 'd.example')?.[8]).toEqual(['CNAME alias.example.net', 'A 1.2.3.4', 'CNAME other.example.net', 'A 192.0.2.3']);
    }, 120_000);
  }

  it('leaves a file with blank lines to the parser (DuckDB would skip them and misnumber lines)', async () => {
    const file = path.join(tmp, 'blank.log');
    writeFileSync(file, [...HEADER, FIELDS, ODD_LINES[14], '', ODD_LINES[15]].join('\n') + '\n');
    const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, 'blank'), onChunk: () => {}, onReject: () => {} });
    await agg.open();
    const z = await loadZeekTsv(agg, { file, gz: false, takePartialLast: true });
    await agg.cleanup();
    expect([z.handled, z.reason]).toEqual([false, 'blank lines']);
  }, 60_000);

  it('keeps a time no date can hold as "no time", and says so', async () => {
    const r = await run([
      { ts: 1e17, qname: 'a.example.com', client: '192.0.2.1', ref: 1, answers: [{ name: 'a.example.com', type: 'A', value: '192.0.2.9' }] },
      { ts: 1_475_000_000_000, qname: 'a.example.com', client: '192.0.2.1', ref: 2 },
    ]);
    const [l] = r.lookups;
    expect([l.count, l.first, l.last, l.buckets]).toEqual([2, 1_475_000_000_000, 1_475_000_000_000, [Math.floor(1_475_000_000_000 / BUCKET_MS), 1]]);
    const [d] = r.dns;
    expect([d.count, d.first, d.last]).toEqual([1, Infinity, -Infinity]);
    expect(r.notes.join()).toMatch(/1 record time\(s\) lay outside/);
  }, 60_000);

  it('records every query type of a pair, however many there are', async () => {
    const events: DnsQueryEvent[] = [];
    for (let t = 0; t < 80; t++) events.push({ ts: 0, qname: 'many.example.com', client: '192.0.2.1', qtype: `TYPE${t}`, ref: t + 1 });
    const r = await run(events);
    expect(r.lookups[0].qtypes.length).toBe(80);
  }, 60_000);

  it('joins the code sets of a pair across its buckets, high mask bits included', async () => {
    // 60 codes: masks of two words; each code in its own 15-minute bucket, so the pair's set is
    // the OR of 60 bucket masks, most of them above bit 31 (where JS bit operators stop).
    const codes = Array.from({ length: 60 }, (_, t) => `T${String(t).padStart(2, '0')}`);
    const events: DnsQueryEvent[] = codes.map((q, t) => ({ ts: t * BUCKET_MS, qname: 'm.example.com', client: '192.0.2.1', qtype: q, rcode: t % 2 ? 'NXDOMAIN' : 'NOERROR', ref: 60 - t }));
    events.push({ ts: NaN, qname: 'm.example.com', client: '192.0.2.1', qtype: 'A', ref: 100 });
    const [l] = (await run(events)).lookups;
    expect(l.qtypes).toEqual(['A', ...codes]);
    expect(l.rcodes).toEqual(['NOERROR', 'NXDOMAIN']);
    expect(l.count).toBe(61);
    expect(l.ref).toBe(60);
    expect(l.buckets).toEqual(codes.flatMap((_, t) => [t, 1]));
  }, 60_000);

  it('gives the same lookups without histograms when told to leave them out (lean lookup edges)', async () => {
    const events = fc.sample(fc.array(event, { minLength: 200, maxLength: 400 }), { numRuns: 1, seed: 7 })[0];
    const evs = toEvents(events);
    const full = await run(evs);
    const lean = await run(evs, false);
    expect(lean.lookups).toEqual(full.lookups.map((l) => ({ ...l, buckets: [] })));
  }, 60_000);

  it('gives the same lookups when the pair aggregation runs in passes (inputs larger than its memory)', async () => {
    expect([pairPasses(1_000_000, 512), pairPasses(10_000_000, 512), pairPasses(100_000_000, 512), pairPasses(100_000_000, 1024)]).toEqual([1, 2, 20, 10]);
    expect([megabytes('512MB'), megabytes('1GB'), megabytes('2 GiB'), megabytes('junk')]).toEqual([512, 1024, 2048, 512]);
    const events = fc.sample(fc.array(event, { minLength: 300, maxLength: 400 }), { numRuns: 1, seed: 11 })[0];
    const evs = toEvents(events);
    for (const histogram of [false, true]) {
      const one = await run(evs, histogram);
      const passes = await run(evs, histogram, 37); // about 10 passes
      expect(passes.lookups.length).toBeGreaterThan(50);
      expect(passes.lookups).toEqual(one.lookups);
    }
  }, 60_000);
});
