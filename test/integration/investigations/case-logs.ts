// Expected figures worked out from the committed SYNTHETIC logs themselves (not from the graph),
// so the investigations are checked against their input, independently of the importer.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../server/src/config.ts';

export interface LogLine { ts: number; host: string; ip: string; file: string }

const BUCKET = 900_000;

export function readCaseLogs(): LogLine[] {
  const dir = path.join(REPO_ROOT, 'data/cases/2016-mail1-trump-email/logs');
  const out: LogLine[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n').slice(1)) {
      if (!line) continue;
      const [ts, host, ip] = line.split(',');
      out.push({ ts: Date.parse(ts), host, ip, file: f.split('.')[0] });
    }
  }
  return out;
}

/** Local wall clock at a fixed UTC offset (Moscow had no DST in 2016: +3 all year). */
export function local(ts: number, offsetHours: number): { hour: number; dow: number } {
  const d = new Date(ts + offsetHours * 3_600_000);
  const js = d.getUTCDay(); // 0 = Sunday
  return { hour: d.getUTCHours(), dow: js === 0 ? 7 : js };
}

/** Gaps in minutes between consecutive distinct active 15-minute buckets. */
export function bucketGaps(lines: LogLine[]): { buckets: number; gaps: number[] } {
  const bs = [...new Set(lines.map((l) => Math.floor(l.ts / BUCKET)))].sort((a, b) => a - b);
  return { buckets: bs.length, gaps: bs.slice(1).map((b, i) => (b - bs[i]) * 15) };
}

export const bucketOf = (ts: number) => Math.floor(ts / BUCKET);
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const round1 = (x: number) => Math.round(x * 10) / 10;
