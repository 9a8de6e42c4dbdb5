// The CSV files of the offline bulk load: structural SUBDOMAIN_OF edges carry [''] validity as a
// quoted blank the importer trims, which is safe only while no other text has blank ends.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CsvGraphWriter, ONE_EMPTY_STRING } from '../../../server/src/importers/pipeline/csv-graph-writer.ts';
import { Aggregator, BUCKET_MS, type NodeTables } from '../../../server/src/importers/pipeline/aggregate.ts';
import type { DnsQueryEvent } from '../../../server/src/importers/types.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ctx = { sourceKey: 'src:0123456789abcdef', refName: 'dns.log', confidence: 60, histogram: true };

async function write(dir: string, hosts: string[], qtypes = ['A']) {
  const w = new CsvGraphWriter(path.join(tmp, dir), ctx);
  await w.open();
  await w.writeDnsNodes({ Domain: [], IP: ['10.0.0.1'], Host: hosts }, {} as NodeTables);
  await w.writeDnsLayer([{ client: '10.0.0.1', host: hosts[0], count: 2, first: 0, last: 86_400_001, ref: 7, qtypes, rcodes: [], buckets: [1, 2] } as never], []);
  const files = await w.close();
  return { w, files, read: (name: string) => readFileSync(path.join(tmp, dir, name), 'utf8') };
}

describe('CSV graph writer', () => {
  it('writes a structural edge validity as a quoted blank and QUERIED rows in one line each', async () => {
    const { w, files, read } = await write('plain', ['www.example.com']);
    expect(w.untrimmed).toBe(false);
    expect(files.relationships.map(([t]) => t).sort()).toEqual(['QUERIED', 'SUBDOMAIN_OF']);
    expect(read('rels-SUBDOMAIN_OF-Host-Domain.csv').split('\n')[1]).toBe(`www.example.com,example.com,src:0123456789abcdef,100,dns.log,1,${ONE_EMPTY_STRING},${ONE_EMPTY_STRING},100`);
    expect(read('rels-QUERIED-IP-Host.csv').split('\n')[1]).toBe(
      '10.0.0.1,www.example.com,src:0123456789abcdef,60,dns.log:7,2,1970-01-01T00:00:00.000Z,1970-01-02T00:00:00.001Z,2,60,'
      + '1970-01-01T00:00:00.000Z,1970-01-02T00:00:00.001Z,10.0.0.1>www.example.com,A,,1,2');
    // A lookup edge's validity is its first/last seen: the header has no second copy.
    expect(read('rels-QUERIED-IP-Host.csv').split('\n')[0]).not.toMatch(/validFrom|validTo/);
  });

  it('notes a text value with blanks at an end, so the importer is not told to trim', async () => {
    expect((await write('key', ['www.example.com '])).w.untrimmed).toBe(true);
    expect((await write('qtype', ['www.example.com'], ['A', ' AAAA'])).w.untrimmed).toBe(true);
  });

  it('writes the same lean lookup rows when the engine COPYs them as when it writes them row by row', async () => {
    // Pairs with several buckets, untimed lookups, code sets, fractional times; a ref name the
    // CSV must quote.
    const events: DnsQueryEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const ts = i % 17 === 0 ? NaN : 1_470_000_000_000 + ((i * 7919) % 200) * BUCKET_MS / 3 + (i % 3) * 0.25;
      events.push({ ts, client: `10.0.${i % 5}.${i % 31}`, qname: `h${(i * 13) % 97}.example.com`, qtype: ['A', 'AAAA', 'MX'][i % 3], rcode: i % 11 ? 'NOERROR' : undefined, ref: i + 1 });
      if (i % 10 === 0) events.push({ ts, client: '10.9.9.9', qname: 'many.example.com', qtype: ['MX', 'A', 'AAAA'][i % 3], rcode: 'NOERROR', ref: 5000 + i });
    }
    const lines: string[][] = [];
    for (const viaEngine of [false, true]) {
      const agg = new Aggregator({ flushAt: 100, spillDir: path.join(tmp, `agg-${viaEngine}`), onChunk: () => {}, onReject: () => {}, threads: 2, histogram: false });
      await agg.open();
      for (const e of events) agg.query(e);
      await agg.finish();
      const dir = path.join(tmp, `lean-${viaEngine}`);
      const w = new CsvGraphWriter(dir, { ...ctx, refName: 'dns,log', histogram: false });
      await w.open();
      await w.writeDnsNodes(agg.takeNewNodes(), agg.tables);
      await w.writeDnsLayer(agg.lookups(), [], agg.tables, 'dns', viaEngine ? agg : undefined);
      const files = await w.close();
      await agg.cleanup();
      const [, file] = files.relationships.find(([t]) => t === 'QUERIED')!;
      const [header, data] = viaEngine ? file.split(',') : [file, file];
      const text = readFileSync(data, 'utf8').trim().split('\n');
      lines.push(viaEngine ? [readFileSync(header, 'utf8').trim(), ...text.sort()] : [text[0], ...text.slice(1).sort()]);
      expect(w.stats.edgeRows).toBeGreaterThan(300);
    }
    expect(lines[1].length).toBe(lines[0].length);
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[1].some((l) => l.includes('"dns,log:'))).toBe(true);
    expect(lines[1].some((l) => l.endsWith(',A;AAAA;MX,NOERROR'))).toBe(true);
  }, 60_000);
});
