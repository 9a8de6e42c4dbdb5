// Time parsing shared by importers. Everything becomes epoch milliseconds, UTC.

/** Epoch seconds (possibly fractional, as text) → epoch ms; NaN when not a number. */
export function epochSecondsToMs(text: string): number {
  if (text === '' || text === '-') return NaN;
  const v = Number(text);
  return Number.isFinite(v) ? Math.round(v * 1000) : NaN;
}

/**
 * ISO-8601 / RFC 3339 text → epoch ms. A timestamp without a zone is taken as UTC (logs in this
 * domain are UTC unless they say otherwise). Sub-millisecond digits are truncated.
 */
export function isoToMs(text: string): number {
  let s = text.trim();
  if (s === '') return NaN;
  s = s.replace(' ', 'T');
  // Trim nanoseconds to milliseconds: Date.parse rejects more than 3 fraction digits on some inputs.
  s = s.replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(s)) s += 'Z';
  const v = Date.parse(s);
  return Number.isFinite(v) ? v : NaN;
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Month abbreviation (any case) → 0-based month, or -1. */
export function monthIndex(abbr: string): number {
  const m = MONTHS[abbr.slice(0, 3).toLowerCase()];
  return m === undefined ? -1 : m;
}

// ISO-8601 text of epoch ms, as Date#toISOString writes it. A million edges need two each; the
// date part is the same for a whole day of events, so it is formatted once per day (a first and
// a last time often fall on different days: the prefixes of recent days are kept).
const isoPrefixes = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
/** '' for a missing time. */
export function isoMillis(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  // Fractions and years outside 1970–9999 (a six-digit or negative year) take the slow way.
  if (!Number.isInteger(ms) || ms < 0 || ms >= 253402300800000) return new Date(ms).toISOString();
  const day = Math.floor(ms / 86_400_000);
  let isoPrefix = isoPrefixes.get(day);
  if (isoPrefix === undefined) {
    if (isoPrefixes.size >= 4096) isoPrefixes.clear();
    isoPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    isoPrefixes.set(day, isoPrefix);
  }
  const t = ms - day * 86_400_000;
  const msPart = t % 1000;
  const s = Math.floor(t / 1000);
  return `${isoPrefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${msPart < 10 ? '00' : msPart < 100 ? '0' : ''}${msPart}Z`;
}
