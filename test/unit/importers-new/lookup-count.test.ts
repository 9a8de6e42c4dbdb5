// DnsQueryEvent.count: a record that stands for several lookups (passivedns aggregates repeats)
// adds its count to the pair's count and to its time bucket; absent, a record is one lookup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Aggregator, BUCKET_MS } from '../../../server/src/importers/pipeline/aggregate.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'agg-count-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('per-record lookup count', () => {
  it('adds count (default 1) to the pair and to the histogram, whatever the engine\'s flush size', async () => {
    for (const flushAt of [1_000_000, 1]) {
      const agg = new Aggregator({ flushAt, spillDir: path.join(tmp, String(flushAt)), onChunk: () => {}, onReject: () => {} });
      const t = 1_700_000_000_000;
      await agg.open();
      agg.query({ ts: t, qname: 'a.example.com', client: '192.0.2.1', ref: 1, count: 5 });
      agg.query({ ts: t + 1000, qname: 'a.example.com', client: '192.0.2.1', ref: 2 });
      agg.query({ ts: t + BUCKET_MS, qname: 'a.example.com', client: '192.0.2.1', ref: 3, count: 3 });
      agg.query({ ts: t, qname: 'b.example.com', client: '192.0.2.1', ref: 4, count: 2 });
      await agg.finish();
      const rows: unknown[] = [];
      for await (const l of agg.lookups()) rows.push([l.host, l.count, l.buckets]);
      const b = Math.floor(t / BUCKET_MS);
      expect(rows).toEqual([['a.example.com', 9, [b, 6, b + 1, 3]], ['b.example.com', 2, [b, 2]]]);
      await agg.cleanup();
    }
  }, 60_000);
});
