import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALFA_IPS, ALFA_NEIGHBOUR_IP, HEARTLAND_IP, MAIL1, SIBLING_HOSTS, SPECTRUM_IP, TRUMP1, generateCase2016Lookups,
} from '../../../server/src/importers/case/synthetic-lookups.ts';

const LOGS = new URL('../../../data/cases/2016-mail1-trump-email/logs/', import.meta.url);
const HOUR = 3_600_000;

interface Row { ts: number; text: string; host: string; ip: string; file: string }

const gen = generateCase2016Lookups();
const rows: Row[] = gen.files.flatMap((f) => {
  const lines = f.text.split('\n');
  expect(lines[0]).toBe('timestamp,hostname,query_originator_ip');
  expect(lines[lines.length - 1]).toBe('');
  return lines.slice(1, -1).map((l) => {
    const [text, host, ip] = l.split(',');
    return { ts: Date.parse(text), text, host, ip, file: f.name };
  });
});
const byTime = (a: Row, b: Row) => a.ts - b.ts;
const mail1 = rows.filter((r) => r.host === MAIL1).sort(byTime);
const alfa = mail1.filter((r) => (ALFA_IPS as readonly string[]).includes(r.ip));
const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const weekday = (ts: number) => [1, 2, 3, 4, 5].includes(new Date(ts).getUTCDay());
// Summer 2016: Moscow UTC+3, US Eastern UTC−4.
const moscowOffice = (ts: number) => weekday(ts + 3 * HOUR) && (ts + 3 * HOUR) % (24 * HOUR) >= 9 * HOUR && (ts + 3 * HOUR) % (24 * HOUR) < 18 * HOUR;
const easternOffice = (ts: number) => weekday(ts - 4 * HOUR) && (ts - 4 * HOUR) % (24 * HOUR) >= 9 * HOUR && (ts - 4 * HOUR) % (24 * HOUR) < 17 * HOUR;

describe('synthetic lookups of the 2016 case', () => {
  it('is deterministic for a seed and differs for another', () => {
    const again = generateCase2016Lookups(20161031);
    expect(again.files).toEqual(gen.files);
    const other = generateCase2016Lookups(7);
    expect(other.files[0].text).not.toBe(gen.files[0].text);
    expect(other.summary.mail1.total).toBe(3550);
  });

  it('the committed logs are the generator output', () => {
    expect(gen.files.map((f) => f.name)).toEqual(['ns1.cdcservices.com.csv', 'ns2.cdcservices.com.csv', 'ns3.cdcservices.com.csv']);
    for (const f of gen.files) expect(readFileSync(new URL(f.name, LOGS), 'utf8')).toBe(f.text);
  });

  it('every line is the published three-column form with ISO UTC seconds', () => {
    for (const r of rows) expect(r.text).toMatch(/^2016-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(rows).toHaveLength(7519);
    for (const f of gen.files) {
      const ts = rows.filter((r) => r.file === f.name).map((r) => r.ts);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
    }
  });

  it('reproduces the counts: 2,820 Alfa, 714 Spectrum, 16 others, 3,550 in all', () => {
    const count: Record<string, number> = {};
    for (const r of mail1) count[r.ip] = (count[r.ip] ?? 0) + 1;
    expect(count[ALFA_IPS[0]] + count[ALFA_IPS[1]]).toBe(2820);
    expect(count[SPECTRUM_IP]).toBe(714);
    expect(count[HEARTLAND_IP]).toBe(8);
    expect(count[ALFA_NEIGHBOUR_IP]).toBe(3);
    expect(count['192.0.2.53'] + count['198.51.100.53'] + count['203.0.113.53']).toBe(5);
    expect(Object.keys(count)).toHaveLength(8);
    expect(mail1).toHaveLength(3550);
    // Published shares are rounded and cannot all hold exactly (docs/case-file.md).
    expect(2820 / 3550).toBeCloseTo(0.7944, 4);
    expect(Math.abs(2820 / mail1.length - 0.8)).toBeLessThan(0.006);
    expect(Math.abs((2820 + 714) / mail1.length - 0.99)).toBeLessThan(0.006);
    expect(gen.summary.mail1).toMatchObject({ total: 3550, alfaShare: 0.7944, alfaSpectrumShare: 0.9955 });
  });

  it('stays in the window, with nothing for mail1 after 2016-09-23', () => {
    expect(day(mail1[0].ts)).toBe('2016-05-04');
    expect(day(mail1[mail1.length - 1].ts)).toBe('2016-09-23');
    // "Started during office hours in New York and continued during office hours in Moscow".
    expect(mail1[0].ip).toBe(SPECTRUM_IP);
    expect(easternOffice(mail1[0].ts)).toBe(true);
    expect(day(alfa[0].ts)).toBe('2016-05-05');
  });

  it('Alfa only in Moscow office hours, Spectrum in US Eastern office hours', () => {
    expect(alfa.filter((r) => moscowOffice(r.ts))).toHaveLength(2820);
    expect(mail1.filter((r) => r.ip === SPECTRUM_IP && easternOffice(r.ts))).toHaveLength(714);
  });

  it('small tens to small hundreds per weekday', () => {
    const perDay = new Map<string, number>();
    for (const r of mail1) if (weekday(r.ts) && day(r.ts) >= '2016-05-05') perDay.set(day(r.ts), (perDay.get(day(r.ts)) ?? 0) + 1);
    const counts = [...perDay.values()];
    expect(counts).toHaveLength(102);
    expect(Math.min(...counts)).toBe(23);
    expect(Math.max(...counts)).toBe(216);
    // "small tens to small hundreds per day" (Jeewa)
    expect(counts.every((n) => n >= 10 && n < 300)).toBe(true);
  });

  it('hourly bursts in which both Alfa addresses appear within minutes', () => {
    const bursts: Row[][] = [];
    for (const r of alfa) {
      const cur = bursts[bursts.length - 1];
      if (cur && r.ts - cur[cur.length - 1].ts < 15 * 60_000) cur.push(r);
      else bursts.push([r]);
    }
    expect(bursts).toHaveLength(925);
    const gaps: number[] = [];
    for (let i = 1; i < bursts.length; i++) {
      if (day(bursts[i][0].ts) === day(bursts[i - 1][0].ts)) gaps.push((bursts[i][0].ts - bursts[i - 1][0].ts) / 60_000);
    }
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)];
    expect(median).toBeGreaterThanOrEqual(45);
    expect(median).toBeLessThanOrEqual(75);
    const together = bursts.filter((b) => {
      const first = ALFA_IPS.map((ip) => b.find((r) => r.ip === ip)?.ts);
      return first[0] !== undefined && first[1] !== undefined && Math.abs(first[0] - first[1]) <= 5 * 60_000;
    });
    expect(together.length / bursts.length).toBeGreaterThanOrEqual(0.9);
    expect(together).toHaveLength(925);
  });

  it('lookups are split over the three name servers', () => {
    for (const f of gen.files) expect(mail1.filter((r) => r.file === f.name).length).toBeGreaterThan(500);
  });

  it('trump1.contact-client.com: from 2016-09-27, first by Alfa, a handful', () => {
    const t1 = rows.filter((r) => r.host === TRUMP1).sort(byTime);
    expect(t1).toHaveLength(7);
    expect(day(t1[0].ts)).toBe('2016-09-27');
    expect(t1[0].ip).toBe(ALFA_IPS[0]);
    expect(day(t1[t1.length - 1].ts)).toBe('2016-10-05');
    expect(gen.summary.trump1).toEqual({ total: 7, firstTimestamp: t1[0].text, firstIp: '217.12.96.15' });
  });

  it('sibling hosts are an unconcentrated baseline', () => {
    for (const host of SIBLING_HOSTS) {
      const s = rows.filter((r) => r.host === host);
      const per: Record<string, number> = {};
      for (const r of s) per[r.ip] = (per[r.ip] ?? 0) + 1;
      expect(Object.keys(per)).toHaveLength(48);
      expect(Math.max(...Object.values(per)) / s.length).toBeLessThan(0.05);
      expect(s.length).toBe(gen.summary.siblings[host]);
      expect(s.some((r) => !weekday(r.ts))).toBe(true);
    }
  });
});
