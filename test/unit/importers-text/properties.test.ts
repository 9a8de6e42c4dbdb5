// Mutated input never throws, and every line is accounted for exactly once:
// events + rejects + skipped + merged === lines fed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CountingLineParser } from '../../../server/src/importers/line-parsers/counting-line-parser.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import { createZeekJsonParser } from '../../../server/src/importers/zeek/zeek-json.ts';
import { createBindParser } from '../../../server/src/importers/bind/bind-querylog.ts';
import { createDnsmasqParser } from '../../../server/src/importers/dnsmasq/dnsmasq-log.ts';
import { createUnboundParser } from '../../../server/src/importers/unbound/unbound-log.ts';
import { createQueryTableParser } from '../../../server/src/importers/csv/query-table.ts';
import { collector } from './collect.ts';

const ZEEK_HEAD = [
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-',
  '#fields\tts\tid.orig_h\tid.resp_h\tproto\tquery\tqtype_name\trcode_name\tanswers\tTTLs',
];
const SAMPLES: Record<string, { make: () => CountingLineParser; head: string[]; lines: string[]; sep: string }> = {
  'zeek-tsv': {
    make: () => createZeekTsvParser({}), head: ZEEK_HEAD, sep: '\t',
    lines: [
      '1547188415.857497\t192.168.86.167\t192.168.86.1\tudp\twww.example.com\tA\tNOERROR\tcdn.example.net,1.2.3.4\t60.000000,30.000000',
      '1547188415.9\tfe80::1\tff02::fb\tudp\tEXAMPLE.org\tAAAA\tNXDOMAIN\t-\t-',
      '1547188416\t10.0.0.1\t10.0.0.53\ttcp\tx.test\tTXT\tNOERROR\tTXT 5 hello TXT 3 a;b\t5.0',
    ],
  },
  'zeek-json': {
    make: () => createZeekJsonParser({}), head: [], sep: ',',
    lines: [
      '{"ts":1547188415.857497,"id.orig_h":"192.168.86.167","id.resp_h":"192.168.86.1","proto":"udp","query":"a.example.com","qtype_name":"A","rcode_name":"NOERROR","answers":["1.2.3.4"],"TTLs":[60.0]}',
      '{"ts":"2019-01-11T06:33:35.857497Z","id.orig_h":"fe80::1","query":"b.example.com"}',
    ],
  },
  bind: {
    make: () => createBindParser({ year: 2022 }), head: [], sep: ' ',
    lines: [
      '<30>Apr 14 16:16:05 10.50.1.227 named[2588]: queries: client @0x7f97e40eb500 192.168.1.90#64727 (ocsp.digicert.com): query: ocsp.digicert.com IN A + (192.168.1.10)',
      '<30>Mar 11 23:51:31 h named[1]: 07-Apr-2022 08:08:10.043 client 192.168.0.1#57398 UDP: query: a1.foo.com IN A response: NOERROR +ED a1.foo.com 28800 IN A 1.2.3.4; a1.foo.com 60 IN TXT "x; y" "z";',
      '07-Apr-2022 08:08:10.043 queries: info: client @0x1 2001:db8::1#5353 (a.b): query: a.b IN AAAA -E(0)K (2001:db8::53)',
    ],
  },
  dnsmasq: {
    make: () => createDnsmasqParser({ year: 2022 }), head: [], sep: ' ',
    lines: [
      'Jan  3 10:00:00 dnsmasq[830]: query[A] www.example.com from 192.168.1.5',
      'Jan  3 10:00:00 dnsmasq[830]: forwarded www.example.com to 2001:4860:4860::8888',
      'Jan  3 10:00:00 dnsmasq[830]: reply www.example.com is <CNAME>',
      'Jan  3 10:00:00 dnsmasq[830]: reply cdn.example.net is 1.2.3.4',
      'Jan  3 10:00:01 dnsmasq[830]: gravity blocked ads.example.com is 0.0.0.0',
      'Jan  3 10:00:02 dnsmasq-dhcp[830]: DHCPACK(eth0) 192.168.1.5 aa:bb:cc:dd:ee:ff host  ',
    ],
  },
  unbound: {
    make: () => createUnboundParser({ year: 2022 }), head: [], sep: ' ',
    lines: [
      'May 20 16:29:19 black unbound: [79652:0] info: 192.168.10.8 s.marketwatch.com. A IN NXDOMAIN 0.000000 1 35',
      '[1589990959] unbound[79652:0] info: 2001:db8::5 example.com. AAAA IN NOERROR 0.01 0 80',
      'Apr 15 21:05:42 j unbound: [189865:0] info: server stats for thread 0: 0 queries',
    ],
  },
  csv: {
    make: () => createQueryTableParser({}), head: ['timestamp | host name | query originator IP'], sep: '|',
    lines: ['2016-01-01 00:00:01 | www.example.com | 10.0.0.1', '1451606401 | "www.example.net" | 10.0.0.2', '1451606401000|"example.net"|10.0.0.3', '2016-01-01T00:00:02Z|example.org|2001:db8::1'],
  },
};

type Mut = { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; s: string } | { kind: 'swap'; a: number; b: number } | { kind: 'delsep'; n: number } | { kind: 'cr' };

function mutate(line: string, sep: string, m: Mut): string {
  switch (m.kind) {
    case 'truncate': return line.slice(0, m.at % (line.length + 1));
    case 'insert': { const i = m.at % (line.length + 1); return line.slice(0, i) + m.s + line.slice(i); }
    case 'swap': { const f = line.split(sep); const a = m.a % f.length, b = m.b % f.length; [f[a], f[b]] = [f[b], f[a]]; return f.join(sep); }
    case 'delsep': { let k = 0; return line.split(sep).reduce((acc, x, i) => (i === 0 ? x : (k++ === m.n ? acc + x : acc + sep + x)), ''); }
    case 'cr': return line + '\r';
  }
}

const mutArb: fc.Arbitrary<Mut> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(400) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(400), s: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\t', ' ', ':', '#', '"', ';', ',', '|', '\\x2c', '\u0000', 'é')) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(30), b: fc.nat(30) }),
  fc.record({ kind: fc.constant('delsep' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('cr' as const) }),
);

describe('text parsers under mutation', () => {
  for (const [name, s] of Object.entries(SAMPLES)) {
    it(`${name}: never throws, every line accounted for once`, () => {
      fc.assert(fc.property(
        fc.array(fc.tuple(fc.nat(s.lines.length - 1), fc.option(mutArb, { freq: 2 })), { minLength: 1, maxLength: 25 }),
        (picks) => {
          const body = picks.map(([i, m]) => (m === null ? s.lines[i] : mutate(s.lines[i], s.sep, m)));
          const lines = [...s.head, ...body];
          const p = s.make();
          const c = collector();
          lines.forEach((l, i) => p.line(l, i + 1, c.sink));
          p.end(c.sink);
          expect(c.events.length + c.rejects.length + p.skipped + p.merged).toBe(lines.length);
          for (const e of c.events) {
            expect(e.qname).toMatch(/^[a-z0-9_*.-]+$/);
            expect(e.ref).toBeGreaterThanOrEqual(1);
          }
        },
      ), { numRuns: 300, seed: 42 });
    });

    it(`${name}: unmutated sample lines all become events or known skips`, () => {
      const p = s.make();
      const c = collector();
      const lines = [...s.head, ...s.lines];
      lines.forEach((l, i) => p.line(l, i + 1, c.sink));
      p.end(c.sink);
      expect(c.rejects).toEqual([]);
    });
  }
});
