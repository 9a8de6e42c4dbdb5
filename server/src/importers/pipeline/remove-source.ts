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
import { isMemoryLimit } from './memory-bound.ts';
import { confirmHeld, fenceMetadata, fencedWrite, guardParams, type ImportFence } from './lock-fence.ts';

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

/**
 * Every bulk statement here runs as CALL … IN TRANSACTIONS. Its inner transactions may outgrow the
 * server's memory for one transaction: an edge's provenance arrays grow by a slot for every file
 * that sees it (hourly logs: 24 a day), and 5,000 such edges rewritten at once did not fit in 64 MB
 * at 20 slots. The statement then runs again with a quarter of the rows per inner transaction;
 * each selects only what is left to do, so the re-run finishes what the failed one began.
 */
async function inTransactions(db: Database, name: string, params: Record<string, unknown>, fence: ImportFence | undefined, rows = 10_000): Promise<void> {
  for (;;) {
    const p = { ...params, rows, ...guardParams(fence) };
    try {
      // Fenced as every import write is (lock-fence.ts). The statement checks the lock before its
      // first inner transaction (it does nothing when the lock went to another), and is tagged:
      // the server runs it on while this import is stopped, and a taker ends it. Checked after.
      await db.autoCommit(stmt(name, p), p, { ...opts, metadata: fenceMetadata(fence) });
      await confirmHeld(db, fence);
      return;
    } catch (e) {
      if (!isMemoryLimit(e) || rows === 1) throw e;
      rows = Math.ceil(rows / 4);
    }
  }
}

/**
 * The files that may carry a host's SUBDOMAIN_OF once this source is gone, oldest first, and the
 * rank of each source key among them: a file by its key, a document a case file cites by
 * `doc:…|<case file name>` (the case file's name starts the slot's ref).
 */
async function structuralNamers(db: Database, sourceKey: string): Promise<{ namers: { key: string; ref: string }[]; rankOf: Record<string, number> }> {
  const [row] = await db.read(stmt('structural-namers', { src: sourceKey }), { src: sourceKey }, opts);
  const namers = (row?.files ?? []) as { key: string; ref: string }[];
  const rankOf: Record<string, number> = {};
  namers.forEach((n, i) => { rankOf[n.key] = i; });
  for (const { doc, fileName, file } of (row?.docs ?? []) as { doc: string; fileName: string; file: string }[]) {
    const r = rankOf[file];
    const k = `${doc}|${fileName}`;
    if (r !== undefined && !(rankOf[k] <= r)) rankOf[k] = r;
  }
  return { namers, rankOf };
}

export async function removeSourceData(db: Database, sourceKey: string, eventsDir?: string, fence?: ImportFence): Promise<void> {
  const src = { src: sourceKey };
  const since = await db.read(stmt('source-added-at', src), src, opts);
  const sinceAt = since[0]?.at ?? null;
  await inTransactions(db, 'remove-sole-edges', src, fence);
  await inTransactions(db, 'remove-source-slots', src, fence, 5000);
  await inTransactions(db, 'remove-structural-slots', { ...src, ...await structuralNamers(db, sourceKey) }, fence);
  // DNS nodes left without facts (a host keeps only its structural SUBDOMAIN_OF, an address its
  // derived prefix link) that this source created, or whose creator is gone.
  const orphans = { ...src, since: sinceAt };
  await inTransactions(db, 'remove-orphan-hosts', orphans, fence);
  await inTransactions(db, 'remove-orphan-addresses', orphans, fence);
  for (const key of await ledgerKeysOfSource(db, sourceKey)) {
    await inTransactions(db, 'remove-batch-markers', { prefix: key + ':' }, fence);
  }
  // The Source goes first: a removal cut off between the two leaves a ledger entry that asks for
  // the removal again, never a Source whose old addedAt would pass the next import's nodes off as
  // its own (remove-orphan-hosts.cypher).
  for (const name of ['remove-source-node', 'remove-ledger-entries']) await fencedWrite(db, fence, stmt(name, src), src, opts);
  if (eventsDir) {
    const enc = `source=${encodeSourceDir(sourceKey)}`;
    const days = await readdir(eventsDir).catch(() => [] as string[]);
    // force: a day without this source's parts is no error.
    for (const d of days.filter((x) => x.startsWith('day='))) await rm(path.join(eventsDir, d, enc), { recursive: true, force: true });
  }
}
