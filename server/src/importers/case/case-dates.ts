// Case-file dates: a year, a month, a day or a full ISO time. The schema checks the shape; this
// checks the calendar (month 13, 31 February) and the range, then normalizes to the first
// instant of the period in UTC so that dates of different precision still sort and compare.
import type { CaseDate, DatePrecision } from './case-model.ts';

export const MIN_YEAR = 1980;
export const MAX_YEAR = 2100;

const SHAPE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** `shape: false` when the text is not date-shaped at all (the schema already says so). */
export type DateResult = { ok: true; date: CaseDate } | { ok: false; shape: boolean; message: string };

export function parseCaseDate(raw: string | number): DateResult {
  const text = String(raw);
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, shape: false, message: `"${text}" is not a date (YYYY, YYYY-MM, YYYY-MM-DD or ISO time with zone)` };
  const year = +m[1];
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, shape: true, message: `year ${year} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
  }
  const month = m[2] === undefined ? 1 : +m[2];
  if (month < 1 || month > 12) return { ok: false, shape: true, message: `month ${m[2]} is out of range (01–12) in "${text}"` };
  const day = m[3] === undefined ? 1 : +m[3];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return { ok: false, shape: true, message: `day ${m[3]} is out of range (01–${daysInMonth}) in "${text}"` };
  }
  let precision: DatePrecision = m[3] !== undefined ? 'day' : m[2] !== undefined ? 'month' : 'year';
  let ms = Date.UTC(year, month - 1, day);
  if (m[4] !== undefined) {
    precision = 'time';
    const h = +m[4], min = +m[5], s = m[6] === undefined ? 0 : +m[6];
    if (h > 23 || min > 59 || s > 59) return { ok: false, shape: true, message: `time of day out of range in "${text}"` };
    const frac = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
    let offsetMin = 0;
    if (m[8] !== 'Z') {
      const oh = +m[8].slice(1, 3), om = +m[8].slice(4, 6);
      if (oh > 23 || om > 59) return { ok: false, shape: true, message: `zone offset out of range in "${text}"` };
      offsetMin = (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    ms = Date.UTC(year, month - 1, day, h, min, s, frac) - offsetMin * 60_000;
  }
  return { ok: true, date: { iso: new Date(ms).toISOString(), precision, text } };
}

/** The first instant after the period a date names (exclusive end): 2016-03 → 2016-04-01. */
export function periodEnd(d: CaseDate): number {
  const t = new Date(d.iso);
  switch (d.precision) {
    case 'year': return Date.UTC(t.getUTCFullYear() + 1, 0, 1);
    case 'month': return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
    case 'day': return t.getTime() + 86_400_000;
    case 'time': return t.getTime() + 1;
  }
}

/**
 * True when `to` certainly ends before `from` starts. Periods that overlap are consistent:
 * validFrom 2016-03-15 with validTo 2016-03 ("some time in March") is not an error.
 */
export function endsBeforeStart(from: CaseDate, to: CaseDate): boolean {
  return periodEnd(to) <= Date.parse(from.iso);
}
