// The aggregator against a plain reference computation: whatever the memory budget (so however
// many sorted runs are spilled and merged), every pair and DNS edge comes out once with the same
// counts, first/last times, first record, codes and histogram.
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Aggregator, BUCKET_MS, type DnsEdgeAgg, type LookupAgg } from '../../../server/src/importers/pipeline/aggregate.ts';
import type { DnsQueryEvent } from '../../../server/src/importers/types.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';
import { readFileSync } from 'node:fs';

const tmp = mkdtempSync(path.join(tmpdir(), 'agg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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

function run(events: DnsQueryEvent[], flushAt: number, dir: string) {
  const agg = new Aggregator({ flushAt, spillDir: dir, onChunk: () => {}, onReject: () => {} });
  for (const e of events) agg.query(e);
  agg.finish();
  const spilled = existsSync(dir) ? readdirSync(dir).length : 0;
  const lookups: LookupAgg[] = [...agg.lookups()];
  const dns: DnsEdgeAgg[] = [...agg.dnsEdges()];
  agg.cleanup();
  return { lookups, dns, spilled, hosts: agg.tables.Host.size, ips: agg.tables.IP.size, domains: agg.tables.Domain.size };
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

/** Aggregate a Zeek TSV text read from bytes (cached values, ids, shared answers) or as strings. */
function aggregateZeek(input: Buffer, bytes: boolean) {
  const rejects: number[] = [];
  const notes: string[] = [];
  const agg = new Aggregator({ flushAt: 100_000, spillDir: path.join(tmp, `z-${bytes}`), onChunk: () => {}, onReject: (r) => rejects.push(r.ref) });
  const p = createZeekTsvParser({ fileName: 'zeek.log' });
  let start = 0, no = 0;
  for (let nl = input.indexOf(10); nl >= 0; start = nl + 1, nl = input.indexOf(10, start)) {
    if (bytes) p.bytes(input, start, nl, ++no, agg);
    else p.line(input.toString('utf8', start, nl), ++no, agg);
  }
  p.end(agg);
  agg.finish();
  notes.push(...agg.notes);
  const out = { lookups: [...agg.lookups()], dns: [...agg.dnsEdges()], rejects, notes, hosts: agg.tables.Host.keys, ips: agg.tables.IP.keys, domains: agg.tables.Domain.keys };
  agg.cleanup();
  return out;
}

describe('Aggregator', () => {
  it('matches a reference computation, spilled or not, and its output does not depend on the budget', () => {
    let n = 0;
    fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 400 }), (raw) => {
      const events = toEvents(raw);
      const want = reference(events);
      const big = run(events, 100_000, path.join(tmp, `big-${n}`));
      // flushAt 2 → a run every 20 pairs or 80 buckets, a DNS run every 10 edges.
      const small = run(events, 2, path.join(tmp, `small-${n++}`));
      expect(big.spilled).toBe(0);
      expect(small.lookups).toEqual(big.lookups);
      expect(small.dns).toEqual(big.dns);
      expect(big.lookups.length).toBe(want.pairs.size);
      for (const l of big.lookups) {
        const r = want.pairs.get(`${l.client} ${l.host}`)!;
        expect(r).toBeDefined();
        expect([l.count, l.first, l.last, l.ref]).toEqual([r.count, r.first, r.last, r.ref]);
        expect(l.qtypes).toEqual([...r.qt].sort());
        expect(l.rcodes).toEqual([...r.rc].sort());
        expect(l.buckets).toEqual([...r.h].sort((a, b) => a[0] - b[0]).flat());
      }
      expect(big.dns.length).toBe(want.dns.size);
      for (const d of big.dns) {
        const r = want.dns.get(`${d.type} ${d.from} ${d.to}`)!;
        expect([d.count, d.first, d.last, d.ref]).toEqual([r.count, r.first, r.last, r.ref]);
      }
    }), { numRuns: 60, seed: 7 });
  });

  it('keeps every pair once while its table grows (no run written)', () => {
    // 40 clients × 300 names: the pair table grows from 1,024 slots several times.
    const raw: RawEvent[] = [];
    for (let i = 0; i < 30_000; i++) raw.push({ c: 1 + (i % 40), h: Math.floor(i / 40) % 300, dt: 1000, q: 'A', r: 'NOERROR', ans: 0 });
    const events = toEvents(raw);
    const r = run(events, 100_000, path.join(tmp, 'grow'));
    expect(r.spilled).toBe(0);
    const keys = r.lookups.map((l) => `${l.client} ${l.host}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(reference(events).pairs.size);
    expect(keys.length).toBe(12_000);
  });

  it('spills sorted runs past its budget and removes them afterwards', () => {
    const events = toEvents(Array.from({ length: 3000 }, (_, i) => ({ c: 1 + (i % 30), h: (i * 7) % 41, dt: 1000, q: 'A', r: 'NOERROR', ans: i % 3 })));
    const dir = path.join(tmp, 'spill');
    const r = run(events, 2, dir);
    expect(r.spilled).toBeGreaterThan(5);
    expect(existsSync(dir)).toBe(false);
    expect(r.lookups.map((l) => l.count).reduce((a, b) => a + b, 0)).toBe(3000);
    // Ordered by (client id, host id): ids follow first appearance.
    for (let i = 1; i < r.lookups.length; i++) {
      const a = r.lookups[i - 1], b = r.lookups[i];
      expect(a.cid < b.cid || (a.cid === b.cid && a.hid < b.hid)).toBe(true);
    }
  });

  it('interns every node once and lists each new node once for writing', () => {
    const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, 'nodes'), onChunk: () => {}, onReject: () => {} });
    const e = (qname: string, client: string, ref: number): DnsQueryEvent => ({ ts: 0, qname, client, ref, answers: [{ name: qname, type: 'A', value: '192.0.2.1' }] });
    agg.query(e('mail1.trump-email.com', '217.12.96.15', 1));
    agg.query(e('mail1.trump-email.com', '217.12.97.15', 2));
    expect(agg.takeNewNodes()).toEqual({ Domain: ['trump-email.com'], IP: ['217.12.96.15', '192.0.2.1', '217.12.97.15'], Host: ['mail1.trump-email.com'] });
    agg.query(e('mail1.trump-email.com', '217.12.96.15', 3));
    agg.query(e('trump1.contact-client.com', '217.12.96.15', 4));
    expect(agg.takeNewNodes()).toEqual({ Domain: ['contact-client.com'], IP: [], Host: ['trump1.contact-client.com'] });
  });

  it('Zeek TSV read from bytes (cached values and ids) aggregates exactly like the string path', async () => {
    const file = path.join(tmp, 'zeek.log');
    await generate('zeek-tsv', 20_000, 5, file);
    const text = readFileSync(file);
    // A few lines the byte path hands to the string path: an escape, a bad client, no query,
    // one column too many and one too few.
    const extra = Buffer.from([
      '1704067300.000001\tCx\t10.9.9.9\t1\t10.0.0.53\t53\tudp\t1\t0.1\tesc\\x41ped.example.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t192.0.2.7\t60.000000\tF',
      '1704067300.000002\tCy\tnot-an-ip\t1\t10.0.0.53\t53\tudp\t1\t0.1\tbad.example.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF',
      '1704067300.000003\tCz\t10.9.9.9\t1\t10.0.0.53\t53\tudp\t1\t0.1\t-\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF',
      '1704067300.000004\tCw\t10.9.9.9\t1\t10.0.0.53\t53\tudp\t1\t0.1\tone-more.example.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\textra',
      '1704067300.000005\tCv\t10.9.9.9\t1\t10.0.0.53\t53\tudp\t1\t0.1\tone-less.example.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-',
      '',
    ].join('\n'));
    const input = Buffer.concat([text.subarray(0, text.lastIndexOf('#close')), extra]);
    const viaBytes = aggregateZeek(input, true), viaText = aggregateZeek(input, false);
    expect(viaBytes.lookups.length).toBeGreaterThan(1000);
    expect(viaBytes.rejects).toEqual(viaText.rejects);
    expect(viaBytes.rejects.length).toBe(4);
    expect(viaBytes.hosts).toEqual(viaText.hosts);
    expect(viaBytes.hosts).toContain('escaped.example.com');
    expect(viaBytes.ips).toEqual(viaText.ips);
    expect(viaBytes.domains).toEqual(viaText.domains);
    expect(viaBytes.lookups).toEqual(viaText.lookups);
    expect(viaBytes.dns).toEqual(viaText.dns);
  });

  it('Zeek TSV from bytes agrees with the string path past the answer caches\' capacity (ids kept in reused answers)', () => {
    // 90k lines, most with an answer text of their own (the answer-set cache holds 64k, so it
    // clears and refills), the rest repeating a few texts under changing names and query types,
    // with values to drop and empty elements.
    let seed = 7;
    const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const types = ['A', 'AAAA', 'MX', 'NS', 'CNAME', 'PTR'];
    const shared = ['192.0.2.1,192.0.2.2', 'edge.cdn.example,198.51.100.7', 'mx1.example.net', 'bad value,203.0.113.9', 'ns1.example.org,,2001:db8::5'];
    const lines = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-',
      '#fields\tts\tid.orig_h\tquery\tqtype_name\trcode_name\tanswers\tTTLs'];
    for (let i = 0; i < 90_000; i++) {
      const q = rnd(10) === 0 ? `${rnd(300)}.in-addr.arpa` : `h${rnd(3000)}.zone${rnd(40)}.example.com`;
      const ans = rnd(3) === 0 ? shared[rnd(shared.length)] : `10.${i >> 16}.${(i >> 8) & 255}.${i & 255},host${i}.example.net`;
      lines.push(`${1704067200 + i}.000001\t10.1.${rnd(4)}.${rnd(250)}\t${q}\t${types[rnd(types.length)]}\tNOERROR\t${ans}\t60.000000,30.000000`);
    }
    const input = Buffer.from(lines.join('\n') + '\n');
    const viaBytes = aggregateZeek(input, true), viaText = aggregateZeek(input, false);
    expect(viaBytes.rejects).toEqual([]);
    expect(viaBytes.dns.length).toBeGreaterThan(60_000);
    expect(viaBytes.notes).toEqual(viaText.notes);
    expect(viaBytes.notes.join()).toMatch(/answer value\(s\) were neither/);
    expect(viaBytes.hosts).toEqual(viaText.hosts);
    expect(viaBytes.ips).toEqual(viaText.ips);
    expect(viaBytes.domains).toEqual(viaText.domains);
    expect(viaBytes.lookups).toEqual(viaText.lookups);
    expect(viaBytes.dns).toEqual(viaText.dns);
  });

  it('keeps a time no date can hold as "no time", and says so', () => {
    const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, 'range'), onChunk: () => {}, onReject: () => {} });
    agg.query({ ts: 1e17, qname: 'a.example.com', client: '192.0.2.1', ref: 1, answers: [{ name: 'a.example.com', type: 'A', value: '192.0.2.9' }] });
    agg.query({ ts: 1_475_000_000_000, qname: 'a.example.com', client: '192.0.2.1', ref: 2 });
    agg.finish();
    const [l] = [...agg.lookups()];
    expect([l.count, l.first, l.last, l.buckets]).toEqual([2, 1_475_000_000_000, 1_475_000_000_000, [Math.floor(1_475_000_000_000 / BUCKET_MS), 1]]);
    const [d] = [...agg.dnsEdges()];
    expect([d.count, d.first, d.last]).toEqual([1, Infinity, -Infinity]);
    expect(agg.notes.join()).toMatch(/1 record time\(s\) lay outside/);
  });

  it('records every query type, also past 53 distinct ones (two 32-bit words per set)', () => {
    const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, 'codes'), onChunk: () => {}, onReject: () => {} });
    for (let t = 0; t < 60; t++) agg.query({ ts: 0, qname: `q${t}.example.com`, client: '192.0.2.1', qtype: `TYPE${t}`, ref: t + 1 });
    agg.query({ ts: 0, qname: 'both.example.com', client: '192.0.2.1', qtype: 'TYPE0', ref: 61 });
    agg.query({ ts: 0, qname: 'both.example.com', client: '192.0.2.1', qtype: 'TYPE55', ref: 62 });
    agg.query({ ts: 0, qname: 'high.example.com', client: '192.0.2.1', qtype: 'TYPE55', ref: 63 });
    agg.finish();
    const by = new Map([...agg.lookups()].map((l) => [l.host, l.qtypes]));
    expect(by.get('high.example.com')).toEqual(['TYPE55']);
    expect(by.get('both.example.com')).toEqual(['TYPE0', 'TYPE55']);
  });
});
