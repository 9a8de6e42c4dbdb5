// Guess a file's format from its first bytes (the caller passes up to 64 KiB, already gunzipped).
// Binary magics first, then JSON shapes, then line-oriented text by tell-tale tokens. Returns
// null when nothing fits (the user then names the format).
import type { FormatName } from './types.ts';

const HEAD = 64 * 1024;

function isPcapMagic(b: Buffer): boolean {
  if (b.length < 4) return false;
  const le = b.readUInt32LE(0);
  // a1b2c3d4 (µs) and a1b23c4d (ns), in either byte order.
  return le === 0xa1b2c3d4 || le === 0xd4c3b2a1 || le === 0xa1b23c4d || le === 0x4d3cb2a1;
}

function isDnstap(b: Buffer): boolean {
  // Frame Streams: a zero-length frame (escape), then a control frame whose content type is dnstap.
  if (b.length < 12 || b.readUInt32BE(0) !== 0) return false;
  return b.subarray(0, Math.min(b.length, 256)).includes('protobuf:dnstap.Dnstap');
}

function looksJson(t: string): boolean {
  const s = t.trimStart();
  if (s[0] === '{') return true;
  // `[` alone is not enough: JPRS WHOIS opens with `[ JPRS database ...`, Unbound with `[epoch]`.
  return s[0] === '[' && /^\[\s*[{["\]]/.test(s);
}

/** Does the first non-blank, non-comment line look like a table header with a time column? */
function csvHeader(t: string): boolean {
  const line = t.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
  if (!line) return false;
  const d = [',', '\t', '|', ';'].find((x) => line.includes(x));
  if (!d) return false;
  const cols = line.split(d).map((h) => h.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return cols.some((h) => ['timestamp', 'time', 'ts', 'datetime', 'date', 'querytime', 'eventtime'].includes(h));
}

// ccTLD registries pad and spell their labels their own way (`domain.............:`, `Domain   :`,
// `nserver:`, `paid-till:`): two different registry labels at line starts make a WHOIS answer.
const WHOIS_LABEL = /^(?:\*\* )?\s*(domain(?: name)?|query|nserver|name servers?|registrar|status|state|created|registered|expires|expire date|paid-till|changed|last update|holder|registrant|owner)[ \t.]*:/gim;

function looksWhois(t: string): boolean {
  const seen = new Set<string>();
  for (const m of t.slice(0, 16384).matchAll(WHOIS_LABEL)) {
    seen.add(m[1].toLowerCase());
    if (seen.size >= 2 && [...seen].some((l) => l.startsWith('domain') || l === 'query')) return true;
  }
  return false;
}

const ASN_ROW = /^(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)\t(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)\t\d+\t(?:[A-Za-z]{2}|None)\t/im;

/** JSON exports of DNS sensors, servers and clouds (Suricata, passivedns -j, Windows, Sysmon, Route 53). */
function jsonDnsExport(t: string): FormatName | null {
  if (/"event_type"\s*:\s*"/.test(t) && /"(src_ip|flow_id)"\s*:/.test(t)) return 'suricata-eve';
  if (t.includes('"timestamp_s"') && t.includes('"query"') && t.includes('"answer"')) return 'passivedns-log';
  if (t.includes('Microsoft-Windows-Sysmon') || (t.includes('"QueryName"') && /"(ProcessGuid|Image)"/.test(t))) return 'sysmon-dns';
  if (t.includes('Microsoft-Windows-DNSServer') || (t.includes('"QNAME"') && /"(event_data|EventData)"/.test(t))) return 'windows-dns';
  if (t.includes('"query_name"') && /"(srcaddr|vpc_id|query_timestamp)"/.test(t)) return 'route53-resolver';
  return null;
}

/** Text logs of the same sources: passivedns `||` lines, Windows DNS debug logs, Sysmon XML, Route 53 public zone logs. */
function textDnsExport(t: string): FormatName | null {
  if (/^\[\*\] PassiveDNS /m.test(t) || /^#timestamp\|\|/m.test(t) || /^\d+(\.\d+)?\|\|[0-9a-fA-F:.]+\|\|[0-9a-fA-F:.]+\|\|[A-Z0-9]+\|\|/m.test(t)) return 'passivedns-log';
  if (/ PACKET +[0-9A-Fa-f]+ (UDP|TCP) (Snd|Rcv) /.test(t) || /^Message logging key \(for packets/m.test(t) || /^DNS Server log file creation at /m.test(t)) return 'windows-dns';
  if (/<Event[\s>]/.test(t) && (t.includes('Microsoft-Windows-Sysmon') || t.includes('Name="QueryName"'))) return 'sysmon-dns';
  if (/^\d+\.\d+ \d{4}-\d\d-\d\dT[\d:.]+Z \S+ \S+ [A-Z0-9]+ [A-Z0-9]+ (UDP|TCP) \S+ \S+ \S+$/m.test(t)) return 'route53-resolver';
  return null;
}

export function detectFormat(head: Buffer, fileName: string): FormatName | null {
  const b = head.length > HEAD ? head.subarray(0, HEAD) : head;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return null; // gzip: decompress first
  if (isPcapMagic(b)) return 'pcap';
  if (b.length >= 4 && b.readUInt32BE(0) === 0x0a0d0d0a) return 'pcap'; // pcapng section header
  if (isDnstap(b)) return 'dnstap';

  let t = b.toString('utf8');
  if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  const lower = fileName.toLowerCase();
  if ((lower.endsWith('.yaml') || lower.endsWith('.yml')) && /^case:/m.test(t)) return 'case';

  // Raw HTTP response (recorded RDAP): look at the body.
  if (t.startsWith('HTTP/1.') || t.startsWith('HTTP/2')) {
    const body = t.indexOf('\r\n\r\n') >= 0 ? t.slice(t.indexOf('\r\n\r\n') + 4) : t.slice(t.indexOf('\n\n') + 2);
    return looksJson(body) && body.includes('"objectClassName"') ? 'rdap' : null;
  }
  if (looksJson(t)) {
    // Security-log exports first: EVE and Sysmon events also carry rrname/rrtype-like keys.
    const dnsExport = jsonDnsExport(t);
    if (dnsExport) return dnsExport;
    if (t.includes('"id.orig_h"')) return 'zeek-json';
    // ipwhois test maps hold raw WHOIS text (`"response": "..."`) or RDAP objects (`"response": {`).
    if (t.includes('"asn_data"')) return /"response"\s*:\s*\{/.test(t) ? 'rdap' : 'ipwhois';
    if (t.includes('"objectClassName"')) return 'rdap';
    if (/^\s*\{\s*"(cond|obj)"\s*:/m.test(t)) return 'passive-dns';
    if (t.includes('"rrname"') && (t.includes('"rrtype"') || t.includes('"rdata"'))) return 'passive-dns';
    if (t.includes('"time_first"') || t.includes('"zone_time_first"')) return 'passive-dns';
    return null;
  }

  if (/^#separator /m.test(t) || /^#fields\t/m.test(t)) return 'zeek-tsv';
  if (/ dnsmasq(-dhcp)?\[\d+\]: /.test(t)) return 'dnsmasq';
  if (/\bunbound(\[\d+:\d+\]|: \[\d+:\d+\])/.test(t) || /info: [0-9a-fA-F:.]+ \S+\. [A-Z0-9]+ IN\b/.test(t)) return 'unbound';
  if (/client @0x[0-9a-f]+ /.test(t) || / query: \S+ (IN|CH|HS) \S+/.test(t)) return 'bind';
  const dnsText = textDnsExport(t);
  if (dnsText) return dnsText;
  if (/^\s*(Domain Name|Registrar|Server Name|Registry Domain ID):/im.test(t) || /\[Domain Name\]/.test(t)) return 'whois';
  if (looksWhois(t)) return 'whois';
  if (ASN_ROW.test(t)) return 'asn-table';
  if (csvHeader(t)) return 'csv';
  return null;
}
