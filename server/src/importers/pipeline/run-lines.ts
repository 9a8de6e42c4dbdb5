// Lines of a spill file, read synchronously in blocks: the merge pulls from a few files in turn
// and must not buffer any of them whole.
import { closeSync, openSync, readSync } from 'node:fs';

export function* readFileLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      // Spill files are ASCII (ids, numbers, type names): no multi-byte sequence can be cut.
      const text = rest + buf.toString('latin1', 0, n);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}
