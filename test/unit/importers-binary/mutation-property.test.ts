// Random byte mutations of real captures never make a parser throw, and every packet record
// lands in exactly one bucket (delivered DNS, rejected, buffered, or a counted skip).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createPcapParser } from '../../../server/src/importers/pcap/index.ts';
import { createDnstapParser } from '../../../server/src/importers/dnstap/index.ts';
import { feedBytes } from '../../support/recording-sink.ts';

const mutations = (len: number) => fc.array(fc.record({ at: fc.nat({ max: len - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 });

function mutate(src: Buffer, ms: { at: number; byte: number }[]): Buffer {
  const b = Buffer.from(src);
  for (const m of ms) b[m.at] = m.byte;
  return b;
}

describe.skipIf(!hasConformance)('mutated inputs', () => {
  const traces = ['zeek__Traces_dns-invalid-names.pcap', 'zeek__Traces_dns-txt-multiple.pcap', 'zeek__Traces_ipv6-fragmented-dns.pcap', 'zeek__Traces_wikipedia.pcap'];
  for (const name of traces) {
    it(`pcap ${name}`, () => {
      const src = readFileSync(conformanceFile(`pcap/${name}`));
      fc.assert(fc.property(mutations(src.length), fc.integer({ min: 1, max: 600 }), (ms, chunk) => {
        const p = createPcapParser({});
        const c = feedBytes(p, mutate(src, ms), chunk);
        const s = p.stats();
        const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
        expect(s.dnsPackets + s.rejectedPackets + s.buffered + skipped).toBe(s.packets);
        expect(c.events.length).toBe(s.events);
        // Every message decoded is in exactly one event (a query, or a response alone or folded in).
        expect(s.events).toBeLessThanOrEqual(s.dnsMessages);
        expect(s.events).toBeGreaterThanOrEqual(Math.ceil(s.dnsMessages / 2));
        expect(c.rejects.length).toBeGreaterThanOrEqual(s.rejectedPackets);
        for (const r of c.rejects) expect(r.ref).toBeGreaterThanOrEqual(1);
      }), { numRuns: name.includes('wikipedia') ? 150 : 300 });
    });
  }

  it('dnstap frames', () => {
    const src = readFileSync(conformanceFile('dnstap/go-dnscollector__dnstap.fstrm'));
    fc.assert(fc.property(mutations(src.length), fc.integer({ min: 1, max: 300 }), (ms, chunk) => {
      const p = createDnstapParser({});
      const c = feedBytes(p, mutate(src, ms), chunk);
      const s = p.stats();
      // Every data frame is a DNS message, a reject or a skip; a framing-level reject may add one.
      expect(s.messages + s.rejected + s.skipped).toBe(s.frames);
      expect(c.events.length).toBe(s.events);
      expect(s.events).toBeLessThanOrEqual(s.messages);
      expect(c.rejects.length).toBeGreaterThanOrEqual(s.rejected);
    }), { numRuns: 500 });
  });
});
