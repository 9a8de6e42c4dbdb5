// Keys for organizations, people and ASNs. Registry data spells one party many ways
// ("The Trump Organization", "Trump Organization, Inc."); the key folds the spellings that
// differ only in case, punctuation, accents, a leading "The" or a trailing legal form.

const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc',
  'llp', 'lp', 'gmbh', 'ag', 'sa', 'sas', 'srl', 'bv', 'nv', 'oy', 'ab', 'as', 'kk', 'pty',
  'ao', 'oao', 'zao', 'pao', 'pjsc', 'jsc', 'ojsc', 'cjsc',
]);

function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Recompose what is left: NFKD splits kana such as プ into フ + U+309A, a mark that is not
    // a letter and would otherwise become a word break.
    .normalize('NFC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Organization key: `trump-organization` for "The Trump Organization, Inc.". Empty for empty input. */
export function orgKey(name: string): string {
  const w = words(name);
  if (w[0] === 'the' && w.length > 1) w.shift();
  while (w.length > 1 && LEGAL_FORMS.has(w[w.length - 1])) w.pop();
  while (w.length > 1 && LEGAL_FORMS.has(w[0])) w.shift();
  return w.join('-');
}

/** Person key: `jae-cho` for "Jae Cho". */
export function personKey(name: string): string {
  return words(name).join('-');
}

/** ASN key: `AS703`. Accepts 703, "703", "AS703", "as703". */
export function asnKey(asn: number | string): string {
  const n = typeof asn === 'number' ? asn : Number(String(asn).replace(/^as/i, ''));
  if (!Number.isInteger(n) || n < 0 || n > 4294967295) throw new Error(`not an AS number: ${asn}`);
  return `AS${n}`;
}
