// When is an unfinished last line complete? CI failed (stop 19) because every conformance file
// copied a few minutes before the tests counted as a live log, and Sysmon's pretty-printed JSON
// and Route 53's last record were held back.
import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastLineIsComplete } from '../../../server/src/importers/pipeline/live-log.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-live-'));
const file = (name: string, agoMs: number) => {
  const f = path.join(dir, name);
  writeFileSync(f, '{"a": 1}\n{"b": 2}');
  const t = new Date(Date.now() - agoMs);
  utimesSync(f, t, t);
  return f;
};

describe('lastLineIsComplete', () => {
  it('takes the last line of a file copied two minutes ago', async () => {
    const f = file('copied.json', 120_000);
    expect(await lastLineIsComplete(f, statSync(f), false)()).toBe(true);
  });

  it('holds back the last line of a file written a moment ago', async () => {
    const f = file('fresh.log', 0);
    expect(await lastLineIsComplete(f, statSync(f), false)()).toBe(false);
  });

  it('holds back the last line of an old file that grew while it was read', async () => {
    const f = file('growing.log', 3_600_000);
    const before = statSync(f);
    appendFileSync(f, ', "c": 3}');
    utimesSync(f, before.atime, before.mtime); // even with its old time put back, it grew
    expect(await lastLineIsComplete(f, before, false)()).toBe(false);
  });

  it('a window of 0 takes every last line; gzip is always whole', async () => {
    const f = file('zero.log', 0);
    expect(await lastLineIsComplete(f, statSync(f), false, 0)()).toBe(true);
    expect(await lastLineIsComplete(f, statSync(f), true)()).toBe(true);
  });
});
