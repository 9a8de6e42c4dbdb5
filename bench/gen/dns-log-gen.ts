// Deterministic generator of realistic DNS query logs for benchmarks and load tests.
//   npx tsx bench/gen/dns-log-gen.ts --format zeek-tsv --events 10000000 --seed 1 --out bench/out/dns-10m.log
//   npx tsx bench/gen/dns-log-gen.ts --shape heavy --events 1000000 --day 1   (uniform | heavy | generator)
// Formats: zeek-tsv, bind, dnsmasq, unbound, csv (3-column `timestamp,hostname,ip`).
// The PRNG is the project's seeded mulberry32 (server/src/importers/case/prng.ts).
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

// The project's one seeded PRNG (also behind the synthetic 2016 case), re-exported for the benches.
export { mulberry32 } from '../../server/src/importers/case/prng.ts';
import { mulberry32 } from '../../server/src/importers/case/prng.ts';

/** Zipf(s) sampler over 0..n-1 by inverse CDF on a precomputed table (binary search). */
export function zipf(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) { sum += 1 / Math.pow(i + 1, s); cdf[i] = sum; }
  for (let i = 0; i < n; i++) cdf[i] /= sum;
  return () => {
    const u = rnd();
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (cdf[mid] < u) lo = mid + 1; else hi = mid; }
    return lo;
  };
}

const WORDS = ['cdn', 'api', 'static', 'mail', 'www', 'img', 'login', 'auth', 'edge', 'files', 'app', 'data', 'news', 'shop', 'video', 'ads', 'track', 'metrics', 'update', 'sync'];
const TLDS = ['com', 'net', 'org', 'io', 'de', 'co.uk', 'fr', 'ru', 'cn', 'info', 'xyz'];
const QTYPES = ['A', 'A', 'A', 'A', 'A', 'AAAA', 'AAAA', 'MX', 'TXT', 'PTR', 'HTTPS'];

export interface Gen { names: string[]; clients: string[] }

export function buildUniverse(nNames: number, nClients: number, rnd: () => number): Gen {
  const names: string[] = [];
  for (let i = 0; i < nNames; i++) {
    const base = `${WORDS[i % WORDS.length]}${(i * 7919) % 100003}`;
    const sub = rnd() < 0.6 ? `${WORDS[Math.floor(rnd() * WORDS.length)]}.` : '';
    names.push(`${sub}${base}.${TLDS[Math.floor(rnd() * TLDS.length)]}`);
  }
  const clients: string[] = [];
  for (let i = 0; i < nClients; i++) {
    clients.push(rnd() < 0.1
      ? `2001:db8:${(i >> 8).toString(16)}::${(i & 0xff).toString(16)}`
      : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  }
  return { names, clients };
}

function ip4(h: number): string { return `${(h >>> 24) & 255 || 1}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`; }
function hash(s: string): number { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; }

interface Ev { ts: number; client: string; name: string; qtype: string; rcode: string; answers: string[]; ttls: number[]; port: number; id: number; zeekAns: string; zeekTtl: string }
interface NameInfo { qtype: string; answers: string[]; ttls: number[]; zeekAns: string; zeekTtl: string }

/** Per-name answers are a function of the name: computed once (keeps the generator ≥ 1M lines/s). */
function nameInfo(name: string): NameInfo {
  const h = hash(name);
  const qtype = QTYPES[h % QTYPES.length];
  const answers: string[] = [], ttls: number[] = [];
  if (h % 4 === 0) { answers.push(`edge${h % 97}.cdnprovider.net`); ttls.push(300); }
  if (qtype === 'A') { answers.push(ip4(h)); ttls.push(60 + (h % 3600)); if (h % 3 === 0) { answers.push(ip4(h + 1)); ttls.push(60); } }
  else if (qtype === 'AAAA') { answers.push(`2606:4700:${(h & 0xffff).toString(16)}::${(h >>> 16).toString(16)}`); ttls.push(300); }
  else if (qtype === 'MX') { answers.push(`mx${h % 3}.${name}`); ttls.push(3600); }
  return { qtype, answers, ttls, zeekAns: answers.length ? answers.join(',') : '-', zeekTtl: ttls.length ? ttls.map((t) => t.toFixed(6)).join(',') : '-' };
}

export type Shape = 'generator' | 'uniform' | 'heavy';
export const SHAPES: readonly Shape[] = ['generator', 'uniform', 'heavy'];

const DAY_S = 86_400;

/**
 * Seconds into the day for event i of n under a daily cycle (quiet at night, busy at midday):
 * intensity 1 - 0.8·cos(2πt/day), inverted numerically once into a 4096-step table.
 */
function dailyCycle(): (u: number) => number {
  const steps = 4096;
  const cdf = new Float64Array(steps + 1);
  for (let k = 1; k <= steps; k++) {
    const t = (k - 0.5) / steps;
    cdf[k] = cdf[k - 1] + (1 - 0.8 * Math.cos(2 * Math.PI * t));
  }
  for (let k = 1; k <= steps; k++) cdf[k] /= cdf[steps];
  return (u) => {
    let lo = 0, hi = steps;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (cdf[mid] < u) lo = mid + 1; else hi = mid; }
    const k = Math.max(1, lo);
    const f = (u - cdf[k - 1]) / Math.max(1e-12, cdf[k] - cdf[k - 1]);
    return ((k - 1 + f) / steps) * DAY_S;
  };
}

/**
 * Three shapes of traffic (see bench/README.md):
 * - generator: the original model (clients keep to a personal set of names; ~10 % distinct pairs).
 * - uniform: 5k names × 2k clients drawn uniformly, the worst case for any aggregation (~95 % distinct at 1M).
 * - heavy: names Zipf s≈1.05 over 200k and clients Zipf s≈0.8 over 20k, drawn independently, one
 *   day with a daily cycle (~70 % distinct pairs at 1M). `day` shifts to the next day(s) with the
 *   same names and clients but fresh draws (an incremental import of "tomorrow").
 */
function* events(n: number, seed: number, shape: Shape = 'generator', day = 0): Generator<Ev> {
  if (shape === 'generator') { yield* generatorEvents(n, seed); return; }
  const rnd = mulberry32(seed);
  const uniform = shape === 'uniform';
  const nNames = uniform ? 5_000 : 200_000;
  const nClients = uniform ? 2_000 : 20_000;
  const u = buildUniverse(nNames, nClients, rnd);
  const draw = mulberry32((seed * 1_000_003 + day * 7_919 + 17) >>> 0);
  const pickName = uniform ? () => Math.floor(draw() * nNames) : zipf(nNames, 1.05, draw);
  const pickClient = uniform ? () => Math.floor(draw() * nClients) : zipf(nClients, 0.8, draw);
  const infos: (NameInfo | undefined)[] = new Array(nNames);
  const none: string[] = [], noTtl: number[] = [];
  const t0 = Date.UTC(2024, 0, 1) / 1000 + day * DAY_S;
  const cycle = dailyCycle();
  for (let i = 0; i < n; i++) {
    // Times rise monotonically through the day; uniform spreads evenly, heavy follows the cycle.
    const q = (i + draw()) / n;
    const ts = Math.round((t0 + (uniform ? q * DAY_S : cycle(q))) * 1e6) / 1e6;
    const k = pickName();
    const name = u.names[k];
    const info = infos[k] ??= nameInfo(name);
    const nx = draw() < 0.05;
    yield {
      ts, client: u.clients[pickClient()], name, qtype: info.qtype, rcode: nx ? 'NXDOMAIN' : 'NOERROR',
      answers: nx ? none : info.answers, ttls: nx ? noTtl : info.ttls, zeekAns: nx ? '-' : info.zeekAns, zeekTtl: nx ? '-' : info.zeekTtl,
      port: 1024 + Math.floor(draw() * 64000), id: Math.floor(draw() * 65536),
    };
  }
}

function* generatorEvents(n: number, seed: number): Generator<Ev> {
  const rnd = mulberry32(seed);
  const nNames = Math.min(300_000, Math.max(1000, Math.round(n / 30)));
  const nClients = Math.min(20_000, Math.max(100, Math.round(n / 500)));
  const u = buildUniverse(nNames, nClients, rnd);
  const infos: (NameInfo | undefined)[] = new Array(nNames);
  const pickName = zipf(nNames, 0.9, rnd);
  const pickClient = zipf(nClients, 0.6, rnd);
  // Real clients keep asking for their own few names (mail server, update hosts, the sites their
  // users visit): 95% of a client's lookups go to a personal set of 30 names drawn from the global
  // popularity, the rest anywhere. At 10M events this gives about 1M distinct client–name pairs.
  const PERSONAL = 30;
  const pickPersonal = zipf(PERSONAL, 1.0, rnd);
  const own: Int32Array[] = [];
  let ts = Date.UTC(2024, 0, 1) / 1000;
  const none: string[] = [], noTtl: number[] = [];
  for (let i = 0; i < n; i++) {
    ts += Math.floor(rnd() * 10_000) / 1e6;
    const c = pickClient();
    const k = rnd() < 0.95 ? (own[c] ??= Int32Array.from({ length: PERSONAL }, () => pickName()))[pickPersonal()] : pickName();
    const name = u.names[k];
    const info = infos[k] ??= nameInfo(name);
    const nx = rnd() < 0.05;
    yield {
      ts, client: u.clients[c], name, qtype: info.qtype, rcode: nx ? 'NXDOMAIN' : 'NOERROR',
      answers: nx ? none : info.answers, ttls: nx ? noTtl : info.ttls, zeekAns: nx ? '-' : info.zeekAns, zeekTtl: nx ? '-' : info.zeekTtl,
      port: 1024 + Math.floor(rnd() * 64000), id: Math.floor(rnd() * 65536),
    };
  }
}

const QTYPE_NUM: Record<string, number> = { A: 1, AAAA: 28, MX: 15, TXT: 16, PTR: 12, HTTPS: 65 };
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => (n < 10 ? '0' : '') + n;
function syslogTime(ts: number): string {
  const d = new Date(ts * 1000);
  return `${MON[d.getUTCMonth()]} ${d.getUTCDate() < 10 ? ' ' : ''}${d.getUTCDate()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** The header lines of a Zeek dns.log (TSV), as Zeek writes them. */
export function zeekHeader(): string {
  return ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tdns', '#open\t2024-01-01-00-00-00',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected',
    '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool', ''].join('\n');
}

function format(fmt: string, e: Ev, i: number): string {
  switch (fmt) {
    case 'zeek-tsv': {
      const ans = e.zeekAns, ttl = e.zeekTtl;
      return `${e.ts.toFixed(6)}\tC${i.toString(36)}\t${e.client}\t${e.port}\t10.0.0.53\t53\tudp\t${e.id}\t0.000${e.id % 900 + 100}\t${e.name}\t1\tC_INTERNET\t${QTYPE_NUM[e.qtype]}\t${e.qtype}\t${e.rcode === 'NXDOMAIN' ? 3 : 0}\t${e.rcode}\tF\tF\tT\tT\t0\t${ans}\t${ttl}\tF\n`;
    }
    case 'bind': {
      const c = e.client.includes(':') ? e.client : e.client;
      return `${syslogTime(e.ts)} ns1 named[812]: client @0x7f${(i & 0xffffff).toString(16)} ${c}#${e.port} (${e.name}): query: ${e.name} IN ${e.qtype} +E(0)K (10.0.0.53)\n`;
    }
    case 'dnsmasq': {
      const t = syslogTime(e.ts);
      let s = `${t} dnsmasq[411]: query[${e.qtype}] ${e.name} from ${e.client}\n${t} dnsmasq[411]: forwarded ${e.name} to 10.0.0.53\n`;
      if (e.rcode === 'NXDOMAIN') return s + `${t} dnsmasq[411]: reply ${e.name} is NXDOMAIN\n`;
      let owner = e.name;
      for (const a of e.answers) {
        if (/^[a-z]/.test(a) && !a.startsWith('mx')) { s += `${t} dnsmasq[411]: reply ${owner} is <CNAME>\n`; owner = a; }
        else s += `${t} dnsmasq[411]: reply ${owner} is ${a.startsWith('mx') ? '<MX>' : a}\n`;
      }
      // A chain ends with the target's own record (dnsmasq prints `<TYPE>` for types it cannot show).
      if (owner !== e.name && s.endsWith('<CNAME>\n')) s += `${t} dnsmasq[411]: reply ${owner} is <${e.qtype}>\n`;
      return e.answers.length ? s : s + `${t} dnsmasq[411]: reply ${e.name} is NODATA\n`;
    }
    case 'unbound':
      return `${syslogTime(e.ts)} resolver unbound: [411:0] info: ${e.client} ${e.name}. ${e.qtype} IN ${e.rcode} 0.0${e.id % 90 + 10} 0 ${60 + (e.id % 400)}\n`;
    case 'csv':
      return `${new Date(Math.floor(e.ts * 1000)).toISOString().slice(0, 19).replace('T', ' ')},${e.name},${e.client}\n`;
    default:
      throw new Error(`unknown format ${fmt}`);
  }
}

export async function generate(fmt: string, n: number, seed: number, out: string, shape: Shape = 'generator', day = 0): Promise<number> {
  mkdirSync(path.dirname(out), { recursive: true });
  const ws = createWriteStream(out);
  const write = (s: string) => (ws.write(s) ? Promise.resolve() : new Promise<void>((r) => ws.once('drain', () => r())));
  if (fmt === 'zeek-tsv') await write(zeekHeader());
  if (fmt === 'csv') await write('timestamp,hostname,ip\n');
  let buf = '';
  let i = 0;
  for (const e of events(n, seed, shape, day)) {
    buf += format(fmt, e, i++);
    if (buf.length > 1 << 20) { await write(buf); buf = ''; }
  }
  if (fmt === 'zeek-tsv') buf += '#close\t2024-01-02-00-00-00\n';
  await write(buf);
  await new Promise<void>((r, j) => ws.end((err?: Error | null) => (err ? j(err) : r())));
  return i;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    format: { type: 'string', default: 'zeek-tsv' }, events: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' },
    shape: { type: 'string', default: 'generator' }, day: { type: 'string', default: '0' }, out: { type: 'string' },
  } });
  const n = Number(values.events), seed = Number(values.seed), day = Number(values.day);
  const shape = values.shape as Shape;
  if (!SHAPES.includes(shape)) throw new Error(`--shape must be one of ${SHAPES.join(', ')}`);
  const out = values.out ?? `bench/out/dns-${values.format}-${shape}-${n}${day ? `-day${day}` : ''}.log`;
  const t0 = performance.now();
  await generate(values.format!, n, seed, out, shape, day);
  const s = (performance.now() - t0) / 1000;
  console.log(`${n} events (${values.format}) → ${out} in ${s.toFixed(1)} s (${Math.round(n / s).toLocaleString('en')} events/s)`);
}
