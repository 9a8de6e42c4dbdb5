// Domain WHOIS text (port 43) → Domain, registrar, reseller, name servers, contacts.
// JPRS brackets have their own reader (jprs.ts); every other layout goes through one generic reader
// (labelled.ts) driven by one table of per-registry rules (registry-rules.ts). When one answer
// concatenates registry and registrar output, the first value of a fact wins: the registry part
// comes first and is the authority for dates and the sponsoring registrar.
import type { DocumentParser, Sink } from '../types.ts';
import { emitFacts, newFacts } from './domain-facts.ts';
import { isJprs, readJprs } from './jprs.ts';
import { readLabelled } from './labelled.ts';

export { decodeWhoisBytes } from './decode.ts';

function looksBinary(text: string): boolean {
  let bad = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > n * 0.1;
}

export const parseWhois: DocumentParser = (text: string, sink: Sink) => {
  if (text.trim() === '') return sink.reject(1, 'empty WHOIS document');
  if (looksBinary(text)) return sink.reject(1, 'not WHOIS text (binary or undecodable content)');
  if (text.includes('\uFFFD')) sink.note('WHOIS text holds undecodable bytes (U+FFFD); names with them are kept as given');
  const lines = text.split(/\r\n|\n|\r/);
  const f = newFacts();
  if (isJprs(lines)) readJprs(lines, f);
  else readLabelled(lines, f, sink);
  if (!f.domain) return sink.reject(1, 'no "Domain Name" record for a domain in this WHOIS answer');
  emitFacts(f, sink);
};
