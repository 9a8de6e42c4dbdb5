// The bulk load says how long each of neo4j-admin's phases took, read from its own output.
import { describe, expect, it } from 'vitest';
import { importerPhases, importerSeconds, importerThreads, offlineImportArgs } from '../../../server/src/db/embedded/offline-import.ts';

const OUTPUT = `Import starting 2026-12-03 18:46:01.081+0000
(1/4) Node import 2026-12-03 18:46:01.103+0000
.......... .......... .......... .......... .......... 100% ∆0ms [3s 874ms]
Node import COMPLETED in 3s 874ms

(2/4) Relationship import 2026-12-03 18:46:04.977+0000
Relationship import COMPLETED in 1m 1s 547ms
Relationship linking COMPLETED in 2s 237ms
Post processing COMPLETED in 618ms

IMPORT DONE in 1m 10s 681ms.
`;

describe('offline importer output', () => {
  it('reads durations written as hours, minutes, seconds and milliseconds', () => {
    expect(importerSeconds('1h 2m 3s 400ms')).toBeCloseTo(3723.4, 6);
    expect(importerSeconds('874ms')).toBeCloseTo(0.874, 6);
  });

  it('lists each phase with its seconds, then the total', () => {
    expect(importerPhases(OUTPUT)).toEqual([
      ['Node import', 3.874], ['Relationship import', 61.547], ['Relationship linking', 2.237],
      ['Post processing', 0.618], ['import done', 70.681],
    ]);
  });

  const o = { repoRoot: '/r', home: '/h', boltPort: 1, heapMb: 1, pageCacheMb: 1, txTimeoutSec: 1, passwordFile: '/p', log: console };
  const input = { nodes: [['Host', '/x/h.csv']] as [string, string][], relationships: [] };

  it('trims text values only when asked', () => {
    expect(offlineImportArgs(o, { ...input, trimStrings: true })).toContain('--trim-strings=true');
    expect(offlineImportArgs(o, input)).toContain('--trim-strings=false');
  });

  it('passes a configuration file for the new store before the database name, only when given', () => {
    const args = offlineImportArgs(o, { ...input, additionalConfig: '/x/store.conf' });
    expect(args.slice(-2)).toEqual(['--additional-config=/x/store.conf', 'neo4j']);
    expect(offlineImportArgs(o, input).some((a) => a.startsWith('--additional-config'))).toBe(false);
  });

  it("writes its report in the store's home, not in the working directory", () => {
    expect(offlineImportArgs(o, input)).toContain('--report-file=/h/offline-import.report');
  });

  it('runs twice as many importer threads as there are cores', () => {
    expect(importerThreads(2)).toBe(4);
    expect(importerThreads(1)).toBe(2);
    expect(offlineImportArgs(o, input)).toContain(`--threads=${importerThreads()}`);
  });
});
