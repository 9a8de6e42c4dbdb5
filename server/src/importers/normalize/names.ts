// Host-name normalization shared by every importer. Keys are lower-case ASCII (punycode),
// without the trailing dot; the registered domain comes from the Public Suffix List (tldts).
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';

const LABEL = /^[a-z0-9_*](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const ASCII_ONLY = /^[\x21-\x7e]*$/;

export interface NormalizedName {
  /** Lower-case ASCII key (punycode for IDN), no trailing dot. */
  key: string;
  /** Unicode display form; equals key for plain ASCII names. */
  display: string;
}

/**
 * Normalize a DNS name. Returns null when the text cannot be a host name (empty, a label over
 * 63 octets, a name over 253, spaces or control characters). Names are not required to be
 * "valid hostnames": DNS logs carry underscores, wildcards and NetBIOS names, and those are facts.
 */
/**
 * The common case in logs — an ASCII name of letters, digits, '-', '_' — checked in one pass
 * over char codes, without regexes or splitting. Returns the key, or undefined to fall back
 * to the full path (IDN, odd characters, bad labels).
 */
export function fastKey(raw: string): string | undefined {
  let n = raw.length;
  if (n > 0 && raw.charCodeAt(n - 1) === 46) n--;
  if (n === 0 || n > 253) return undefined;
  let labelLen = 0;
  let upper = false;
  let prev = 46;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46) {
      if (labelLen === 0 || prev === 45) return undefined;
      labelLen = 0;
    } else {
      if (c >= 97 && c <= 122) { /* a-z */ } else if (c >= 48 && c <= 57) { /* 0-9 */ } else if (c >= 65 && c <= 90) upper = true;
      else if (c === 45) { if (labelLen === 0) return undefined; } else if (c === 95) { /* _ */ } else return undefined;
      if (++labelLen > 63) return undefined;
    }
    prev = c;
  }
  if (labelLen === 0 || prev === 45) return undefined;
  const s = n === raw.length ? raw : raw.slice(0, n);
  return upper ? s.toLowerCase() : s;
}

export function normalizeName(raw: string): NormalizedName | null {
  const fast = fastKey(raw);
  if (fast !== undefined) return { key: fast, display: fast };
  let s = raw.trim();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s === '' || s.length > 253) return null;
  let key: string;
  if (ASCII_ONLY.test(s)) {
    key = s.toLowerCase();
  } else {
    key = domainToASCII(s);
    if (key === '') return null;
  }
  const labels = key.split('.');
  for (const l of labels) if (!LABEL.test(l)) return null;
  const display = displayName(key);
  return { key, display };
}

/** Fast path for the hot loop: the key only. */
export function nameKey(raw: string): string | null {
  const fast = fastKey(raw);
  if (fast !== undefined) return fast;
  const n = normalizeName(raw);
  return n ? n.key : null;
}

/**
 * The registered domain (eTLD+1) of a normalized host name, or null when the name has none
 * (a bare public suffix, a single label, a reverse-lookup name, a NetBIOS name).
 */
export function registeredDomain(host: string): string | null {
  if (host.endsWith('.arpa')) return null;
  const r = parseDomain(host, { allowPrivateDomains: false, extractHostname: false });
  if (!r.domain || r.isIp) return null;
  return r.domain;
}

/** How a normalized name is shown: Unicode for IDN labels (the key keeps the punycode). */
export function displayName(key: string): string {
  return key.includes('xn--') ? domainToUnicode(key) || key : key;
}
