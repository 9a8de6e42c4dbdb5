import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createZeekTsvParser } from '../../../server/src/importers/zeek/zeek-tsv.ts';
import { createZeekJsonParser } from '../../../server/src/importers/zeek/zeek-json.ts';
import { byRef, feedFile, summary } from './collect.ts';

// Expected figures were counted by hand from the files (see the conformance README, §1 and §1b).
describe.skipIf(!hasConformance)('Zeek TSV conformance', () => {
  it('core.ipv6-frag: 3 rows, multi-string TXT answers, masked times', () => {
    const p = createZeekTsvParser({});
    const c = feedFile(p, conformanceFile('zeek_tsv/zeek__core.ipv6-frag__dns.log'));
    expect(summary(c)).toEqual({ events: 3, clients: 1, qnames: 2, answers: 2, rejects: 0 });
    expect(p.skipped).toBe(10); // ###, 7 directives, #fields/#types counted among them, #close
    expect(c.notes).toEqual(['timestamps are masked (XXXXXXXXXX.XXXXXX, a Zeek test baseline): events have no time']);
    const e = byRef(c, 10);
    expect(Number.isNaN(e.ts)).toBe(true);
    expect(e).toMatchObject({
      qname: 'txtpadding_323.n1.netalyzr.icsi.berkeley.edu', client: '2001:470:1f11:81f:d138:5f55:6d4:1fe2',
      server: '2607:f740:b::f93', proto: 'udp', qtype: 'TXT', rcode: 'NOERROR',
    });
    expect(e.answers).toHaveLength(1);
    expect(e.answers![0]).toEqual({
      name: 'txtpadding_323.n1.netalyzr.icsi.berkeley.edu', type: 'TXT', ttl: 1,
      value: 'This TXT record should be ignored' + 'As it is just padding' + 'X'.repeat(136),
    });
    const last = byRef(c, 12);
    expect(last.rcode).toBeUndefined();
    expect(last.answers).toBeUndefined();
  });

  it('opt.basic: mDNS, LLMNR, NetBIOS and CNAME chains', () => {
    const p = createZeekTsvParser({});
    const c = feedFile(p, conformanceFile('zeek_tsv/zeek__opt.basic__dns.log'));
    expect(summary(c)).toEqual({ events: 34, clients: 8, qnames: 7, answers: 15, rejects: 0 });
    expect(byRef(c, 15)).toMatchObject({
      qname: 'upload.wikimedia.org', client: '141.142.220.118', server: '141.142.2.2', qtype: 'A', rcode: 'NOERROR',
      answers: [
        { name: 'upload.wikimedia.org', type: 'CNAME', value: 'upload.pmtpa.wikimedia.org', ttl: 124 },
        { name: 'upload.pmtpa.wikimedia.org', type: 'A', value: '208.80.152.3', ttl: 2156 },
      ],
    });
    expect(byRef(c, 26).answers).toEqual([
      { name: 'meta.wikimedia.org', type: 'CNAME', value: 'text.wikimedia.org', ttl: 723 },
      { name: 'text.wikimedia.org', type: 'CNAME', value: 'text.pmtpa.wikimedia.org', ttl: 593 },
      { name: 'text.pmtpa.wikimedia.org', type: 'A', value: '208.80.152.2', ttl: 2141 },
    ]);
    expect(byRef(c, 14)).toMatchObject({ qname: 'upload.wikimedia.org.ncsa.uiuc.edu', qtype: 'AAAA', rcode: 'NXDOMAIN' });
    // NetBIOS name, upper case in the log, normalized like any other.
    expect(byRef(c, 36)).toMatchObject({ qname: 'brwc0cb383d1f42', qtype: 'NIMLOC', client: '141.142.220.226', server: '141.142.220.255' });
    expect(byRef(c, 43)).toMatchObject({ qname: 'workgroup', client: '141.142.220.238' });
    // mDNS response without a question: the single name answer's type is unknown.
    expect(byRef(c, 11)).toMatchObject({
      client: 'fe80::217:f2ff:fed7:cf65', server: 'ff02::fb', qname: 'gemini._sftp-ssh._tcp.local',
      answers: [{ name: 'gemini._sftp-ssh._tcp.local', type: 'UNKNOWN', value: 'gemini.local', ttl: 120 }],
    });
    expect(byRef(c, 11).qtype).toBeUndefined();
    expect(c.events.filter((e) => e.rcode === 'NXDOMAIN')).toHaveLength(4);
  });

  it('multiple-txt-strings: CNAME chain then one TXT with two strings', () => {
    const c = feedFile(createZeekTsvParser({}), conformanceFile('zeek_tsv/zeek__scripts.base.protocols.dns.multiple-txt-strings__dns.log'));
    expect(summary(c)).toEqual({ events: 1, clients: 1, qnames: 1, answers: 3, rejects: 0 });
    const e = byRef(c, 10);
    expect(e).toMatchObject({ qname: 'flkr._domainkey.flickr.com', client: '192.150.187.50', server: '68.142.255.16', rcode: 'NOERROR' });
    expect(e.qtype).toBeUndefined();
    expect(e.answers!.map((a) => [a.name, a.type, a.ttl])).toEqual([
      ['flkr._domainkey.flickr.com', 'CNAME', 900],
      ['fa14._domainkey.flickr.com', 'CNAME', 900],
      ['fa14._domainkey.yahoo.com', 'TXT', 7200],
    ]);
    const txt = e.answers![2].value;
    expect(txt.startsWith('k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDPdPfyJM2R2GqMyZM1flTzFeDIU+e7KmiKRw5yz3Xht+cgEIiHmm5lIGBuWCc5rtiy0CcxePpqccPKjnHSrDI23PU')).toBe(true);
    expect(txt).toHaveLength(127 + 98);
  });
});

describe.skipIf(!hasConformance)('Zeek JSON conformance', () => {
  it('filebeat dns-json: omitted fields, arrays, epoch floats', () => {
    const c = feedFile(createZeekJsonParser({}), conformanceFile('zeek_json/elastic-beats__filebeat-zeek__dns-json.log'));
    expect(summary(c)).toEqual({ events: 3, clients: 3, qnames: 2, answers: 4, rejects: 0 });
    expect(byRef(c, 1)).toEqual({
      ts: 1547188415857, qname: 'dd625ffb4fc54735b281862aa1cd6cd4.us-west1.gcp.cloud.es.io', ref: 1,
      client: '192.168.86.167', server: '192.168.86.1', proto: 'udp', qtype: 'A', rcode: 'NOERROR',
      answers: [
        { name: 'dd625ffb4fc54735b281862aa1cd6cd4.us-west1.gcp.cloud.es.io', type: 'CNAME', value: 'proxy-production-us-west1.gcp.cloud.es.io', ttl: 119 },
        { name: 'proxy-production-us-west1.gcp.cloud.es.io', type: 'CNAME', value: 'proxy-production-us-west1-v1-009.gcp.cloud.es.io', ttl: 119 },
        { name: 'proxy-production-us-west1-v1-009.gcp.cloud.es.io', type: 'A', value: '35.199.178.4', ttl: 59 },
      ],
    });
    expect(byRef(c, 2)).toEqual({
      ts: 1567095830680, qname: '_googlecast._tcp.local', ref: 2, client: 'fe80::4ef:15cf:769f:ff21', server: 'ff02::fb', proto: 'udp', qtype: 'PTR',
    });
    expect(byRef(c, 3).rcode).toBe('NOERROR');
    expect(byRef(c, 3).qtype).toBeUndefined();
  });
});
