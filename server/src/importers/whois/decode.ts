// WHOIS servers answer in whatever charset the registry uses (UTF-8, Latin-1, sometimes
// ISO-2022-JP/EUC-JP for JPRS without /e). Heuristic: decode as UTF-8; if that produced
// replacement characters and the bytes decoded as Latin-1 contain no C1 controls (0x80–0x9F,
// which real Latin-1 text never uses but mis-decoded UTF-8 or other multibyte charsets do),
// Latin-1 is the better reading. Otherwise keep UTF-8 with U+FFFD: a lossy name is still a fact.
const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeWhoisBytes(buf: Uint8Array): string {
  const text = utf8.decode(buf);
  if (!text.includes('\uFFFD')) return text;
  // A genuine U+FFFD in the source (EF BF BD) is not a decoding failure; compare counts.
  let encoded = 0;
  for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0xef && buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) encoded++;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++;
  if (replaced === encoded) return text;
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80 && buf[i] <= 0x9f) return text;
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
}
