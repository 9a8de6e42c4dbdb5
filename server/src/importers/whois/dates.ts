// Registry date spellings → ISO-8601 UTC. WHOIS has no standard: `15-sep-1997`,
// `1997-09-15.`, `2019/09/27`, `2024/10/01 01:00:44 (JST)`, `20131029` (LACNIC), RFC 3339
// with offsets (RDAP, `-04:00`). A value without a zone is in `defaultOffsetMin` (UTC unless the
// registry is known to use local time, like JPRS).
import { isoToMs, monthIndex } from '../normalize/time.ts';

const DMY = /^(\d{1,2})[- ]([a-z]{3})[a-z]*[- ](\d{4})$/i;
const YMD = /^(\d{4})([-/.]?)(\d{2})\2(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(.*)$/;
const ZONES: Record<string, number> = { '': NaN, z: 0, utc: 0, gmt: 0, jst: 540, kst: 540, cet: 60, cest: 120, est: -300, edt: -240, pst: -480, pdt: -420 };

function zoneOffset(z: string, dflt: number): number | null {
  const s = z.replace(/[()]/g, '').trim().toLowerCase();
  if (s === '') return dflt;
  if (s in ZONES) return ZONES[s];
  const m = /^(?:utc|gmt)?([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function valid(y: number, mo: number, d: number): boolean {
  return y >= 1970 - 100 && mo >= 0 && mo < 12 && d >= 1 && d <= 31;
}

/** Registry date text → ISO UTC (`2006-04-10T00:00:00.000Z`), or null when unreadable. */
export function parseRegistryDate(text: string, defaultOffsetMin = 0): string | null {
  const s = text.trim().replace(/\.$/, '');
  if (s === '') return null;
  let m = DMY.exec(s);
  if (m) {
    const mo = monthIndex(m[2]);
    if (mo < 0 || !valid(+m[3], mo, +m[1])) return null;
    return new Date(Date.UTC(+m[3], mo, +m[1]) - defaultOffsetMin * 60000).toISOString();
  }
  m = YMD.exec(s);
  if (m) {
    const [, y, , mo, d, hh, mi, ss, zone] = m;
    if (!valid(+y, +mo - 1, +d)) return null;
    const off = zoneOffset(zone, defaultOffsetMin);
    if (off === null) {
      // An ISO text with an offset like +0000 that the regex above did not catch.
      const ms = isoToMs(s);
      return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
    }
    const utc = Date.UTC(+y, +mo - 1, +d, +(hh ?? 0), +(mi ?? 0), +(ss ?? 0)) - off * 60000;
    return Number.isFinite(utc) ? new Date(utc).toISOString() : null;
  }
  const ms = isoToMs(s);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
