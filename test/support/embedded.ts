// Options for a throwaway embedded Neo4j in the embedded tests: the small heap and page cache
// they all use, and a logger that says nothing.
import type { EmbeddedOptions } from '../../server/src/db/embedded/index.ts';

export const quietLog = { info() {}, warn() {}, error() {}, debug() {} };

export function testEmbeddedOptions(o: Pick<EmbeddedOptions, 'repoRoot' | 'home' | 'passwordFile'> & Partial<EmbeddedOptions>): EmbeddedOptions {
  return { boltPort: 7687, heapMb: 512, pageCacheMb: 64, txTimeoutSec: 60, log: quietLog, ...o };
}
