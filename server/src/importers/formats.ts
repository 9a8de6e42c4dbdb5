// Every importable format: how to parse it and what kind of Source it makes.
import type { ByteParser, DocumentParser, FormatName, LineParser, ParseOptions, SourceKind } from './types.ts';
import { createZeekTsvParser } from './zeek/zeek-tsv.ts';
import { loadZeekTsv } from './zeek/zeek-tsv-duckdb.ts';
import type { TableLoader } from './table-loader.ts';
import { createZeekJsonParser } from './zeek/zeek-json.ts';
import { createBindParser } from './bind/bind-querylog.ts';
import { createDnsmasqParser } from './dnsmasq/dnsmasq-log.ts';
import { createUnboundParser } from './unbound/unbound-log.ts';
import { createQueryTableParser } from './csv/query-table.ts';
import { createPassiveDnsParser } from './passive-dns/index.ts';
import { createPcapParser } from './pcap/index.ts';
import { createDnstapParser } from './dnstap/index.ts';
import { parseWhois } from './whois/whois.ts';
import { parseRdap } from './rdap/rdap.ts';
import { createAsnTableParser } from './asn/asn-table.ts';
import { parseIpwhoisJson } from './asn/ipwhois.ts';
import { createSuricataEveParser } from './suricata-eve/suricata-eve.ts';
import { createPassiveDnsLogParser } from './passivedns-log/passivedns-log.ts';
import { createWindowsDnsParser } from './windows-dns/windows-dns.ts';
import { createSysmonDnsParser } from './sysmon-dns/sysmon-dns.ts';
import { createRoute53Parser } from './route53-resolver/route53-resolver.ts';

export type FormatSpec =
  // `load`: formats DuckDB reads itself go straight into the import engine's tables (whole files;
  // the parser takes resumed segments and whatever the loader leaves to it).
  | { name: FormatName; sourceKind: SourceKind; reliability: number; mode: 'line'; create: (o: ParseOptions) => LineParser; load?: TableLoader }
  | { name: FormatName; sourceKind: SourceKind; reliability: number; mode: 'byte'; create: (o: ParseOptions) => ByteParser }
  | { name: FormatName; sourceKind: SourceKind; reliability: number; mode: 'document'; parse: DocumentParser };

// Default confidence of a source's facts, by how directly the source observed them: a capture
// saw the packets; a resolver log is the resolver's own account; passive DNS is a third party's
// aggregate; registry data is self-declared by registrants.
export const FORMATS: Record<Exclude<FormatName, 'case'>, FormatSpec> = {
  'zeek-tsv': { name: 'zeek-tsv', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createZeekTsvParser, load: loadZeekTsv },
  'zeek-json': { name: 'zeek-json', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createZeekJsonParser },
  bind: { name: 'bind', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createBindParser },
  dnsmasq: { name: 'dnsmasq', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createDnsmasqParser },
  unbound: { name: 'unbound', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createUnboundParser },
  csv: { name: 'csv', sourceKind: 'dns-log', reliability: 80, mode: 'line', create: createQueryTableParser },
  'passive-dns': { name: 'passive-dns', sourceKind: 'passive-dns', reliability: 80, mode: 'line', create: createPassiveDnsParser },
  pcap: { name: 'pcap', sourceKind: 'pcap', reliability: 95, mode: 'byte', create: createPcapParser },
  dnstap: { name: 'dnstap', sourceKind: 'pcap', reliability: 95, mode: 'byte', create: createDnstapParser },
  whois: { name: 'whois', sourceKind: 'whois', reliability: 85, mode: 'document', parse: parseWhois },
  rdap: { name: 'rdap', sourceKind: 'rdap', reliability: 90, mode: 'document', parse: parseRdap },
  'asn-table': { name: 'asn-table', sourceKind: 'asn-table', reliability: 80, mode: 'line', create: createAsnTableParser },
  ipwhois: { name: 'ipwhois', sourceKind: 'whois', reliability: 85, mode: 'document', parse: parseIpwhoisJson },
  // A sensor's or a server's own account of the DNS traffic it saw; passivedns is a sensor too.
  'suricata-eve': { name: 'suricata-eve', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createSuricataEveParser },
  'passivedns-log': { name: 'passivedns-log', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createPassiveDnsLogParser },
  'windows-dns': { name: 'windows-dns', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createWindowsDnsParser },
  'sysmon-dns': { name: 'sysmon-dns', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createSysmonDnsParser },
  'route53-resolver': { name: 'route53-resolver', sourceKind: 'dns-log', reliability: 90, mode: 'line', create: createRoute53Parser },
};

export const FORMAT_NAMES = [...Object.keys(FORMATS), 'case'] as FormatName[];
