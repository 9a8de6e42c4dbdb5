// Removing what one Source contributed (infragraph import --replace, or an import that produced
// nothing): its provenance slot on every edge, the edges only it stated, DNS nodes left with no
// facts, its ledger entries, batch markers and Source node, and its event-store parts.
//
// Limitation: QUERIED histograms (`buckets`/`bucketCounts`) and the qtypes/rcodes sets are not
// kept per source, so an edge another source also observed keeps the removed source's buckets
// in its histogram; counts, first/last seen, confidence and validity are recomputed exactly
// from the remaining slots.
import { rm, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { ledgerKeysOfSource } from './ledger.ts';

const opts = { caller: 'import:replace', timeoutMs: 3_600_000 };

/** `enc` of the event-store layout: every byte outside [A-Za-z0-9._-] percent-encoded. */
export function encodeSourceDir(sourceKey: string): string {
  let out = '';
  for (const b of Buffer.from(sourceKey, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9._-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface RemovedSource { edgesDeleted: number; edgesTrimmed: number; nodesDeleted: number; eventDirs: number }

export async function removeSourceData(db: Database, sourceKey: string, eventsDir?: string): Promise<RemovedSource> {
  const since = await db.read('MATCH (s:Source {key: $src}) RETURN s.addedAt AS at', { src: sourceKey }, opts);
  const sinceAt = since[0]?.at ?? null;
  const del = await db.autoCommit(
    `MATCH ()-[r]->() WHERE $src IN r.sources AND size(r.sources) = 1
     CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS
     RETURN count(*) AS n`, { src: sourceKey }, opts);
  const trim = await db.autoCommit(
    `MATCH ()-[r]->() WHERE $src IN r.sources AND size(r.sources) > 1
     CALL { WITH r
       WITH r, [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] <> $src] AS keep
       SET r.sources = [i IN keep | r.sources[i]], r.srcConf = [i IN keep | r.srcConf[i]],
           r.srcRef = [i IN keep | r.srcRef[i]], r.srcCount = [i IN keep | r.srcCount[i]],
           r.srcFrom = [i IN keep | r.srcFrom[i]], r.srcTo = [i IN keep | r.srcTo[i]]
       WITH r
       SET r.count = reduce(s = 0, c IN r.srcCount | s + c),
           r.confidence = reduce(m = 0, c IN r.srcConf | CASE WHEN c > m THEN c ELSE m END),
           r.validFrom = reduce(m = null, v IN r.srcFrom | CASE WHEN v = '' THEN m WHEN m IS NULL OR datetime(v) < m THEN datetime(v) ELSE m END),
           r.validTo = reduce(m = null, v IN r.srcTo | CASE WHEN v = '' THEN m WHEN m IS NULL OR datetime(v) > m THEN datetime(v) ELSE m END)
       WITH r WHERE r.firstSeen IS NOT NULL
       SET r.firstSeen = r.validFrom, r.lastSeen = r.validTo
     } IN TRANSACTIONS OF 5000 ROWS
     RETURN count(*) AS n`, { src: sourceKey }, opts);
  // DNS nodes left without facts (a host keeps only its structural SUBDOMAIN_OF), first seen
  // since this source came in: nothing else stated them.
  let nodes = 0;
  if (sinceAt !== null) {
    const h = await db.autoCommit(
      `MATCH (n:Host) WHERE n.addedAt >= datetime($since) AND NOT EXISTS { (n)-[r]-() WHERE type(r) <> 'SUBDOMAIN_OF' }
       CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS RETURN count(*) AS n`, { since: sinceAt }, opts);
    const o = await db.autoCommit(
      `MATCH (n) WHERE (n:IP OR n:Domain) AND n.addedAt >= datetime($since) AND NOT EXISTS { (n)--() }
       CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS RETURN count(*) AS n`, { since: sinceAt }, opts);
    nodes = Number(h[0]?.n ?? 0) + Number(o[0]?.n ?? 0);
  }
  for (const key of await ledgerKeysOfSource(db, sourceKey)) {
    await db.autoCommit(
      `MATCH (b:ImportBatch) WHERE b.key STARTS WITH $prefix
       CALL { WITH b DELETE b } IN TRANSACTIONS OF 10000 ROWS RETURN count(*) AS n`, { prefix: key + ':' }, opts);
  }
  await db.write('MATCH (l:ImportLedger {sourceKey: $src}) DETACH DELETE l', { src: sourceKey }, opts);
  await db.write('MATCH (s:Source {key: $src}) DETACH DELETE s', { src: sourceKey }, opts);
  let eventDirs = 0;
  if (eventsDir) {
    const enc = `source=${encodeSourceDir(sourceKey)}`;
    const days = await readdir(eventsDir).catch(() => [] as string[]);
    for (const d of days.filter((x) => x.startsWith('day='))) {
      const dir = path.join(eventsDir, d, enc);
      const had = await readdir(dir).then(() => true, () => false);
      if (had) { await rm(dir, { recursive: true, force: true }); eventDirs++; }
    }
  }
  return { edgesDeleted: Number(del[0]?.n ?? 0), edgesTrimmed: Number(trim[0]?.n ?? 0), nodesDeleted: nodes, eventDirs };
}
