// Shapes and failure modes the corpus lacks: Suricata v2 `grouped` only and v3, passivedns -j
// and -X, Windows dates in other locales and non-query opcodes, Sysmon as EVTX XML and Winlogbeat
// JSON, Route 53 rejects. Each reject names its line.
import { describe, expect, it } from 'vitest';
import { createSuricataEveParser } from '../../../server/src/importers/suricata-eve/suricata-eve.ts';
import { createPassiveDnsLogParser } from '../../../server/src/importers/passivedns-log/passivedns-log.ts';
import { createWindowsDnsParser } from '../../../server/src/importers/windows-dns/windows-dns.ts';
import { decodeLengthPrefixed } from '../../../server/src/importers/windows-dns/debug-log-line.ts';
import { createSysmonDnsParser, parseQueryResults } from '../../../server/src/importers/sysmon-dns/sysmon-dns.ts';
import { createRoute53Parser } from '../../../server/src/importers/route53-resolver/route53-resolver.ts';
import { feed, lookups } from './collect.ts';

describe('suricata-eve', () => {
  it('v2 grouped-only answers, v3 request/response, other events counted, bad lines rejected by line', () => {
    const text = [
      '{"timestamp":"2024-01-01T00:00:00.000000+0000","event_type":"dns","src_ip":"10.0.0.1","dest_ip":"10.0.0.53","proto":"UDP","dns":{"type":"request","id":1,"queries":[{"rrname":"a.example.com","rrtype":"A"}]}}',
      '{"timestamp":"2024-01-01T00:00:01.000000+0000","event_type":"dns","src_ip":"10.0.0.53","dest_ip":"10.0.0.1","dns":{"type":"response","rcode":"NOERROR","queries":[{"rrname":"a.example.com","rrtype":"A"}],"answers":[{"rrname":"a.example.com","rrtype":"A","ttl":5,"rdata":"192.0.2.1"}]}}',
      '{"timestamp":"2024-01-01T00:00:02.000000+0000","event_type":"dns","src_ip":"10.0.0.53","dest_ip":"10.0.0.1","dns":{"version":2,"type":"answer","rrname":"b.example.com","rrtype":"A","rcode":"NOERROR","grouped":{"A":["192.0.2.2","192.0.2.2"]}}}',
      '{"timestamp":"2024-01-01T00:00:03+0000","event_type":"flow","src_ip":"10.0.0.1","flow_id":1}',
      '{"timestamp":"2024-01-01T00:00:04+0000","event_type":"dns","src_ip":"10.0.0.1","dns":{"type":"query","rrname":"bad name.example"}}',
      'not json',
      '{"event_type":"dns","src_ip":"10.0.0.1","dns":{"type":"query","rrname":"c.example"}}',
    ].join('\n');
    const p = createSuricataEveParser({});
    const c = feed(p, text);
    expect(c.events.map((e) => e.ref)).toEqual([1, 2, 3]);
    expect(c.events[0]).toMatchObject({ client: '10.0.0.1', server: '10.0.0.53', qname: 'a.example.com', qtype: 'A', proto: 'udp' });
    expect(c.events[1].client).toBeUndefined();
    expect(c.events[2].answers).toEqual([{ name: 'b.example.com', type: 'A', value: '192.0.2.2' }]);
    expect(c.rejects.map((r) => r.ref)).toEqual([5, 6, 7]);
    expect(c.rejects[2].reason).toMatch(/timestamp/);
    expect(p.skipped).toBe(1);
    expect(c.notes.join()).toMatch(/1 non-DNS EVE event\(s\) skipped \(flow 1\)/);
  });
});

describe('passivedns-log', () => {
  it('-j JSON lines with timestamp_s/timestamp_ms, -X NXDOMAIN rows, count into the event, bad rows rejected', () => {
    const text = [
      '{"timestamp_s":1329575805,"timestamp_ms":123456,"client":"100.240.60.160","server":"80.160.30.30","class":"IN","query":"a.example.com.","type":"A","answer":"192.0.2.7","ttl":60,"count":3}',
      '1329575805.123456||100.240.60.160||80.160.30.30||IN||sadf.googles.com.||A||NXDOMAIN||0||1',
      '1329575806.0||100.240.60.160||80.160.30.30||IN||x.example.com.||A||not-an-ip||60||1',
      '1329575806.0||100.240.60.160||80.160.30.30||IN||x.example.com.||A',
      '1329575806.0||100.240.60.160||80.160.30.30||IN||y.example.com.||A||192.0.2.8||60||zero',
    ].join('\n');
    const c = feed(createPassiveDnsLogParser({}), text);
    expect(c.events[0]).toMatchObject({ ts: 1329575805123, client: '100.240.60.160', qname: 'a.example.com', count: 3, answers: [{ name: 'a.example.com', type: 'A', value: '192.0.2.7', ttl: 60 }] });
    expect(c.events[1]).toMatchObject({ qname: 'sadf.googles.com', rcode: 'NXDOMAIN' });
    expect(c.events[1].answers).toBeUndefined();
    expect(lookups(c.events)).toBe(4);
    expect(c.rejects).toEqual([
      { ref: 3, reason: 'answer is not a valid A value: not-an-ip' },
      { ref: 4, reason: 'expected 9 fields separated by "||", found 6' },
      { ref: 5, reason: 'bad count: zero' },
    ]);
  });
});

describe('windows-dns', () => {
  const pkt = (date: string, rest = 'UDP Rcv 192.0.2.10      1a2b   Q [0001   D   NOERROR] A      (3)www(7)example(3)com(0)') =>
    `${date} 0A1C PACKET  00000000020A1B30 ${rest}`;
  it('day-first 24-hour dates, ISO dates, notify/update skipped, root name skipped, bad lines rejected', () => {
    const text = [
      pkt('22/12/2021 17:32:59'),
      pkt('03/04/2021 01:02:03'), // day first: the file's order was settled by 22/12
      pkt('2021-12-22 17:33:00'),
      pkt('22/12/2021 17:33:01', 'UDP Rcv 192.0.2.10      1a2c   N [0000       NOERROR] SOA    (7)example(3)com(0)'),
      pkt('22/12/2021 17:33:02', 'UDP Rcv 192.0.2.10      1a2d   Q [0001   D   NOERROR] NS     (0)'),
      pkt('22/12/2021 17:33:03', 'UDP Rcv 192.0.2.10      1a2e   Q [0001   D   NOERROR] A      (3)www(9)example(0)'),
      pkt('31/02/2021 17:33:04'),
      'garbage',
      '22/12/2021 17:33:05 0A1C EVENT   The DNS server has started.',
      'UDP question info at 00000000020A1B30',
      '  Socket = 508',
    ].join('\n');
    const p = createWindowsDnsParser({});
    const c = feed(p, text);
    expect(c.events.map((e) => e.ts)).toEqual([Date.UTC(2021, 11, 22, 17, 32, 59), Date.UTC(2021, 3, 3, 1, 2, 3), Date.UTC(2021, 11, 22, 17, 33, 0)]);
    expect(c.events[0]).toMatchObject({ client: '192.0.2.10', qname: 'www.example.com', qtype: 'A' });
    expect(c.rejects.map((r) => [r.ref, r.reason])).toEqual([
      [6, 'bad length-prefixed name: (3)www(9)example(0)'],
      [7, 'bad date or time: 31/02/2021 17:33:04'],
      [8, 'not a Windows DNS debug log line'],
    ]);
    expect(p.skipped).toBe(5);
    expect(c.notes.join('\n')).toMatch(/1 packet\(s\) with opcode Notify/);
  });
  it('12-hour US dates: 12 AM is midnight, 12 PM noon', () => {
    const c = feed(createWindowsDnsParser({}), [pkt('1/2/2020 12:00:01 AM'), pkt('1/2/2020 12:00:01 PM')].join('\n'));
    expect(c.events.map((e) => e.ts)).toEqual([Date.UTC(2020, 0, 2, 0, 0, 1), Date.UTC(2020, 0, 2, 12, 0, 1)]);
  });
  it('length-prefixed names', () => {
    expect(decodeLengthPrefixed('(5)ctldl(13)windowsupdate(3)com(0)')).toBe('ctldl.windowsupdate.com');
    expect(decodeLengthPrefixed('(0)')).toBe('');
    expect(decodeLengthPrefixed('(5)ctl(3)com(0)')).toBeNull();
  });
});

const XML_EVENT = (name: string, results: string) => `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System><Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/><EventID>22</EventID>
    <TimeCreated SystemTime="2024-03-01T10:00:00.1234567Z"/><Computer>WS01.corp.example</Computer></System>
  <EventData><Data Name="RuleName">-</Data><Data Name="UtcTime">2024-03-01 09:59:59.500</Data>
    <Data Name="ProcessGuid">{0D2F1B43-0000-1111-2222-333344445555}</Data><Data Name="ProcessId">4242</Data>
    <Data Name="QueryName">${name}</Data><Data Name="QueryStatus">0</Data><Data Name="QueryResults">${results}</Data>
    <Data Name="Image">C:\\Program Files\\A &amp; B\\app.exe</Data><Data Name="User">CORP\\alice</Data></EventData></Event>`;

describe('sysmon-dns', () => {
  it('EVTX XML (with <Events> wrapper), two lookups of one name → one LOOKED_UP edge with count 2', () => {
    const text = ['<?xml version="1.0" encoding="utf-8"?>', '<Events>',
      XML_EVENT('x.example.com', 'type:  5 cdn.example.net;::ffff:192.0.2.5;2001:db8::5;'),
      XML_EVENT('x.example.com', '-'), '</Events>'].join('\n');
    const c = feed(createSysmonDnsParser({}), text);
    expect(c.rejects).toEqual([]);
    expect(c.events.map((e) => e.ref)).toEqual([3, 10]);
    expect(c.events[0].answers).toEqual([
      { name: 'x.example.com', type: 'CNAME', value: 'cdn.example.net' },
      { name: 'cdn.example.net', type: 'A', value: '192.0.2.5' },
      { name: 'cdn.example.net', type: 'AAAA', value: '2001:db8::5' },
    ]);
    const key = 'ws01.corp.example:0d2f1b43-0000-1111-2222-333344445555';
    expect(c.entities).toContainEqual(expect.objectContaining({ kind: 'Process', key, props: expect.objectContaining({ name: 'app.exe', image: 'C:\\Program Files\\A & B\\app.exe', pid: 4242 }) }));
    expect(c.edges).toContainEqual(expect.objectContaining({ type: 'LOOKED_UP', to: { kind: 'Host', key: 'x.example.com' }, ref: 3, props: { count: 2, statuses: ['NOERROR'] },
      validFrom: '2024-03-01T09:59:59.500Z', validTo: '2024-03-01T09:59:59.500Z' }));
    expect(c.edges).toContainEqual(expect.objectContaining({ type: 'RUNS_ON', from: { kind: 'Process', key }, to: { kind: 'Host', key: 'ws01.corp.example' } }));
  });

  it('Winlogbeat JSON lines; other event ids skipped; malformed XML and missing QueryName rejected', () => {
    const text = [
      '{"@timestamp":"2024-03-01T10:00:00Z","winlog":{"event_id":22,"computer_name":"WS02","event_data":{"UtcTime":"2024-03-01 10:00:00.000","ProcessGuid":"{A}","ProcessId":"7","QueryName":"y.example.com","QueryStatus":"9003","QueryResults":"","Image":"C:\\\\x.exe"}}}',
      '{"@timestamp":"2024-03-01T10:00:00Z","winlog":{"event_id":3,"computer_name":"WS02","event_data":{}}}',
      '{"@timestamp":"2024-03-01T10:00:00Z","winlog":{"event_id":22,"computer_name":"WS02","event_data":{"UtcTime":"2024-03-01 10:00:00.000"}}}',
      '<Event><System><EventID>22</EventID></System><EventData><Data Name="QueryName">a</Data></EventData></Evnt></Event>',
    ].join('\n');
    const p = createSysmonDnsParser({});
    const c = feed(p, text);
    expect(c.events).toHaveLength(1);
    expect(c.events[0]).toMatchObject({ qname: 'y.example.com', rcode: 'NXDOMAIN' });
    expect(c.rejects.map((r) => r.ref)).toEqual([3, 4]);
    expect(c.rejects[0].reason).toBe('event 22 without QueryName');
    expect(p.skipped).toBe(1);
  });

  it('QueryResults forms', () => {
    expect(parseQueryResults('type: 5 a.example;::ffff:1.2.3.4;')).toEqual([{ type: 'CNAME', value: 'a.example' }, { type: 'A', value: '::ffff:1.2.3.4' }]);
    expect(parseQueryResults('-')).toEqual([]);
    expect(parseQueryResults('type:  5 b.example;')).toEqual([{ type: 'CNAME', value: 'b.example' }]);
  });
});

describe('route53-resolver', () => {
  it('lower-case answer keys, a CNAME chain, no vpc (no endpoint facts), bad records rejected by line', () => {
    const text = [
      '{"query_timestamp":"2024-01-01T00:00:00Z","query_name":"a.example.com.","query_type":"A","rcode":"NOERROR","answers":[{"rdata":"b.example.net.","type":"CNAME"},{"rdata":"192.0.2.1","type":"A"}],"srcaddr":"10.1.2.3","transport":"TCP"}',
      '{"query_timestamp":"nope","query_name":"a.example.com.","srcaddr":"10.1.2.3"}',
      '{"query_timestamp":"2024-01-01T00:00:00Z","query_name":"a.example.com.","srcaddr":"10.1.2.300"}',
      '1.0 garbage',
      '{"query_timestamp":"2024-01-01T00:00:00Z"',
    ].join('\n');
    const c = feed(createRoute53Parser({}), text);
    expect(c.events).toHaveLength(1);
    expect(c.events[0].answers).toEqual([{ name: 'a.example.com', type: 'CNAME', value: 'b.example.net' }, { name: 'b.example.net', type: 'A', value: '192.0.2.1' }]);
    expect(c.events[0].proto).toBe('tcp');
    expect(c.entities).toEqual([]);
    expect(c.edges).toEqual([]);
    expect(c.rejects.map((r) => [r.ref, r.reason])).toEqual([
      [2, 'missing or bad query_timestamp'], [3, 'bad srcaddr: 10.1.2.300'],
      [4, 'neither a Resolver query log object nor a public hosted-zone query log line'],
      [5, 'JSON value not terminated at end of file'],
    ]);
  });
});
