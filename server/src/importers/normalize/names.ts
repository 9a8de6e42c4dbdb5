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
export function normalizeName(raw: string): NormalizedName | null {
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
  const display = key.includes('xn--') ? domainToUnicode(key) || key : key;
  return { key, display };
}

/** Fast path for the hot loop: the key only. */
export function nameKey(raw: string): string | null {
  // Most names in logs are already lower-case ASCII without a trailing dot.
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
