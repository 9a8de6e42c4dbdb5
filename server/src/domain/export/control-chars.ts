// Text read from files is stored as given (it is evidence), but shown and exported safely: control
// characters become visible escapes (\x01, \x1b, \u202e), so an ESC sequence cannot drive a
// terminal, a C0 character cannot make a GraphML file invalid XML, and a right-to-left override
// cannot disguise a name.

// C0 except TAB/LF/CR (callers decide about those), DEL, C1, bidi and zero-width format characters,
// the BOM, lone surrogates and the XML non-characters U+FFFE/U+FFFF.
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_OR_BREAK = /[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Control characters as visible escapes; TAB, LF and CR kept. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, visible);
}

/** One line of text: also TAB, LF, CR and line separators become escapes. */
export function escapeControlsLine(s: string): string {
  return s.replace(UNSAFE_OR_BREAK, visible);
}

/** XML 1.0 character data or attribute value: markup escaped, characters XML forbids made visible. */
export function xmlText(v: unknown): string {
  return escapeControls(String(v ?? '')).replace(/[<>&"'\t\n\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

/**
 * A CSV cell: controls made visible, quoted when needed, and a leading = + - @ of text that is not
 * a number prefixed with ' so that a spreadsheet shows it instead of evaluating it.
 */
export function csvCell(v: unknown): string {
  let s = v == null ? '' : escapeControls(String(v));
  if (typeof v === 'string' && /^[=+\-@]/.test(s) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
