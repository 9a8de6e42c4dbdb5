// Recorded RDAP answers are sometimes stored as raw HTTP responses (status line, headers, blank
// line, body), as in ARIN's and nicinfo's fixtures. Split them; plain JSON passes through.

export interface HttpSplit {
  /** HTTP status code, or null when the text is not an HTTP response. */
  status: number | null;
  body: string;
  /** 1-based line of the body's first line in the original text. */
  bodyLine: number;
}

const STATUS = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/;

export function splitHttp(text: string): HttpSplit {
  const m = STATUS.exec(text);
  if (!m) return { status: null, body: text, bodyLine: 1 };
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  let cut: number;
  let sep: number;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) { cut = crlf; sep = 4; } else if (lf >= 0) { cut = lf; sep = 2; } else { cut = text.length; sep = 0; }
  const head = text.slice(0, cut);
  const bodyLine = head.split('\n').length + 2;
  return { status: Number(m[1]), body: text.slice(cut + sep), bodyLine };
}
