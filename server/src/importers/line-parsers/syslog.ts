// Syslog framing shared by the BIND, dnsmasq and Unbound parsers (they live side by side in
// /var/log/syslog and share the BSD header). Hand-written: the few syslog libraries on npm parse
// whole messages with regexes and allocate per field, which is too slow for the hot loop.
import type { ParseOptions } from '../types.ts';
import { monthIndex } from '../normalize/time.ts';

export interface SyslogHead {
  /** Epoch ms UTC from the header (NaN when absent). */
  ts: number;
  /** Program name before `[pid]:` or `:`. */
  program: string;
  /** Pid text inside the brackets ('' when absent). */
  pid: string;
  /** Index of the message text (after `prog[pid]: `). */
  msg: number;
}

/**
 * The year to assume for BSD syslog timestamps, and a note saying where it came from.
 * BSD syslog has no year and logs are not in time order (the dnsmasq sample jumps from Sep to Jan
 * and back), so a year is never inferred from month order.
 */
export function resolveYear(opts: ParseOptions): { year: number; note: string } {
  if (opts.year !== undefined) return { year: opts.year, note: `syslog timestamps have no year: using ${opts.year} from the year option` };
  if (opts.fileTime !== undefined && Number.isFinite(opts.fileTime)) {
    const y = new Date(opts.fileTime).getUTCFullYear();
    return { year: y, note: `syslog timestamps have no year: using ${y} from the file modification time` };
  }
  const y = new Date().getUTCFullYear();
  return { year: y, note: `syslog timestamps have no year and no year option or file time was given: assuming the current year ${y}` };
}

function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48, b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** `HH:MM:SS` at i → seconds of day, or -1. */
export function clockAt(s: string, i: number): number {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1;
  const h = digits2(s, i), m = digits2(s, i + 3), sec = digits2(s, i + 6);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
  return h * 3600 + m * 60 + sec;
}

/**
 * Parse `[<PRI>]Mmm dd HH:MM:SS host [host2 ...] prog[pid]: ` (BSD, day padded with a space or not)
 * or `[<PRI>]YYYY-MM-DDTHH:MM:SS[.fff][zone] host prog[pid]: ` (RFC 5424-ish). Syslog times are
 * taken as UTC. Returns null when the line has no syslog header.
 */
export function parseSyslogHead(s: string, year: number): SyslogHead | null {
  let i = 0;
  if (s.charCodeAt(0) === 60 /* < */) {
    const close = s.indexOf('>');
    if (close < 2 || close > 5) return null;
    i = close + 1;
  }
  let ts: number;
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    // ISO form: take everything up to the first space.
    const sp = s.indexOf(' ', i);
    if (sp < 0) return null;
    const iso = s.slice(i, sp);
    ts = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso.slice(10)) ? iso : iso + 'Z');
    if (!Number.isFinite(ts)) return null;
    i = sp + 1;
  } else {
    const mon = monthIndex(s.slice(i, i + 3));
    if (mon < 0 || s.charCodeAt(i + 3) !== 32) return null;
    i += 4;
    if (s.charCodeAt(i) === 32) i++;
    let day = s.charCodeAt(i) - 48;
    if (day < 0 || day > 9) return null;
    i++;
    const d2 = s.charCodeAt(i) - 48;
    if (d2 >= 0 && d2 <= 9) { day = day * 10 + d2; i++; }
    if (s.charCodeAt(i) !== 32 || day < 1 || day > 31) return null;
    const secs = clockAt(s, i + 1);
    if (secs < 0) return null;
    i += 10;
    if (s.charCodeAt(i - 1) !== 32) return null;
    ts = Date.UTC(year, mon, day) + secs * 1000;
  }
  // Hosts (one or more tokens, e.g. `a1.foo.com 89.160.20.112`) then `prog[pid]:` or `prog:`.
  const colon = s.indexOf(': ', i);
  if (colon < 0) return null;
  const sp = s.lastIndexOf(' ', colon);
  if (sp < i - 1) return null;
  let tag = s.slice(sp + 1, colon);
  let pid = '';
  const br = tag.indexOf('[');
  if (br >= 0 && tag.endsWith(']')) {
    pid = tag.slice(br + 1, -1);
    tag = tag.slice(0, br);
  }
  if (tag === '') return null;
  return { ts, program: tag, pid, msg: colon + 2 };
}

/** Strip one trailing `\r` (CRLF files). */
export function stripCr(s: string): string {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}

/** Split `IP#port` (IPv6-safe: the port follows the last `#`). */
export function hostOfHashPort(s: string): string {
  const h = s.lastIndexOf('#');
  return h > 0 ? s.slice(0, h) : s;
}

