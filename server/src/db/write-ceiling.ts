// The database's own write limit, measured the way the importer writes: `UNWIND $rows … CREATE`
// of relationships between nodes that exist, with only a key property, in the importer's batch
// size and number of writers. An import's edge rate is judged against this figure taken in the
// same run on the same store (benchmarks only; it writes and then deletes its relationships).
import type { Database } from './database.ts';

export interface CeilingResult { rels: number; seconds: number; relsPerSec: number }

const REL = 'BENCH_CEILING';

/** The ceiling's statement. Rows: { a, b (endpoint keys), k (a number) }. */
export function ceilingCypher(from = 'IP', to = 'Host'): string {
  if (!/^[A-Z][A-Za-z]*$/.test(from) || !/^[A-Z][A-Za-z]*$/.test(to)) throw new Error('labels must be plain words');
  return `UNWIND $rows AS row MATCH (a:${from} {key: row.a}) MATCH (b:${to} {key: row.b}) CREATE (a)-[:${REL} {k: row.k}]->(b)`;
}

export async function measureCreateCeiling(
  db: Database, pairs: { a: string; b: string }[], o: { batchSize: number; writers: number; fromLabel?: string; toLabel?: string },
): Promise<CeilingResult> {
  const cypher = ceilingCypher(o.fromLabel, o.toLabel);
  const batches: { a: string; b: string; k: number }[][] = [];
  for (let i = 0; i < pairs.length; i += o.batchSize) batches.push(pairs.slice(i, i + o.batchSize).map((p, j) => ({ ...p, k: i + j })));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.writers }, async () => {
    while (next < batches.length) {
      const rows = batches[next++];
      await db.writeTx((tx) => tx.runRows(cypher, { rows }), { caller: 'bench:ceiling', timeoutMs: 3_600_000 });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  await db.autoCommit(`MATCH ()-[r:${REL}]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS`, {}, { caller: 'bench:ceiling', timeoutMs: 3_600_000 });
  return { rels: pairs.length, seconds, relsPerSec: Math.round(pairs.length / seconds) };
}

/** Random (IP, Host) key pairs of the store, `n` of them, for the ceiling. */
export async function samplePairs(db: Database, n: number, rnd: () => number): Promise<{ a: string; b: string }[]> {
  const ips = (await db.read('MATCH (i:IP) RETURN i.key AS k LIMIT 2000000', {}, { caller: 'bench:ceiling', timeoutMs: 600_000 })).map((r) => String(r.k));
  const hosts = (await db.read('MATCH (h:Host) RETURN h.key AS k LIMIT 2000000', {}, { caller: 'bench:ceiling', timeoutMs: 600_000 })).map((r) => String(r.k));
  return Array.from({ length: n }, () => ({ a: ips[Math.floor(rnd() * ips.length)], b: hosts[Math.floor(rnd() * hosts.length)] }));
}
