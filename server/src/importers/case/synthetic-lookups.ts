// SYNTHETIC name-server logs for the bundled 2016 case (data/cases/2016-mail1-trump-email).
// The real logs are not public in a form we can ship; these reproduce the published aggregate
// figures (docs/case-file.md, "The synthetic lookups", explains the arithmetic). Nothing in
// these files is an observation.
import { apportion, gauss, mulberry32, pick, randInt, weighted, type Rng } from './prng.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

export const LOOKUP_WINDOW = { start: '2016-05-04', end: '2016-09-23' } as const;
export const MAIL1 = 'mail1.trump-email.com';
export const TRUMP1 = 'trump1.contact-client.com';
export const ALFA_IPS = ['217.12.96.15', '217.12.97.15'] as const;
export const SPECTRUM_IP = '167.73.110.8';
export const HEARTLAND_IP = '198.91.42.242';
export const ALFA_NEIGHBOUR_IP = '217.12.97.137';
/** Made-up resolvers in the documentation ranges (RFC 5737). */
export const DOC_RESOLVERS = ['192.0.2.53', '198.51.100.53', '203.0.113.53'] as const;
export const NAME_SERVERS = ['ns1.cdcservices.com', 'ns2.cdcservices.com', 'ns3.cdcservices.com'] as const;
/** Fictional sibling marketing hosts (see synthetic-baseline.yaml); `.example` is reserved. */
export const SIBLING_HOSTS = [
  'mail1.grand-harbor-hotels-email.example',
  'mail1.sample-resort-email.example',
  'news.demo-cruise-email.example',
] as const;

/** The counts this generator reproduces. Others = 3550 − 2820 − 714 (see docs/case-file.md). */
export const MAIL1_COUNTS = {
  alfa: 2820,
  spectrum: 714,
  others: { [HEARTLAND_IP]: 8, [ALFA_NEIGHBOUR_IP]: 3, '192.0.2.53': 2, '198.51.100.53': 2, '203.0.113.53': 1 },
} as const;

const WINDOW_START = Date.UTC(2016, 4, 4);
const WINDOW_END = Date.UTC(2016, 8, 24); // exclusive: the forward record was removed on 09-23
const TRUMP1_DAY = Date.UTC(2016, 8, 27);
const LOG_END = Date.UTC(2016, 9, 6); // exclusive: the logs run through 2016-10-05
// Office hours in UTC for summer 2016: Moscow is UTC+3 (09–18 local), US Eastern is UTC−4 (09–17).
const MOSCOW_OPEN = 6 * HOUR, MOSCOW_CLOSE = 15 * HOUR;
const EASTERN_OPEN = 13 * HOUR, EASTERN_CLOSE = 21 * HOUR;

interface Lookup {
  ts: number;
  host: string;
  ip: string;
}

export interface Case2016LookupSummary {
  seed: number;
  window: typeof LOOKUP_WINDOW;
  mail1: {
    total: number;
    alfa: number;
    spectrum: number;
    byResolver: Record<string, number>;
    alfaShare: number;
    alfaSpectrumShare: number;
    first: string;
    last: string;
  };
  alfa: { days: number; bursts: number; minPerDay: number; maxPerDay: number };
  trump1: { total: number; firstTimestamp: string; firstIp: string };
  siblings: Record<string, number>;
  files: Record<string, number>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const isWeekday = (day: number) => {
  const d = new Date(day).getUTCDay();
  return d >= 1 && d <= 5;
};
function days(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d < to; d += DAY) out.push(d);
  return out;
}
const second = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * ((hi - lo) / 1000)) * 1000;

/** Two resolvers acting as one machine: hourly bursts in Moscow office hours, both within seconds. */
function alfaMail1(rng: Rng, out: Lookup[]): { bursts: number; perDay: number[] } {
  // 2016-05-04 is left to New York: "started during office hours in New York" (Slate).
  const alfaDays = days(WINDOW_START + DAY, WINDOW_END).filter(isWeekday);
  const schedule = alfaDays.map((day) => {
    const starts: number[] = [];
    for (let t = day + MOSCOW_OPEN + randInt(rng, 2, 35) * MIN; t <= day + MOSCOW_CLOSE - 10 * MIN; t += randInt(rng, 48, 72) * MIN) {
      starts.push(t + randInt(rng, 0, 59) * 1000);
    }
    return starts;
  });
  // Most days are quiet; a few are busy ("small tens to small hundreds per day").
  const weights = alfaDays.map(() => Math.exp(0.9 * gauss(rng)) * (rng() < 0.05 ? 6 : 1));
  const perDay = apportion(MAIL1_COUNTS.alfa, weights, schedule.map((s) => 2 * s.length));
  let bursts = 0;
  schedule.forEach((starts, i) => {
    const sizes = starts.map(() => 2);
    for (let extra = perDay[i] - 2 * starts.length; extra > 0; extra--) sizes[Math.floor(rng() * sizes.length)]++;
    starts.forEach((t0, b) => {
      bursts++;
      const first = rng() < 0.5 ? 0 : 1;
      out.push({ ts: t0, host: MAIL1, ip: ALFA_IPS[first] });
      out.push({ ts: t0 + randInt(rng, 1, 90) * 1000, host: MAIL1, ip: ALFA_IPS[1 - first] });
      for (let k = 2; k < sizes[b]; k++) out.push({ ts: t0 + randInt(rng, 0, 240) * 1000, host: MAIL1, ip: pick(rng, ALFA_IPS) });
    });
  });
  return { bursts, perDay };
}

function spread(rng: Rng, out: Lookup[], ip: string, total: number, dayList: number[], open: number, close: number) {
  const perDay = apportion(total, dayList.map(() => 0.5 + rng()), dayList.map(() => 0));
  dayList.forEach((day, i) => {
    for (let k = 0; k < perDay[i]; k++) out.push({ ts: second(rng, day + open, day + close), host: MAIL1, ip });
  });
}

function otherMail1(rng: Rng, out: Lookup[]) {
  const weekdays = days(WINDOW_START + DAY, WINDOW_END).filter(isWeekday);
  const anyDay = days(WINDOW_START + DAY, WINDOW_END);
  for (const [ip, n] of Object.entries(MAIL1_COUNTS.others)) {
    for (let k = 0; k < n; k++) {
      // Heartland (New Jersey) in Eastern hours, Alfa's neighbour in Moscow hours, the rest any time.
      const [from, open, close] =
        ip === HEARTLAND_IP ? [weekdays, EASTERN_OPEN, EASTERN_CLOSE]
        : ip === ALFA_NEIGHBOUR_IP ? [weekdays, MOSCOW_OPEN, MOSCOW_CLOSE]
        : [anyDay, 0, DAY];
      const day = pick(rng, from);
      out.push({ ts: second(rng, day + open, day + close), host: MAIL1, ip });
    }
  }
}

/** The replacement name: first looked up by Alfa on 2016-09-27 (Slate), a handful of times after. */
function trump1(rng: Rng, out: Lookup[]) {
  const alfaPair = (day: number) => {
    const t0 = second(rng, day + MOSCOW_OPEN + 20 * MIN, day + MOSCOW_OPEN + 3 * HOUR);
    out.push({ ts: t0, host: TRUMP1, ip: ALFA_IPS[0] });
    out.push({ ts: t0 + randInt(rng, 5, 60) * 1000, host: TRUMP1, ip: ALFA_IPS[1] });
  };
  alfaPair(TRUMP1_DAY);
  alfaPair(TRUMP1_DAY + DAY);
  const single = (day: number, ip: string) => out.push({ ts: second(rng, day + MOSCOW_OPEN, day + EASTERN_CLOSE), host: TRUMP1, ip });
  single(TRUMP1_DAY + 3 * DAY, ALFA_IPS[0]);
  single(Date.UTC(2016, 9, 3), DOC_RESOLVERS[1]);
  single(Date.UTC(2016, 9, 5), DOC_RESOLVERS[2]);
}

/** Baseline: many resolvers, every day, a diurnal curve peaking in US daytime, no concentration. */
function siblings(rng: Rng, out: Lookup[]): Record<string, number> {
  const pool: string[] = [];
  for (const net of ['192.0.2', '198.51.100', '203.0.113']) for (let h = 100; h < 116; h++) pool.push(`${net}.${h}`);
  // UTC hour weights: low at night in the Americas, high from 13Z to 23Z.
  const hourWeights = [4, 3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 6, 7, 9, 10, 10, 10, 10, 9, 9, 8, 7, 6, 5];
  const counts: Record<string, number> = {};
  for (const host of SIBLING_HOSTS) {
    counts[host] = 0;
    for (const day of days(WINDOW_START, LOG_END)) {
      const base = isWeekday(day) ? 10 : 5;
      const n = Math.round(base * (0.6 + 0.8 * rng()));
      for (let k = 0; k < n; k++) {
        const hour = weighted(rng, hourWeights);
        out.push({ ts: second(rng, day + hour * HOUR, day + (hour + 1) * HOUR), host, ip: pick(rng, pool) });
      }
      counts[host] += n;
    }
  }
  return counts;
}

/** Resolvers keep a preferred name server (lowest round-trip time), with some spread. */
function serverChooser(rng: Rng): (ip: string) => number {
  const prefs = new Map<string, number[]>();
  return (ip) => {
    let w = prefs.get(ip);
    if (!w) {
      const first = randInt(rng, 0, 2);
      w = [0.2, 0.2, 0.2];
      w[first] = 0.6;
      prefs.set(ip, w);
    }
    return weighted(rng, w);
  };
}

const HEADER = 'timestamp,hostname,query_originator_ip';

export function generateCase2016Lookups(seed = 20161031): {
  files: { name: string; text: string }[];
  summary: Case2016LookupSummary;
} {
  // One stream per part, so that tuning one part does not reshuffle the others.
  const lookups: Lookup[] = [];
  const alfa = alfaMail1(mulberry32(seed), lookups);
  spread(mulberry32(seed + 1), lookups, SPECTRUM_IP, MAIL1_COUNTS.spectrum,
    days(WINDOW_START, WINDOW_END).filter(isWeekday), EASTERN_OPEN, EASTERN_CLOSE);
  otherMail1(mulberry32(seed + 2), lookups);
  trump1(mulberry32(seed + 3), lookups);
  const siblingCounts = siblings(mulberry32(seed + 4), lookups);
  lookups.sort((a, b) => a.ts - b.ts || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0) || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));

  const choose = serverChooser(mulberry32(seed + 5));
  const lines: string[][] = NAME_SERVERS.map(() => [HEADER]);
  for (const l of lookups) lines[choose(l.ip)].push(`${iso(l.ts)},${l.host},${l.ip}`);
  const files = NAME_SERVERS.map((ns, i) => ({ name: `${ns}.csv`, text: `${lines[i].join('\n')}\n` }));

  const mail1 = lookups.filter((l) => l.host === MAIL1);
  const byResolver: Record<string, number> = {};
  for (const l of mail1) byResolver[l.ip] = (byResolver[l.ip] ?? 0) + 1;
  const t1 = lookups.filter((l) => l.host === TRUMP1);
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const alfaDays = alfa.perDay;
  return {
    files,
    summary: {
      seed,
      window: LOOKUP_WINDOW,
      mail1: {
        total: mail1.length,
        alfa: MAIL1_COUNTS.alfa,
        spectrum: MAIL1_COUNTS.spectrum,
        byResolver,
        alfaShare: round4(MAIL1_COUNTS.alfa / mail1.length),
        alfaSpectrumShare: round4((MAIL1_COUNTS.alfa + MAIL1_COUNTS.spectrum) / mail1.length),
        first: iso(mail1[0].ts),
        last: iso(mail1[mail1.length - 1].ts),
      },
      alfa: { days: alfaDays.length, bursts: alfa.bursts, minPerDay: Math.min(...alfaDays), maxPerDay: Math.max(...alfaDays) },
      trump1: { total: t1.length, firstTimestamp: iso(t1[0].ts), firstIp: t1[0].ip },
      siblings: siblingCounts,
      files: Object.fromEntries(files.map((f, i) => [f.name, lines[i].length - 1])),
    },
  };
}
