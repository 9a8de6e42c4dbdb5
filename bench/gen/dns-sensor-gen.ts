// Deterministic generator of the security-sensor, server and cloud DNS log formats, one record a
// line, for the parse-rate benchmark (bench/sensor-parse.ts). Names and clients come from the same
// universe and Zipf popularity as bench/gen/dns-log-gen.ts.
//   npx tsx bench/gen/dns-sensor-gen.ts --format route53-resolver --records 1000000 --out bench/out/r53-1m.log
// Formats: suricata-eve (query and v2 answer lines in turn), passivedns-log, windows-dns (debug log
// PACKET lines, Rcv Q and Snd R Q in turn), sysmon-dns (Winlogbeat JSON lines), route53-resolver.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildUniverse, mulberry32, zipf } from './dns-log-gen.ts';

export const SENSOR_FORMATS = ['suricata-eve', 'passivedns-log', 'windows-dns', 'sysmon-dns', 'route53-resolver'] as const;
export type SensorFormat = (typeof SENSOR_FORMATS)[number];

const QTYPES = ['A', 'A', 'A', 'AAAA', 'MX', 'TXT'];
const p2 = (n: number) => (n < 10 ? '0' : '') + n;
const ip4 = (h: number) => `${((h >>> 24) & 255) || 1}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
function hash(s: string): number { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; }
const lp = (name: string) => name.split('.').map((l) => `(${l.length})${l}`).join('') + '(0)';
const IMAGES = ['C:\\\\Windows\\\\System32\\\\svchost.exe', 'C:\\\\Program Files\\\\Mozilla Firefox\\\\firefox.exe', 'C:\\\\Users\\\\u\\\\AppData\\\\Local\\\\Temp\\\\x.exe', 'C:\\\\Windows\\\\explorer.exe'];

function line(fmt: SensorFormat, i: number, ts: number, client: string, name: string, rnd: () => number): string {
  const h = hash(name);
  const qtype = QTYPES[h % QTYPES.length];
  const ans = qtype === 'AAAA' ? `2606:4700:${(h & 0xffff).toString(16)}::${(h >>> 16).toString(16)}` : qtype === 'MX' ? `mx1.${name}` : qtype === 'TXT' ? 'v=spf1 -all' : ip4(h);
  const iso = new Date(Math.floor(ts * 1000)).toISOString();
  switch (fmt) {
    case 'suricata-eve': {
      const head = `{"timestamp":"${iso.slice(0, 23)}000+0000","flow_id":${1e14 + (i >> 1)},"event_type":"dns",`;
      if ((i & 1) === 0) return `${head}"src_ip":"${client}","src_port":${1024 + (i % 60000)},"dest_ip":"10.0.0.53","dest_port":53,"proto":"UDP","dns":{"type":"query","id":${i % 65536},"rrname":"${name}","rrtype":"${qtype}","tx_id":0}}\n`;
      return `${head}"src_ip":"10.0.0.53","src_port":53,"dest_ip":"${client}","dest_port":${1024 + ((i - 1) % 60000)},"proto":"UDP","dns":{"version":2,"type":"answer","id":${(i - 1) % 65536},"flags":"8180","qr":true,"rd":true,"ra":true,"rrname":"${name}","rrtype":"${qtype}","rcode":"NOERROR","answers":[{"rrname":"${name}","rrtype":"${qtype}","ttl":300,"rdata":"${ans}"}],"grouped":{"${qtype}":["${ans}"]}}}\n`;
    }
    case 'passivedns-log':
      return `${ts.toFixed(6)}||${client}||10.0.0.53||IN||${name}.||${qtype}||${qtype === 'MX' ? `mx1.${name}.` : ans}||300||${1 + (h % 5)}\n`;
    case 'windows-dns': {
      const d = new Date(Math.floor(ts * 1000));
      const hr = d.getUTCHours() % 12 || 12;
      const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hr}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
      const xid = ((i >> 1) % 65536).toString(16).padStart(4, '0');
      const resp = (i & 1) === 1;
      return `${date} 0D48 PACKET  000000000181D1C0 UDP ${resp ? 'Snd' : 'Rcv'} ${client.padEnd(15)} ${xid} ${resp ? 'R' : ' '} Q [${resp ? '8081   DR ' : '0001   D  '} NOERROR] ${qtype.padEnd(6)} ${lp(name)}\n`;
    }
    case 'sysmon-dns': {
      const img = IMAGES[h % IMAGES.length];
      const pid = 1000 + (hash(client) % 5000);
      return `{"@timestamp":"${iso}","winlog":{"event_id":22,"computer_name":"WS-${hash(client) % 2000}","event_data":{"RuleName":"-","UtcTime":"${iso.slice(0, 23).replace('T', ' ')}","ProcessGuid":"{${(hash(client) >>> 0).toString(16)}-0000-0000-0000-${pid}}","ProcessId":"${pid}","QueryName":"${name}","QueryStatus":"0","QueryResults":"${qtype === 'A' ? `::ffff:${ans};` : qtype === 'AAAA' ? `${ans};` : '-'}","Image":"${img}","User":"CORP\\\\u${pid}"}}}\n`;
    }
    case 'route53-resolver': {
      const inst = rnd() < 0.3 ? `{"instance":"i-${(hash(client) >>> 0).toString(16).padStart(17, '0')}"}` : '{}';
      return `{"version":"1.100000","account_id":"123456789012","region":"us-east-1","vpc_id":"vpc-${(hash(client) % 20).toString(16).padStart(8, '0')}","query_timestamp":"${iso.slice(0, 19)}Z","query_name":"${name}.","query_type":"${qtype}","query_class":"IN","rcode":"NOERROR","answers":[{"Rdata":"${qtype === 'MX' ? `10 mx1.${name}.` : ans}","Type":"${qtype}","Class":"IN"}],"srcaddr":"${client}","srcport":"${1024 + (i % 60000)}","transport":"UDP","srcids":${inst}}\n`;
    }
  }
}

export async function generateSensor(fmt: SensorFormat, n: number, seed: number, out: string): Promise<number> {
  mkdirSync(path.dirname(out), { recursive: true });
  const ws = createWriteStream(out);
  const write = (s: string) => (ws.write(s) ? Promise.resolve() : new Promise<void>((r) => ws.once('drain', () => r())));
  const rnd = mulberry32(seed);
  const nNames = Math.min(300_000, Math.max(1000, Math.round(n / 30)));
  const nClients = Math.min(20_000, Math.max(100, Math.round(n / 500)));
  const u = buildUniverse(nNames, nClients, rnd);
  const pickName = zipf(nNames, 0.9, rnd), pickClient = zipf(nClients, 0.6, rnd);
  let ts = Date.UTC(2024, 0, 1) / 1000;
  let buf = '';
  let client = '', name = '';
  for (let i = 0; i < n; i++) {
    // Formats that log a query and its answer on two lines keep the pair together.
    const paired = fmt === 'suricata-eve' || fmt === 'windows-dns';
    if (!paired || (i & 1) === 0) { ts += Math.floor(rnd() * 10_000) / 1e6; client = u.clients[pickClient()]; name = u.names[pickName()]; }
    buf += line(fmt, i, ts, client, name, rnd);
    if (buf.length > 1 << 20) { await write(buf); buf = ''; }
  }
  await write(buf);
  await new Promise<void>((r, j) => ws.end((err?: Error | null) => (err ? j(err) : r())));
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    format: { type: 'string', default: 'route53-resolver' }, records: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' }, out: { type: 'string' },
  } });
  const fmt = values.format as SensorFormat;
  if (!SENSOR_FORMATS.includes(fmt)) throw new Error(`--format must be one of ${SENSOR_FORMATS.join(', ')}`);
  const n = Number(values.records);
  const out = values.out ?? `bench/out/${fmt}-${n}.log`;
  const t0 = performance.now();
  await generateSensor(fmt, n, Number(values.seed), out);
  console.log(`${n} records (${fmt}) → ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
