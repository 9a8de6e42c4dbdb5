// Is a file's unfinished last line complete, or is a writer half-way through it?
// A log being written grows or was touched moments ago; a file copied, downloaded or saved by an
// editor (JSON often ends without a line end) was not. Judged after the read, when there is such a
// line: a file that changed while it was read is live whatever its age. The window is short because
// a long one held back the last record of every freshly copied file (CI copies its corpus minutes
// before the tests run).
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

export const LIVE_WINDOW_MS = 30_000;

/** A `takePartialLast` callback: true (take the line) unless the file is live. */
export function lastLineIsComplete(file: string, before: Stats, gz: boolean, windowMs = LIVE_WINDOW_MS): () => Promise<boolean> {
  return async () => {
    if (gz) return true;
    const now = await stat(file);
    const changed = now.size !== before.size || now.mtimeMs !== before.mtimeMs;
    return !changed && Date.now() - now.mtimeMs >= windowMs;
  };
}
