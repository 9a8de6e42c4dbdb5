// A Cypher lexer for the console's guard: it reads the query once, left to right, the way Neo4j's
// parser does, so a comment opener inside a string ('/*') or a URL inside a string ('http://…')
// is part of that string and hides nothing. Regexes that strip comments first and strings second
// (or the other way round) disagree with the parser on exactly such inputs.
import { AppError, ErrorCode } from '../../errors.ts';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words as written; strings and quoted names without their quotes (escapes kept as written). */
  text: string;
  offset: number;
}

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;

function unterminated(what: string, offset: number): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `The query has an unterminated ${what} starting at offset ${offset}.`);
}

export function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && q[i + 1] === '/') {
      const nl = q.indexOf('\n', i);
      i = nl === -1 ? q.length : nl + 1;
      continue;
    }
    if (c === '/' && q[i + 1] === '*') {
      const end = q.indexOf('*/', i + 2);
      if (end === -1) throw unterminated('comment', i);
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i++;
      let text = '';
      for (;;) {
        if (i >= q.length) throw unterminated('string', start);
        const d = q[i];
        if (d === '\\') { text += q.slice(i, i + 2); i += 2; continue; }
        if (d === c) { i++; break; }
        text += d;
        i++;
      }
      out.push({ kind: 'string', text, offset: start });
      continue;
    }
    if (c === '`') {
      const start = i++;
      let text = '';
      for (;;) {
        if (i >= q.length) throw unterminated('quoted name', start);
        if (q[i] === '`') {
          if (q[i + 1] === '`') { text += '`'; i += 2; continue; }
          i++;
          break;
        }
        text += q[i++];
      }
      out.push({ kind: 'quoted', text, offset: start });
      continue;
    }
    if (c === '$') {
      const start = i++;
      while (i < q.length && WORD_PART.test(q[i])) i++;
      out.push({ kind: 'param', text: q.slice(start, i), offset: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const start = i;
      while (i < q.length && /[0-9A-Za-z_.]/.test(q[i]) && !(q[i] === '.' && q[i + 1] === '.')) i++;
      out.push({ kind: 'number', text: q.slice(start, i), offset: start });
      continue;
    }
    if (WORD_START.test(c)) {
      const start = i;
      while (i < q.length && WORD_PART.test(q[i])) i++;
      out.push({ kind: 'word', text: q.slice(start, i), offset: start });
      continue;
    }
    out.push({ kind: 'punct', text: c, offset: i });
    i++;
  }
  return out;
}

/** A keyword is a bare word that is not a property (after '.') nor a map key (before ':' in '{…}'). */
export function keywords(tokens: Token[]): { word: string; offset: number }[] {
  const out: { word: string; offset: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const prev = tokens[i - 1];
    if (prev?.kind === 'punct' && prev.text === '.') continue;
    const next = tokens[i + 1];
    if (next?.kind === 'punct' && next.text === ':' && (prev?.text === '{' || prev?.text === ',')) continue;
    out.push({ word: t.text.toUpperCase(), offset: t.offset });
  }
  return out;
}

/**
 * Every procedure the query calls by name: `CALL a.b.c(` or `CALL a.b.c` (a subquery `CALL {`
 * or `CALL (x) {` is not a procedure). Quoted name parts count as their text.
 */
export function calledProcedures(tokens: Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || t.text.toUpperCase() !== 'CALL') continue;
    if (tokens[i - 1]?.kind === 'punct' && tokens[i - 1].text === '.') continue;
    const parts: string[] = [];
    let j = i + 1;
    while (j < tokens.length && (tokens[j].kind === 'word' || tokens[j].kind === 'quoted')) {
      parts.push(tokens[j].text);
      if (tokens[j + 1]?.kind === 'punct' && tokens[j + 1].text === '.') j += 2;
      else { j++; break; }
    }
    if (parts.length) out.push(parts.join('.'));
  }
  return out;
}
