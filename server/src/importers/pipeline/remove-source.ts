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
import { internalStatement } from '../../cypher/statement-files.ts';

const opts = { caller: 'import:replace', timeoutMs: 3_600_000 };
/** Statements in cypher/internal/import/ (the bulk ones run as CALL … IN TRANSACTIONS, auto-commit). */
const stmt = (name: string, params: Record<string, unknown>) => internalStatement('import', name, params);

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
  const src = { src: sourceKey };
  const since = await db.read(stmt('source-added-at', src), src, opts);
  const sinceAt = since[0]?.at ?? null;
  const del = await db.autoCommit(stmt('remove-sole-edges', src), src, opts);
  const trim = await db.autoCommit(stmt('remove-source-slots', src), src, opts);
  // DNS nodes left without facts (a host keeps only its structural SUBDOMAIN_OF), first seen
  // since this source came in: nothing else stated them.
  let nodes = 0;
  if (sinceAt !== null) {
    const added = { since: sinceAt };
    const h = await db.autoCommit(stmt('remove-orphan-hosts', added), added, opts);
    const o = await db.autoCommit(stmt('remove-orphan-addresses', added), added, opts);
    nodes = Number(h[0]?.n ?? 0) + Number(o[0]?.n ?? 0);
  }
  for (const key of await ledgerKeysOfSource(db, sourceKey)) {
    const markers = { prefix: key + ':' };
    await db.autoCommit(stmt('remove-batch-markers', markers), markers, opts);
  }
  await db.write(stmt('remove-ledger-entries', src), src, opts);
  await db.write(stmt('remove-source-node', src), src, opts);
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
