// What a Zeek ASCII log declares about itself in its `#` lines: the writer's separators and
// markers, and where the columns the importer reads sit.

/** Decode Zeek's `\xNN` escapes (used for separators and non-printables inside values). */
export function unescapeZeek(s: string): string {
  if (s.indexOf('\\x') < 0) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Column positions (-1 when the log has no such field) and the column count. */
export interface Cols { ts: number; orig: number; resp: number; proto: number; query: number; qtype: number; qtypeNum: number; rcode: number; answers: number; ttls: number; count: number }

function columnsOf(fields: string[]): Cols {
  const at = (name: string) => fields.indexOf(name);
  return {
    ts: at('ts'), orig: at('id.orig_h'), resp: at('id.resp_h'), proto: at('proto'), query: at('query'),
    qtype: at('qtype_name'), qtypeNum: at('qtype'), rcode: at('rcode_name'), answers: at('answers'), ttls: at('TTLs'),
    count: fields.length,
  };
}

export class ZeekHeader {
  sep = '\t';
  setSep = ',';
  empty = '(empty)';
  unset = '-';
  cols: Cols | null = null;
  /** Zeek's default writer settings: the only ones the byte path reads (kept here so it checks one flag a line). */
  plain = true;

  directive(text: string): void {
    // `#separator \x09` uses a space; the others use the separator; btest baselines write
    // `#open XXXX...` with a space too, and `###` banner lines are not directives at all.
    if (text.startsWith('#separator ')) {
      this.sep = unescapeZeek(text.slice(11)) || '\t';
    } else {
      const cut = text.indexOf(this.sep);
      const key = cut < 0 ? text : text.slice(0, cut);
      const val = cut < 0 ? '' : text.slice(cut + this.sep.length);
      if (key === '#set_separator') this.setSep = unescapeZeek(val);
      else if (key === '#empty_field') this.empty = unescapeZeek(val);
      else if (key === '#unset_field') this.unset = unescapeZeek(val);
      else if (key === '#fields') this.cols = columnsOf(val.split(this.sep));
    }
    this.plain = this.sep === '\t' && this.setSep === ',' && this.unset === '-' && this.empty === '(empty)';
  }
}

/** Upper-cases short vocabulary (query types, rcodes) through a bounded cache. */
export function upperCache(max = 1000): (v: string) => string {
  const upper = new Map<string, string>();
  return (v) => {
    let u = upper.get(v);
    if (u === undefined) { u = v.toUpperCase(); if (upper.size < max) upper.set(v, u); }
    return u;
  };
}
