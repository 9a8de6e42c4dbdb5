// Link every IP to its most specific covering prefix: (:IP)-[:IN_PREFIX]->(:Prefix).
//
// No per-IP query: all prefixes are read once into an in-memory longest-prefix-match index, the
// IPs are streamed in key order pages, and only the IPs whose link is missing or wrong are
// written, in batches. Re-running changes nothing when nothing changed. The statements are in
// cypher/queries/network/; the one that adds the derived source to an existing link is edgeCypher's.
import type { Database } from '../../db/database.ts';
import { PrefixIndex } from '../../importers/asn/prefix-index.ts';
import { cidrRange, v4ToText, v6ToText } from '../../importers/normalize/ip-range.ts';
import { edgeCypher } from '../../importers/pipeline/edge-cypher.ts';
import { pool } from '../../importers/pipeline/pool.ts';
import { fencedWrite, type ImportFence } from '../../importers/pipeline/lock-fence.ts';
import { queryText } from '../queries/query-library.ts';

/** The Source of derived links: they rest on the prefixes' own sources, named in `srcRef`. */
export const PREFIX_MATCH_SOURCE = 'derived:longest-prefix-match';

export interface LinkStats { prefixes: number; ips: number; linked: number; relinked: number; unchanged: number; unmatched: number; seconds: number; readSeconds: number }

const PAGE = 50_000;

export async function buildPrefixIndex(db: Database): Promise<{ index: PrefixIndex; count: number; ids: Map<string, string> }> {
  const index = new PrefixIndex();
  const ids = new Map<string, string>();
  let after = '';
  let count = 0;
  for (;;) {
    const params = { after, page: PAGE };
    const rows = await db.read(queryText('network', 'prefixes-page', params), params, { caller: 'link-prefixes:read-prefixes', timeoutMs: 120_000 });
    for (const r of rows) {
      const key = String(r.key);
      const range = cidrRange(key);
      if (!range) continue;
      const lo = range.version === 4 ? v4ToText(Number(range.start)) : v6ToText(range.start);
      const hi = range.version === 4 ? v4ToText(Number(range.end)) : v6ToText(range.end);
      if (index.add(lo, hi, key)) { count++; ids.set(key, String(r.id)); }
    }
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1].key);
  }
  index.build();
  return { index, count, ids };
}

export async function linkIpsToPrefixes(db: Database, opts: { batchSize?: number; writers?: number; fence?: ImportFence } = {}): Promise<LinkStats> {
  const t0 = Date.now();
  // Under the import lock, every write is fenced as an import's are (lock-fence.ts).
  const write = (cypher: string, params: Record<string, unknown>, o: { caller: string; timeoutMs?: number }) => fencedWrite(db, opts.fence, cypher, params, o);
  const batchSize = opts.batchSize ?? 10_000;
  const stats: LinkStats = { prefixes: 0, ips: 0, linked: 0, relinked: 0, unchanged: 0, unmatched: 0, seconds: 0, readSeconds: 0 };
  const { index, count, ids } = await buildPrefixIndex(db);
  stats.prefixes = count;
  if (count === 0) return { ...stats, seconds: (Date.now() - t0) / 1000 };

  const source = { key: PREFIX_MATCH_SOURCE };
  await write(queryText('network', 'prefix-match-source', source), source, { caller: 'link-prefixes:source' });
  let fresh: Record<string, unknown>[] = [];
  const moved: Record<string, unknown>[] = [];
  const stale: { ip: string; prefix: string }[] = [];
  // New links are written while later pages are read (pages go in key order, and a write only
  // touches IPs already read), so the database works while the index is being consulted.
  const writers = opts.writers ?? 2;
  const inFlight = new Set<Promise<void>>();
  const writeFresh = async (batch: Record<string, unknown>[]) => {
    while (inFlight.size >= writers) await Promise.race(inFlight);
    const params = { rows: batch };
    const p = write(queryText('network', 'create-prefix-links', params), params, { caller: 'link-prefixes:write', timeoutMs: 600_000 }).then(() => { inFlight.delete(p); });
    inFlight.add(p);
  };
  let after = '';
  for (;;) {
    const params = { after, page: PAGE, src: PREFIX_MATCH_SOURCE };
    const rows = await db.read(queryText('network', 'ips-page', params), params, { caller: 'link-prefixes:read-ips', timeoutMs: 120_000 });
    for (const r of rows) {
      stats.ips++;
      const ip = String(r.ip);
      const cur = r.cur as string[];
      const any = r.any as string[];
      const best = index.lookup(ip);
      if (!best) { stats.unmatched++; for (const p of cur) stale.push({ ip, prefix: p }); continue; }
      if (cur.length === 1 && cur[0] === best) { stats.unchanged++; continue; }
      for (const p of cur) if (p !== best) stale.push({ ip, prefix: p });
      const row = { ai: String(r.id), bi: ids.get(best), a: ip, b: best, n: 0, f: null, l: null, conf: 100, ref: `longest-prefix match: ${best}`, vf: '', vt: '', src: PREFIX_MATCH_SOURCE, p: {} };
      // CREATE only where no IN_PREFIX edge to that prefix exists at all (a source may have stated it).
      (any.includes(best) ? moved : fresh).push(row);
    }
    while (fresh.length >= batchSize) await writeFresh(fresh.splice(0, batchSize));
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1].ip);
  }
  stats.readSeconds = (Date.now() - t0) / 1000;
  stats.linked = stats.ips - stats.unmatched - stats.unchanged - moved.length;
  if (fresh.length) await writeFresh(fresh);
  fresh = [];
  await Promise.all(inFlight);
  // A link some source already states gets the derived source added to its provenance.
  const addSource = edgeCypher('IN_PREFIX', 'IP', 'Prefix', false);
  const tasks: (() => Promise<void>)[] = [];
  for (let i = 0; i < moved.length; i += batchSize) {
    const batch = moved.slice(i, i + batchSize);
    tasks.push(async () => { await write(addSource, { rows: batch }, { caller: 'link-prefixes:write', timeoutMs: 600_000 }); });
  }
  await pool(tasks, writers);
  // A derived link that is no longer the best loses the derived source; if nothing else supports it, it goes.
  for (let i = 0; i < stale.length; i += batchSize) {
    const params = { rows: stale.slice(i, i + batchSize), src: PREFIX_MATCH_SOURCE };
    await write(queryText('network', 'unlink-stale-prefixes', params), params, { caller: 'link-prefixes:unlink', timeoutMs: 600_000 });
  }
  stats.relinked = moved.length;
  stats.seconds = (Date.now() - t0) / 1000;
  return stats;
}
