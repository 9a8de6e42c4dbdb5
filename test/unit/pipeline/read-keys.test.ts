// Node keys come out of the engine joined into long strings and split again: the order, the group
// boundaries and keys that would break the join (a line feed) are what can go wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../server/src/importers/pipeline/duckdb-engine.ts';
import { readKeys } from '../../../server/src/importers/pipeline/duckdb-read-out.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'read-keys-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readKeys', () => {
  it('gives every key in id order across the 8,192-key groups, and keys with a line feed intact', async () => {
    const db = await DuckEngine.open({ dir: path.join(tmp, 'a'), threads: 2 });
    try {
      // Ids in the reverse of key order, so that neither insertion nor key order can pass for id order.
      await db.run(`CREATE TABLE t AS SELECT 'host-' || lpad(i::VARCHAR, 6, '0') || '.example' AS k, (20000 - i)::DOUBLE AS id FROM range(20001) r(i)`);
      const keys = await readKeys(db, 't', 'k');
      expect(keys.length).toBe(20001);
      expect(keys[0]).toBe('host-020000.example');
      expect(keys[8192]).toBe(`host-${String(20000 - 8192).padStart(6, '0')}.example`);
      expect(keys.every((k, id) => k === `host-${String(20000 - id).padStart(6, '0')}.example`)).toBe(true);
      await db.run(`INSERT INTO t VALUES ('two' || chr(10) || 'lines', 20001), ('', 20002)`);
      const odd = await readKeys(db, 't', 'k');
      expect(odd.length).toBe(20003);
      expect(odd.slice(-2)).toEqual(['two\nlines', '']);
      expect(odd[5]).toBe('host-019995.example');
    } finally {
      db.close();
    }
  }, 60_000);
});
