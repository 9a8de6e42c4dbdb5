// DNS messages that are not lookups: RFC 2136 UPDATE and RFC 1996 NOTIFY in pcap and dnstap,
// built byte by byte (no capture in the corpus carries them; the mDNS announcements of
// wikipedia.pcap are checked in pcap-conformance and zeek-cross-check). Mutated UPDATEs never throw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { createPcapParser } from '../../../server/src/importers/pcap/index.ts';
import { createDnstapParser } from '../../../server/src/importers/dnstap/index.ts';
import { decodeUpdate } from '../../../server/src/importers/normalize/dns-update.ts';
import { feedBytes } from '../../support/recording-sink.ts';
import { ethernet, ipv4, pcapFile, udp } from './support/capture-builder.ts';

const u16 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
const name = (n: string) => Buffer.concat([...n.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
const rr = (owner: string, type: number, cls: number, ttl: number, rdata: Buffer) => Buffer.concat([name(owner), u16(type), u16(cls), u32(ttl), u16(rdata.length), rdata]);

/** RFC 2136 request: zone example.com; delete host's A set (class ANY, empty rdata), add 192.0.2.7, delete one AAAA (class NONE). */
function update(id: number, response = false, rcode = 0): Buffer {
  const flags = (response ? 0x8000 : 0) | (5 << 11) | rcode;
  if (response) return Buffer.concat([u16(id), u16(flags), u16(1), u16(0), u16(0), u16(0), name('example.com'), u16(6), u16(1)]);
  return Buffer.concat([
    u16(id), u16(flags), u16(1), u16(0), u16(3), u16(0),
    name('example.com'), u16(6), u16(1),
    rr('host.example.com', 1, 255, 0, Buffer.alloc(0)),
    rr('host.example.com', 1, 1, 300, Buffer.from([192, 0, 2, 7])),
    rr('host.example.com', 28, 254, 0, Buffer.from('20010db8000000000000000000000007', 'hex')),
  ]);
}
const notify = (id: number) => Buffer.concat([u16(id), u16(0x2400), u16(1), u16(0), u16(0), u16(0), name('example.com'), u16(6), u16(1)]);

const CLIENT = '10.0.0.9';
const SERVER = '10.0.0.53';
const pkt = (src: string, dst: string, sport: number, dport: number, payload: Buffer) => ethernet(0x0800, ipv4(src, dst, 17, udp(sport, dport, payload)));

describe('DNS UPDATE and NOTIFY in pcap', () => {
  it('an UPDATE is the client changing records, not a lookup: one UPDATED edge per name, with the server\'s answer', () => {
    const buf = pcapFile(1, [
      { sec: 1700000000, frac: 0, data: pkt(CLIENT, SERVER, 40001, 53, update(0x51)) },
      { sec: 1700000000, frac: 20_000, data: pkt(SERVER, CLIENT, 53, 40001, update(0x51, true, 0)) },
      { sec: 1700000060, frac: 0, data: pkt(CLIENT, SERVER, 40002, 53, update(0x52)) },
      { sec: 1700000060, frac: 30_000, data: pkt(SERVER, CLIENT, 53, 40002, update(0x52, true, 5)) },
      { sec: 1700000100, frac: 0, data: pkt(SERVER, '10.0.0.54', 53, 53, notify(9)) },
    ]);
    const p = createPcapParser({});
    const c = feedBytes(p, buf);
    expect(c.rejects).toEqual([]);
    expect(c.events).toEqual([]);
    expect(p.stats()).toMatchObject({ packets: 5, dnsPackets: 5, updates: 2, notifies: 1, announcements: 0, events: 0 });
    expect(c.edges).toEqual([
      { type: 'UPDATED', from: { kind: 'IP', key: CLIENT }, to: { kind: 'Host', key: 'host.example.com' }, ref: 1, props: {
        count: 2, firstSeen: '2023-11-14T22:13:20.000Z', lastSeen: '2023-11-14T22:14:20.000Z',
        zone: ['example.com'], rrtypes: ['A', 'AAAA'], deleted: ['A (delete-rrset)', 'AAAA 2001:db8::7'], added: ['A 192.0.2.7'], servers: [SERVER],
        rcode: 'REFUSED', // the later of the two answers
      } },
      { type: 'NOTIFIED', from: { kind: 'IP', key: SERVER }, to: { kind: 'Host', key: 'example.com' }, ref: 5, props: {
        count: 1, firstSeen: '2023-11-14T22:15:00.000Z', lastSeen: '2023-11-14T22:15:00.000Z', secondaries: ['10.0.0.54'],
      } },
    ]);
    expect(c.notes).toContain('not lookups: 2 DNS UPDATE requests, 1 NOTIFY messages, 0 mDNS announcements (kept as UPDATED / NOTIFIED / ANNOUNCED facts)');
  });

  it('a malformed UPDATE is rejected with its record number', () => {
    const bad = update(1).subarray(0, 40);
    const c = feedBytes(createPcapParser({}), pcapFile(1, [{ sec: 1, frac: 0, data: pkt(CLIENT, SERVER, 1234, 53, bad) }]));
    expect(c.rejects).toEqual([{ ref: 1, reason: 'malformed DNS UPDATE: label runs past the message' }]);
    expect(c.edges).toEqual([]);
  });

  it('mutated UPDATE messages never throw', () => {
    const src = update(3);
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: src.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat({ max: src.length }), (muts, cut) => {
      const b = Buffer.from(src);
      for (const [at, v] of muts) b[at] = v;
      const r = decodeUpdate(b.subarray(0, Math.max(cut, 12)));
      if (typeof r !== 'string') for (const ch of r.changes) expect(ch.name.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });
});

describe('DNS UPDATE in dnstap', () => {
  const root = protobuf.parse(readFileSync(new URL('../../../server/src/importers/dnstap/dnstap.proto', import.meta.url), 'utf8'), { keepCase: true }).root;
  const Dnstap = root.lookupType('dnstap.Dnstap');
  const frame = (payload: Uint8Array) => Buffer.concat([u32(payload.length), Buffer.from(payload)]);
  const ct = Buffer.from('protobuf:dnstap.Dnstap');
  const start = Buffer.concat([u32(0), u32(12 + ct.length), u32(2), u32(1), u32(ct.length), ct]);
  const msg = (type: number, wire: Buffer, response: boolean) => Dnstap.encode(Dnstap.create({
    type: 1,
    message: {
      type, socket_family: 1, socket_protocol: 1,
      query_address: Buffer.from([10, 0, 0, 9]), query_port: 40001, response_address: Buffer.from([10, 0, 0, 53]), response_port: 53,
      ...(response ? { response_time_sec: 1700000000, response_time_nsec: 5_000_000, response_message: wire } : { query_time_sec: 1700000000, query_time_nsec: 0, query_message: wire }),
    },
  })).finish();
  it('UPDATE_QUERY / UPDATE_RESPONSE become an UPDATED fact with the answer', () => {
    const buf = Buffer.concat([start, frame(msg(13, update(0x51), false)), frame(msg(14, update(0x51, true, 0), true))]);
    const c = feedBytes(createDnstapParser({}), buf);
    expect(c.rejects).toEqual([]);
    expect(c.events).toEqual([]);
    expect(c.edges.map((e) => [e.type, e.from.key, e.to.key, e.props!.rcode, e.props!.added])).toEqual([['UPDATED', CLIENT, 'host.example.com', 'NOERROR', ['A 192.0.2.7']]]);
  });
});
