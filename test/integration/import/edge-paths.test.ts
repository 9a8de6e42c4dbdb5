// New lookup edges take a lean CREATE (plain numbers converted in Cypher); edges whose ends
// already existed take the MERGE-and-update path. Both must leave the same properties with the
// same types, so the same log gives the same graph whichever way its edges were written.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb, resetDb } from '../../support/db.ts';
import { importFile } from '../../../server/src/importers/pipeline/import-file.ts';
import { generate } from '../../../bench/gen/dns-log-gen.ts';

const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'infragraph-paths-'));
afterAll(() => db.close());

async function edges(): Promise<Map<string, unknown>> {
  const rows = await db.read(
    `MATCH (a)-[r]->(b) WHERE type(r) IN ['QUERIED', 'RESOLVES_TO', 'ALIAS_OF', 'MAIL_SERVER', 'SUBDOMAIN_OF']
     WITH a, r, b, [k IN keys(r) WHERE NOT k IN ['updatedAt'] | k] AS ks
     RETURN type(r) + ' ' + a.key + ' ' + b.key AS id,
            [k IN ks | [k, r[k], valueType(r[k])]] AS props
     ORDER BY id`, {}, { caller: 'test' });
  return new Map(rows.map((r) => [r.id as string, (r.props as unknown[][]).sort((x, y) => String(x[0]).localeCompare(String(y[0])))]));
}

describe('edge write paths', () => {
  it('CREATE for new ends and MERGE for existing ends give identical edges', async () => {
    const file = path.join(tmp, 'dns.log');
    // 20k events: over a thousand pairs, so the aggregator's pair table grows during the import.
    await generate('zeek-tsv', 20_000, 11, file);
    const o = { batchSize: 200, writers: 2, flushAt: 1000, reportDir: path.join(tmp, 'r'), sourceName: 'same-source' };

    await resetDb(db);
    const created = await importFile(db, file, o);
    expect(created.records).toBe(20_000);
    const lean = await edges();
    const twice = await db.read('MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1 RETURN count(*) AS n', {}, { caller: 'test' });
    expect(Number(twice[0].n)).toBe(0);
    const nodes = await db.read(`MATCH (n) WHERE n:IP OR n:Host OR n:Domain RETURN labels(n)[0] AS l, n.key AS k, n.version AS v`, {}, { caller: 'test' });

    // Same nodes already in the graph, no edges: nothing is new, every edge goes through MERGE.
    await resetDb(db);
    for (const l of ['IP', 'Host', 'Domain']) {
      await db.write(`UNWIND $rows AS r CREATE (n:${l} {key: r.k, name: r.k}) SET n.version = r.v`, { rows: nodes.filter((n) => n.l === l) }, { caller: 'test' });
    }
    const merged = await importFile(db, file, o);
    expect(merged.nodesCreated).toBe(0);
    const viaMerge = await edges();

    expect(viaMerge.size).toBe(lean.size);
    expect(lean.size).toBeGreaterThan(1000);
    // The Source key is the file's sha256 either way, so the provenance arrays match too.
    for (const [id, props] of lean) expect(viaMerge.get(id), id).toEqual(props);
  });
});
