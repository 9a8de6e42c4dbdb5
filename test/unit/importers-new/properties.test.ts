// Mutated input never throws, and every line is accounted for once: the line of a record, of a
// reject, a skipped line (banner, comment, other event type), or a line that continued a record
// begun above (pretty-printed JSON, XML): distinct record/reject lines + skipped + merged = lines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LineParser } from '../../../server/src/importers/types.ts';
import { createSuricataEveParser } from '../../../server/src/importers/suricata-eve/suricata-eve.ts';
import { createPassiveDnsLogParser } from '../../../server/src/importers/passivedns-log/passivedns-log.ts';
import { createWindowsDnsParser } from '../../../server/src/importers/windows-dns/windows-dns.ts';
import { createSysmonDnsParser } from '../../../server/src/importers/sysmon-dns/sysmon-dns.ts';
import { createRoute53Parser } from '../../../server/src/importers/route53-resolver/route53-resolver.ts';
import { feed } from './collect.ts';

type Counting = LineParser & { readonly skipped: number; readonly merged: number };

const SAMPLES: Record<string, { make: () => Counting; lines: string[]; sep: string }> = {
  'suricata-eve': {
    make: () => createSuricataEveParser({}), sep: ',',
    lines: [
      '{"timestamp":"2017-01-30T16:12:26.985026+0100","flow_id":955054024165314,"event_type":"dns","src_ip":"172.17.0.2","src_port":55645,"dest_ip":"172.21.3.254","dest_port":53,"proto":"UDP","dns":{"type":"query","id":13786,"rrname":"_http._tcp.security.debian.org","rrtype":"SRV","tx_id":0}}',
      '{"timestamp":"2017-01-30T16:12:27.027213+0100","event_type":"dns","src_ip":"172.21.3.254","dest_ip":"172.17.0.2","proto":"UDP","dns":{"type":"answer","id":22800,"rcode":"NOERROR","rrname":"prod.debian.map.fastly.net","rrtype":"A","ttl":30,"rdata":"151.101.12.204"}}',
      '{"timestamp":"2019-08-22T23:48:27.950946+0000","event_type":"dns","src_ip":"10.0.2.3","dest_ip":"10.0.2.15","proto":"UDP","dns":{"version":2,"type":"answer","id":39523,"flags":"8180","rcode":"NOERROR","rrname":"google.com","rrtype":"AAAA","answers":[{"rrname":"google.com","rrtype":"AAAA","ttl":272,"rdata":"2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6"}],"grouped":{"AAAA":["2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6"]}}}',
      '{"timestamp":"2017-01-30T16:12:27.1+0100","event_type":"flow","src_ip":"172.17.0.2","flow_id":1,"proto":"UDP"}',
    ],
  },
  'passivedns-log': {
    make: () => createPassiveDnsLogParser({}), sep: '||',
    lines: [
      '#timestamp||dns-client ||dns-server||RR class||Query||Query Type||Answer||TTL||Count',
      '[*] PassiveDNS 1.2.0',
      '1216691467.389299||192.168.1.64||192.168.1.254||IN||www.google.com.||CNAME||www.l.google.com.||540811||1',
      '1216691467.389299||192.168.1.64||192.168.1.254||IN||www.l.google.com.||A||74.125.19.103||286||1',
      '17.535906||fd2d:ab8c:225:0:1d3:35e9:7d97:2325||fd2d:ab8c:225::1||IN||dns.msftncsi.com.||AAAA||fd3e:4f5a:5b81::1||3600||2',
      '{"timestamp_s":1329575805,"timestamp_ms":123456,"client":"10.0.0.1","server":"10.0.0.53","class":"IN","query":"a.example.com.","type":"A","answer":"192.0.2.7","ttl":60,"count":3}',
    ],
  },
  'windows-dns': {
    make: () => createWindowsDnsParser({}), sep: ' ',
    lines: [
      '5/21/2015 1:51:18 PM 0D48 PACKET  000000000181D1C0 UDP Rcv 10.250.2.246    0c6b   Q [0001   D   NOERROR] A      (10)sitecheck2(5)opera(3)com(0)',
      '5/21/2015 1:51:18 PM 0D48 PACKET  00000000045FDBF0 UDP Rcv 10.250.128.151  b94d R Q [8081   DR  NOERROR] A      (10)sitecheck2(5)opera(3)com(0)',
      '\t   1     Date',
      'Log file wrap at 5/21/2015 1:51:18 PM',
      '{"@timestamp":"2024-04-22T09:31:13.872Z","winlog":{"event_data":{"QNAME":"google.es.","Port":"59559","Flags":"256","Source":"67.43.156.1","XID":"6","QTYPE":"1"}},"event":{"code":"256"}}',
    ],
  },
  'sysmon-dns': {
    make: () => createSysmonDnsParser({}), sep: ',',
    lines: [
      '{"@timestamp":"2024-03-01T10:00:00Z","winlog":{"event_id":22,"computer_name":"WS02","event_data":{"UtcTime":"2024-03-01 10:00:00.000","ProcessGuid":"{A}","ProcessId":"7","QueryName":"y.example.com","QueryStatus":"0","QueryResults":"type: 5 z.example.net;::ffff:192.0.2.1;","Image":"C:\\\\x.exe"}}}',
      '{"Event":{"System":{"EventID":22,"Computer":"PC1"},"EventData":{"UtcTime":"2026-02-13 12:43:59.338","ProcessGuid":"B","ProcessId":12,"QueryName":"webui.ligolo.ng","QueryStatus":"9003","QueryResults":"-","Image":"C:\\\\l.exe"}}}',
      '<Event><System><EventID>22</EventID><Computer>PC2</Computer></System><EventData><Data Name="UtcTime">2024-01-01 00:00:00.000</Data><Data Name="QueryName">q.example.org</Data><Data Name="ProcessId">5</Data></EventData></Event>',
    ],
  },
  'route53-resolver': {
    make: () => createRoute53Parser({}), sep: ',',
    lines: [
      '{"version":"1.100000","account_id":"626345947581","region":"us-east-1","vpc_id":"vpc-01e31a7c","query_timestamp":"2021-12-11T22:46:23Z","query_name":"159.86.31.172.in-addr.arpa.","query_type":"PTR","query_class":"IN","rcode":"NOERROR","answers":[{"Rdata":"ip-172-31-86-159.ec2.internal.","Type":"PTR","Class":"IN"}],"srcaddr":"172.31.86.159","srcport":"47924","transport":"UDP","srcids":{"instance":"i-1"}}',
      '{"srcaddr":"81.2.69.143","vpc_id":"vpc-7example","answers":[],"firewall_rule_action":"BLOCK","query_name":"x.example.","rcode":"NXDOMAIN","query_type":"A","query_timestamp":"2021-02-04T17:51:55Z"}',
      '1.0 2017-12-13T08:16:02.130Z Z123412341234 example.com A NOERROR UDP FRA6 192.168.1.1 -',
    ],
  },
};

type Mut = { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; s: string } | { kind: 'swap'; a: number; b: number } | { kind: 'cr' } | { kind: 'replace'; s: string };

function mutate(line: string, sep: string, m: Mut): string {
  switch (m.kind) {
    case 'truncate': return line.slice(0, m.at % (line.length + 1));
    case 'insert': { const i = m.at % (line.length + 1); return line.slice(0, i) + m.s + line.slice(i); }
    case 'swap': { const f = line.split(sep); const a = m.a % f.length, b = m.b % f.length; [f[a], f[b]] = [f[b], f[a]]; return f.join(sep); }
    case 'cr': return line + '\r';
    case 'replace': return m.s;
  }
}

const mutArb: fc.Arbitrary<Mut> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(400) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(400), s: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', '||', ' ', '(3)', '<Event>', '</Event>', '\u0000', 'é')) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(30), b: fc.nat(30) }),
  fc.record({ kind: fc.constant('cr' as const) }),
  fc.record({ kind: fc.constant('replace' as const), s: fc.string({ maxLength: 40 }) }),
);

describe('new DNS format parsers under mutation', () => {
  for (const [name, s] of Object.entries(SAMPLES)) {
    it(`${name}: never throws, every line accounted for once`, () => {
      fc.assert(fc.property(
        fc.array(fc.tuple(fc.nat(s.lines.length - 1), fc.option(mutArb, { freq: 2 })), { minLength: 1, maxLength: 25 }),
        (picks) => {
          const lines = picks.map(([i, m]) => (m === null ? s.lines[i] : mutate(s.lines[i], s.sep, m)).replace(/\n/g, ' '));
          const p = s.make();
          const c = feed(p, lines.join('\n') + '\n');
          const refs = new Set([...c.events.map((e) => e.ref), ...c.rejects.map((r) => r.ref)]);
          for (const r of refs) { expect(r).toBeGreaterThanOrEqual(1); expect(r).toBeLessThanOrEqual(lines.length); }
          expect(refs.size + p.skipped + p.merged).toBe(lines.length);
          for (const e of c.events) expect(e.qname).toMatch(/^[a-z0-9_*.-]+$/);
          for (const r of c.rejects) expect(r.reason.length).toBeGreaterThan(0);
        },
      ), { numRuns: 300, seed: 42 });
    }, 60_000);

    it(`${name}: unmutated sample lines are all records or known skips`, () => {
      const c = feed(s.make(), s.lines.join('\n'));
      expect(c.rejects).toEqual([]);
    });
  }
});
