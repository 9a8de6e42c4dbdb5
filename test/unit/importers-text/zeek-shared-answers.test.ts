// The Zeek byte reader caches whole answer fields and, for a sink that keeps no TTLs
// (Sink.sharesAnswers), hands one answers array to every event with the same name, query type and
// answer text. These lines reuse one answer text under other names and query types, and carry a
// value that is dropped, so that a memo keyed on too little would show.
import { describe, expect, it } from 'vitest';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import type { DnsAnswer, DnsQueryEvent, Sink } from '../../../server/src/importers/types.ts';
import { collector } from './collect.ts';

const HEADER = [
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-',
  '#fields\tts\tid.orig_h\tquery\tqtype_name\trcode_name\tanswers\tTTLs',
];
const row = (i: number, q: string, qtype: string, answers: string, ttls: string) =>
  `1704067200.00000${i}\t10.0.0.${i}\t${q}\t${qtype}\tNOERROR\t${answers}\t${ttls}`;
const LINES = [
  ...HEADER,
  row(1, 'a.example', 'A', '192.0.2.1,192.0.2.2', '60.000000,30.000000'),
  row(2, 'b.example', 'A', '192.0.2.1,192.0.2.2', '59.000000,29.000000'),
  row(3, 'a.example', 'A', '192.0.2.1,192.0.2.2', '58.000000,28.000000'),
  row(4, 'a.example', 'A', '192.0.2.1,192.0.2.2', '57.000000,27.000000'),
  row(5, 'a.example', 'MX', 'mx.example.net', '3600.000000'),
  row(6, 'a.example', 'A', 'mx.example.net', '300.000000'),
  row(7, 'c.example', 'A', 'not a name,192.0.2.9', '1.000000,2.000000'),
  row(8, 'c.example', 'A', 'not a name,192.0.2.9', '1.000000,2.000000'),
  row(9, 'c.example', 'AAAA', 'edge.cdn.example,2001:db8::1', '5.000000,6.000000'),
];

function viaBytes(sink: Sink): void {
  const p = createZeekTsvParser({ fileName: 'x.log' });
  const buf = Buffer.from(LINES.join('\n') + '\n');
  let start = 0, no = 0;
  for (let nl = buf.indexOf(10); nl >= 0; start = nl + 1, nl = buf.indexOf(10, start)) p.bytes(buf, start, nl, ++no, sink);
  p.end(sink);
}

const noTtl = (a: DnsAnswer[] | undefined) => a?.map(({ name, type, value }) => ({ name, type, value }));

describe('Zeek TSV answers shared between events', () => {
  it('gives a sink without TTLs the same answers as the string path, one array per name, type and text', () => {
    const text = collector();
    const p = createZeekTsvParser({ fileName: 'x.log' });
    LINES.forEach((l, i) => p.line(l, i + 1, text.sink));
    p.end(text.sink);

    const shared = collector();
    viaBytes({ ...shared.sink, sharesAnswers: true });

    expect(shared.rejects).toEqual([]);
    expect(shared.events.length).toBe(9);
    expect(shared.events.map((e) => noTtl(e.answers))).toEqual(text.events.map((e) => noTtl(e.answers)));
    // The dropped value is counted on every line that carries it, memo or not: 2 + the string path's 2.
    expect(shared.notes).toEqual(text.notes);
    expect(text.notes).toEqual(['2 answer value(s) were neither an IP, a host name nor TXT and were dropped']);
    const ans = (i: number) => (shared.events[i] as DnsQueryEvent).answers;
    expect(ans(3)).toBe(ans(2)); // same name, type and text: one array
    expect(ans(7)).toBe(ans(6));
    expect(ans(1)).not.toBe(ans(0)); // another owner
    expect(ans(4)![0]).toMatchObject({ type: 'MX', value: 'mx.example.net' });
    expect(ans(5)![0]).toMatchObject({ type: 'CNAME', value: 'mx.example.net' });
    expect(ans(8)).toMatchObject([
      { name: 'c.example', type: 'CNAME', value: 'edge.cdn.example' },
      { name: 'edge.cdn.example', type: 'AAAA', value: '2001:db8::1' },
    ]);
    expect(ans(0)!.every((a) => a.ttl === undefined)).toBe(true);
  });

  it('keeps TTLs, and fresh arrays, for a sink that reads them', () => {
    const c = collector();
    viaBytes(c.sink);
    expect(c.events.map((e) => e.answers?.map((a) => a.ttl))).toEqual([
      [60, 30], [59, 29], [58, 28], [57, 27], [3600], [300], [2], [2], [5, 6],
    ]);
    expect(c.events[3].answers).not.toBe(c.events[2].answers);
  });
});
