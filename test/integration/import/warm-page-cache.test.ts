// The page-cache warm-up beside the parse (warm-page-cache.ts): it reads the store's pages on the
// real test database, the import waits for it before its graph writes, and a refusal is only a note.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importFiles } from '../../../server/src/domain/imports/import-files.ts';
import { warmPageCache, type WarmResult } from '../../../server/src/domain/imports/warm-page-cache.ts';
import type { Database } from '../../../server/src/db/database.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-warm-'));
afterAll(async () => {
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('page-cache warm-up', () => {
  it('reads the store pages through APOC', async () => {
    await resetDb(db);
    await db.write('UNWIND range(1, 2000) AS i CREATE (:Host {key: "warm:" + i, name: "h" + i})', {}, { caller: 'test' });
    const r = await warmPageCache(db);
    expect('skipped' in r ? r.skipped : '').toBe('');
    expect((r as { pages: number }).pages).toBeGreaterThan(0);
  });

  it('runs beside the parse of an import and settles before its graph writes', async () => {
    await resetDb(db);
    const f = path.join(tmp, 'a.log');
    await generate('zeek-tsv', 2000, 5, f, 'heavy');
    // The warm-up answers late (up to 10 s); until it does, the import must not write a node.
    let hostsWhenWarmed = -1;
    const slow = new Proxy(db, {
      get(target, key, recv) {
        const v = Reflect.get(target, key, recv);
        if (key !== 'read') return typeof v === 'function' ? v.bind(target) : v;
        return async (...args: Parameters<Database['read']>) => {
          if (!String(args[0]).includes('apoc.warmup.run')) return target.read(...args);
          // Long enough for an ungated import of 2,000 lines to write its hosts on any machine
          // that runs the suite; a gated one writes none however long the warm-up takes.
          const rows = await target.read(...args);
          const hosts = async () => Number((await target.read('MATCH (h) WHERE h:Host OR h:IP OR h:Domain RETURN count(h) AS n', {}, { caller: 'test' }))[0].n);
          for (let t = 0; t < 100 && (hostsWhenWarmed = await hosts()) === 0; t++) await new Promise((r) => setTimeout(r, 100));
          return rows;
        };
      },
    }) as Database;
    let warmed: WarmResult | undefined;
    const out = await importFiles(slow, [f], { batchSize: 500, writers: 2, flushAt: 200, reportDir: path.join(tmp, 'r'), linkPrefixes: false, warmPageCache: true },
      { onWarmPageCache: (r) => { warmed = r; } });
    expect(out.failures).toEqual([]);
    expect(warmed && 'pages' in warmed).toBe(true);
    expect(hostsWhenWarmed).toBe(0);
    expect(Number((await db.read('MATCH (h) WHERE h:Host OR h:IP OR h:Domain RETURN count(h) AS n', {}, { caller: 'test' }))[0].n)).toBeGreaterThan(0);
  });

  it('is a note, not a failure, when the database refuses it', async () => {
    const refusing = { read: async () => { throw new Error('There is no procedure with the name `apoc.warmup.run` registered'); } } as unknown as Database;
    expect(await warmPageCache(refusing)).toEqual({ skipped: 'There is no procedure with the name `apoc.warmup.run` registered' });
  });
});
