// The captures behind two Zeek btest baselines must yield what Zeek logged: the same set of
// (client, query name, qtype, answers). The baselines are read with the project's Zeek TSV
// parser (server/src/importers/zeek/zeek-tsv.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createPcapParser } from '../../../server/src/importers/pcap/index.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import type { DnsQueryEvent } from '../../../server/src/importers/types.ts';
import { feedBytes, feedLines } from '../../support/recording-sink.ts';

// Both importers concatenate TXT character-strings (as Zeek and SPF/DKIM readers do), so TXT
// values are compared as they are.
function key(e: DnsQueryEvent): string {
  const answers = (e.answers ?? []).map((a) => a.value).sort();
  return JSON.stringify([e.client ?? '', e.qname, e.qtype ?? '', answers]);
}

function compare(pcapName: string, zeekName: string) {
  const fromPcap = feedBytes(createPcapParser({}), readFileSync(conformanceFile(`pcap/${pcapName}`)));
  const fromZeek = feedLines(createZeekTsvParser({}), readFileSync(conformanceFile(`zeek_tsv/${zeekName}`), 'utf8'));
  expect(fromZeek.rejects).toEqual([]);
  // Zeek logs an unsolicited mDNS response as a row whose originator is the sender; the pcap
  // importer keeps it as the sender's ANNOUNCED fact (one per owner name, with the values).
  const announced = fromPcap.edges.filter((e) => e.type === 'ANNOUNCED').map((e) => JSON.stringify([e.from.key, e.to.key, '', [...(e.props!.values as string[])].sort()]));
  const p = new Set([...fromPcap.events.map(key), ...announced]);
  const z = new Set(fromZeek.events.map(key));
  return {
    pcapEvents: fromPcap.events.length + announced.length, zeekEvents: fromZeek.events.length,
    onlyPcap: [...p].filter((k) => !z.has(k)).sort(), onlyZeek: [...z].filter((k) => !p.has(k)).sort(), shared: [...p].filter((k) => z.has(k)).length,
  };
}

describe.skipIf(!hasConformance)('pcap ↔ Zeek dns.log cross-check', () => {
  it('wikipedia.pcap ↔ opt.basic: identical, the two mDNS announcements as ANNOUNCED facts of their senders', () => {
    const r = compare('zeek__Traces_wikipedia.pcap', 'zeek__opt.basic__dns.log');
    expect([r.pcapEvents, r.zeekEvents]).toEqual([34, 34]);
    // meta A/AAAA, upload A/AAAA, ncsa AAAA, gemini SRV (announced over IPv4 and IPv6), gomez TXT,
    // workgroup, brwc0cb383d1f42 A (v4 + v6) and NIMLOC.
    expect(r.shared).toBe(13);
    expect(r.onlyPcap).toEqual([]);
    expect(r.onlyZeek).toEqual([]);
  });

  it('ipv6-fragmented-dns.pcap ↔ core.ipv6-frag: the same three rows, TXT from the reassembled response', () => {
    const r = compare('zeek__Traces_ipv6-fragmented-dns.pcap', 'zeek__core.ipv6-frag__dns.log');
    expect([r.pcapEvents, r.zeekEvents]).toEqual([3, 3]);
    expect(r.onlyPcap).toEqual([]);
    expect(r.onlyZeek).toEqual([]);
    expect(r.shared).toBe(3);
  });
});
