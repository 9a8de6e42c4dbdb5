// Registry date spellings → ISO-8601 UTC instants with the precision the registry wrote.
// WHOIS has no standard: `15-sep-1997`, `1997-09-15.`, `2019/09/27`, `2024/10/01 01:00:44 (JST)`,
// `20131029` (LACNIC, Registro.br, with a `#ticket` suffix), `18.7.2012 04:04:23` (Traficom),
// `07-03-2020` (HKIRC, day first), `2007. 03. 02.` (KISA), `2001-Aug-23.` (NIC.tr),
// `before Aug-1996` (Nominet), RFC 3339 with offsets (RDAP, `-04:00`). A value without a zone is
// in `defaultOffsetMin` (UTC unless the registry is known to use local time, like JPRS).
import { isoToMs, monthIndex } from './time.ts';

export type DatePrecision = 'month' | 'day' | 'minute' | 'second';

export interface RegistryDate {
  iso: string;
  precision: DatePrecision;
  /** `before Aug-1996`: the registry only bounds the date. */
  bound?: 'before';
}

export type DateResult = RegistryDate | { error: string };

const ZONES: Record<string, number> = { z: 0, utc: 0, gmt: 0, jst: 540, kst: 540, cet: 60, cest: 120, eet: 120, eest: 180, est: -300, edt: -240, pst: -480, pdt: -420 };

function zoneOffset(z: string, dflt: number): number | null {
  const s = z.replace(/[()]/g, '').trim().toLowerCase();
  if (s === '') return dflt;
  if (s in ZONES) return ZONES[s];
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

// Registration data starts with the DNS (1985); anything before 1970 or after 2200 is a typo or
// a placeholder, and storing it would put a domain in the wrong century.
const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

function build(y: number, mo: number, d: number, hh: number, mi: number, ss: number, off: number, precision: DatePrecision): DateResult {
  if (!(y >= MIN_YEAR && y <= MAX_YEAR)) return { error: `year ${y} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
  if (!(mo >= 1 && mo <= 12)) return { error: `month ${mo} is out of range` };
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (!(d >= 1 && d <= days)) return { error: `day ${d} is out of range for ${y}-${String(mo).padStart(2, '0')}` };
  if (hh > 23 || mi > 59 || ss > 60) return { error: `time ${hh}:${mi}:${ss} is out of range` };
  const ms = Date.UTC(y, mo - 1, d, hh, mi, Math.min(ss, 59)) - off * 60000;
  return { iso: new Date(ms).toISOString(), precision };
}

function timePrecision(hh: string | undefined, ss: string | undefined): DatePrecision {
  return hh === undefined ? 'day' : ss === undefined ? 'minute' : 'second';
}

// Shapes, tried in order. `dayFirst` decides `07-03-2020` (HKIRC writes day first; so does every
// registry in the corpus that uses this shape).
const YMD = /^(\d{4})([-/.]?)(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(\.\d+)?)?\s*(.*)$/;
const KISA = /^(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?$/;
const DMY_NAME = /^(\d{1,2})[- ]([a-z]{3})[a-z]*[- ](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/i;
const YMD_NAME = /^(\d{4})-([a-z]{3})[a-z]*-(\d{1,2})$/i;
const DMY_NUM = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;
const MONTH_YEAR = /^(before\s+)?([a-z]{3})[a-z]*[- ](\d{4})$/i;

/** Registry date text → instant and precision, `{ error }` when it is a date that cannot be, or null when it is no date at all. */
export function readRegistryDate(text: string, defaultOffsetMin = 0): DateResult | null {
  // Trailing `.` (`1997-09-15.`), Registro.br ticket numbers (`19990518 #162310`).
  const s = text.trim().replace(/\s+#\d+$/, '').replace(/\.$/, '');
  if (s === '') return null;
  let m = KISA.exec(text.trim());
  if (m) return build(+m[1], +m[2], +m[3], 0, 0, 0, defaultOffsetMin, 'day');
  m = YMD.exec(s);
  if (m) {
    const [, y, sep, mo, d, hh, mi, ss, frac, zone] = m;
    if (sep === '' && (mo.length !== 2 || d.length !== 2)) return null;
    const off = zoneOffset(zone, defaultOffsetMin);
    if (off === null) {
      const ms = isoToMs(s);
      return Number.isFinite(ms) ? { iso: new Date(ms).toISOString(), precision: timePrecision(hh, ss) } : null;
    }
    const r = build(+y, +mo, +d, +(hh ?? 0), +(mi ?? 0), +(ss ?? 0), hh === undefined ? defaultOffsetMin : off, timePrecision(hh, ss));
    // Sub-second digits (AFNIC writes microseconds) are kept to the millisecond.
    return frac && 'iso' in r ? { ...r, iso: new Date(Date.parse(r.iso) + Math.floor(Number(frac) * 1000)).toISOString() } : r;
  }
  m = DMY_NAME.exec(s);
  if (m) {
    const mo = monthIndex(m[2]);
    if (mo < 0) return null;
    const off = zoneOffset(m[7], defaultOffsetMin) ?? defaultOffsetMin;
    return build(+m[3], mo + 1, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), off, timePrecision(m[4], m[6]));
  }
  m = YMD_NAME.exec(s);
  if (m) {
    const mo = monthIndex(m[2]);
    return mo < 0 ? null : build(+m[1], mo + 1, +m[3], 0, 0, 0, defaultOffsetMin, 'day');
  }
  m = DMY_NUM.exec(s);
  if (m) {
    const off = zoneOffset(m[8], defaultOffsetMin) ?? defaultOffsetMin;
    return build(+m[4], +m[3], +m[1], +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? 0), off, timePrecision(m[5], m[7]));
  }
  m = MONTH_YEAR.exec(s);
  if (m) {
    const mo = monthIndex(m[2]);
    if (mo < 0) return null;
    const r = build(+m[3], mo + 1, 1, 0, 0, 0, 0, 'month');
    return m[1] && 'iso' in r ? { ...r, bound: 'before' } : r;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s) && !/^[+-]\d{6}/.test(s)) return null;
  // RFC 3339 leftovers; an expanded year (`-000001-01-01`, `+275760-…`) is out of range.
  const y = /^([+-]?\d{4,6})/.exec(s);
  if (y && (+y[1] < MIN_YEAR || +y[1] > MAX_YEAR)) return { error: `year ${+y[1]} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
  const ms = isoToMs(s);
  return Number.isFinite(ms) ? { iso: new Date(ms).toISOString(), precision: 'second' } : null;
}

/** Registry date text → ISO UTC (`2006-04-10T00:00:00.000Z`), or null when unreadable or out of range. */
export function parseRegistryDate(text: string, defaultOffsetMin = 0): string | null {
  const r = readRegistryDate(text, defaultOffsetMin);
  return r && 'iso' in r ? r.iso : null;
}
