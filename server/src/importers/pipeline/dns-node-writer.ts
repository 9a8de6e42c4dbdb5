// Writes the nodes an import first saw in DNS data: domains, IPs, then hosts with their
// SUBDOMAIN_OF edge. Each key is written once per import (the aggregator's KeyTable lists it
// once); the keys the graph did not have are flagged CREATED, so edges touching them can be
// CREATEd later instead of MERGEd.
import type { Database } from '../../db/database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { NodeKind } from '../../model/index.ts';
import { displayName as display, registeredDomain } from '../normalize/names.ts';
import { ipVersion } from '../normalize/ip.ts';
import { nodeCreateCypher, nodeMergeCypher, subdomainOf } from './edge-cypher.ts';
import { CREATED } from './key-table.ts';
import type { NodeTables } from './aggregate.ts';
import { pool, slices } from './pool.ts';
import { writeBounded, type RowHalving } from './memory-bound.ts';
import { isLockLost, type ImportFence } from './lock-fence.ts';

export interface DnsNodeContext {
  db: Database;
  sourceKey: string;
  refName: string;
  batchSize: number;
  time: (label: string, ms: number, rows: number) => void;
  onCreated: (n: number) => void;
  /** Node lists too big for one transaction go in halves (a small heap, a large batch). */
  halving: RowHalving;
  /** The import lock this import holds (lock-fence.ts). */
  fence?: ImportFence;
}

type Row = { key: string; name: string; props: Record<string, string | number> };

/** Nodes in dependency order; `writers` batches of one kind run at once. */
export async function writeDnsNodes(
  ctx: DnsNodeContext, nodes: { Domain: string[]; IP: string[]; Host: string[] }, tables: NodeTables, writers: number,
): Promise<void> {
  const mark = (kind: keyof NodeTables, keys: string[]) => {
    const t = tables[kind];
    for (const k of keys) t.flag(t.id(k)!, CREATED);
    ctx.onCreated(keys.length);
  };
  const batches = <T>(rows: T[]) => slices(rows, ctx.batchSize);
  // Domains and IPs do not depend on each other; hosts need their domains.
  const first = [
    ...batches(nodes.Domain.map((key): Row => ({ key, name: display(key), props: {} }))).map((b) => () => ctx.halving.write(b, (p) => nodeBatch(ctx, 'Domain', p)).then((k) => mark('Domain', k))),
    ...batches(nodes.IP.map((key): Row => ({ key, name: key, props: { version: ipVersion(key) } }))).map((b) => () => ctx.halving.write(b, (p) => nodeBatch(ctx, 'IP', p)).then((k) => mark('IP', k))),
  ];
  await pool(first, writers);
  await pool(batches(nodes.Host).map((b) => () => ctx.halving.write(b, (p) => hostBatch(ctx, p)).then((k) => mark('Host', k))), writers);
}

async function nodeBatch(ctx: DnsNodeContext, kind: NodeKind, rows: Row[]): Promise<string[]> {
  const t0 = Date.now();
  try {
    const o = { caller: `import:nodes:${kind}`, timeoutMs: 600_000, halvable: rows.length > 1, fence: ctx.fence };
    const res = await optimistic(
      () => writeBounded(ctx.db, (tx) => tx.run(nodeCreateCypher(kind), { rows, src: ctx.sourceKey }), o),
      () => writeBounded(ctx.db, (tx) => tx.run(nodeMergeCypher(kind), { rows, src: ctx.sourceKey }), o),
    );
    return (res.value[0]?.created ?? []) as string[];
  } finally {
    ctx.time(`node:${kind}`, Date.now() - t0, rows.length);
  }
}

/** Hosts and their SUBDOMAIN_OF edge in one transaction, so a crash cannot separate them. */
async function hostBatch(ctx: DnsNodeContext, keys: string[]): Promise<string[]> {
  const rows: Row[] = keys.map((key) => ({ key, name: display(key), props: {} }));
  const t0 = Date.now();
  const run = (nodeCypher: string) => writeBounded(ctx.db, async (tx) => {
    const res = await tx.run(nodeCypher, { rows, src: ctx.sourceKey });
    const created = new Set((res[0]?.created ?? []) as string[]);
    const fresh: { host: string; domain: string; ref: string }[] = [];
    const old: typeof fresh = [];
    for (const key of keys) {
      const d = registeredDomain(key);
      if (d && d !== key) (created.has(key) ? fresh : old).push({ host: key, domain: d, ref: ctx.refName });
    }
    if (fresh.length) await tx.run(...subdomainOf('subdomain-of-create', fresh, ctx.sourceKey));
    if (old.length) await tx.run(...subdomainOf('subdomain-of-merge', old, ctx.sourceKey));
    return [...created];
  }, { caller: 'import:nodes:Host', timeoutMs: 600_000, halvable: keys.length > 1, fence: ctx.fence }).then((w) => w.value);
  try {
    return await optimistic(() => run(nodeCreateCypher('Host')), () => run(nodeMergeCypher('Host')));
  } finally {
    ctx.time('node:Host', Date.now() - t0, rows.length);
  }
}

/** Try the create path; on a key conflict (another import created one of the keys) merge. */
async function optimistic<T>(create: () => Promise<T>, merge: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.CONFLICT && !isLockLost(e)) return merge();
    throw e;
  }
}
