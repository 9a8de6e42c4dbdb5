// A start after a crash waits while Neo4j replays its transaction logs (bench/recovery-start.sh
// reproduced the start being killed mid-recovery at a fixed deadline).
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoveryStep, RecoveryWatch, StartDeadline } from '../../../server/src/db/embedded/recovery-progress.ts';

// Lines from a debug.log of Neo4j 5.26.30 after `kill -9` in the middle of a 1 GB next-day import.
const LINES = {
  required: '2026-12-07 16:24:55.509+0000 INFO  [o.n.k.d.Database] [neo4j/c419cbf2] Recovery required from position LogPosition{logVersion=0, byteOffset=184}',
  pct40: '2026-12-07 16:24:49.386+0000 INFO  [o.n.k.r.Recovery] [neo4j/c419cbf2]  40% completed',
  pct100: '2026-12-07 16:24:49.452+0000 INFO  [o.n.k.r.Recovery] [system/00000000] 100% completed',
  replayed: "2026-12-07 16:24:50.014+0000 INFO  [o.n.k.d.Database] [system/00000000] Recovery in 'full' mode completed. Observed transactions range [first:7, last:46]: 40 transactions applied",
  checkpoint: '2026-12-07 16:24:50.058+0000 INFO  [o.n.k.i.t.l.c.CheckPointerImpl] [neo4j/c419cbf2] Checkpoint triggered by "Recovery completed." @ txId: 46, append index: 46 checkpoint started...',
  other: '2026-12-07 16:22:30.511+0000 INFO  [o.n.k.i.t.l.c.CheckPointerImpl] [system/00000000] Checkpoint triggered by "Database init completed." @ txId: 6, append index: 6 checkpoint started...',
  ordinary: '2026-12-07 16:24:55.635+0000 INFO  [o.n.k.d.Database] [neo4j/c419cbf2] Starting transaction log files.',
  rebuild: '2026-12-07 16:26:58.929+0000 WARN  [o.n.k.i.i.s.RangeIndexProvider] [neo4j/c419cbf2] Failed to open index:50. Requesting re-population. Cause: Index is not fully initialized since its state pages are empty',
  populating: "2026-12-07 16:26:59.002+0000 INFO  [o.n.k.i.a.i.IndexPopulationJob] [neo4j/c419cbf2] Index population started: [Index( id=50, name='queried_key_index', type='RANGE', schema=()-[:QUERIED {k}]-(), indexProvider='range-1.0' )]",
  rebuilt: "2026-12-07 16:27:06.784+0000 INFO  [o.n.k.i.a.i.IndexPopulationJob] [neo4j/c419cbf2] Index creation finished for index [Index( id=50, name='queried_key_index', type='RANGE', schema=()-[:QUERIED {k}]-(), indexProvider='range-1.0' )].",
};

describe('recovery steps in the debug log', () => {
  it('reads the database and the step of each recovery line', () => {
    expect(recoveryStep(LINES.required)).toEqual({ database: 'neo4j', step: 'log replay started' });
    expect(recoveryStep(LINES.pct40)).toEqual({ database: 'neo4j', step: '40% completed' });
    expect(recoveryStep(LINES.pct100)).toEqual({ database: 'system', step: '100% completed' });
    expect(recoveryStep(LINES.replayed)).toEqual({ database: 'system', step: 'log replayed' });
    expect(recoveryStep(LINES.checkpoint)).toEqual({ database: 'neo4j', step: 'checkpoint started' });
    expect(recoveryStep(LINES.rebuild)).toEqual({ database: 'neo4j', step: 'index to rebuild' });
    expect(recoveryStep(LINES.populating)).toEqual({ database: 'neo4j', step: 'index queried_key_index populating' });
    expect(recoveryStep(LINES.rebuilt)).toEqual({ database: 'neo4j', step: 'index queried_key_index online' });
  });

  it('ignores every other line, checkpoints for other reasons included', () => {
    expect(recoveryStep(LINES.other)).toBeUndefined();
    expect(recoveryStep(LINES.ordinary)).toBeUndefined();
    expect(recoveryStep('')).toBeUndefined();
  });
});

describe('RecoveryWatch', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only what is appended after it starts, a half-written line once it is whole', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-recovery-'));
    const file = path.join(dir, 'debug.log');
    writeFileSync(file, `${LINES.pct40}\n`);
    const w = await RecoveryWatch.watch(file);
    expect(await w.poll()).toEqual([]);
    appendFileSync(file, `${LINES.ordinary}\n${LINES.required}\n${LINES.pct100.slice(0, 60)}`);
    expect(await w.poll()).toEqual([{ database: 'neo4j', step: 'log replay started' }]);
    appendFileSync(file, `${LINES.pct100.slice(60)}\n`);
    expect(await w.poll()).toEqual([{ database: 'system', step: '100% completed' }]);
    expect(w.steps).toHaveLength(2);
  });

  it('keeps a character split across two reads whole', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-recovery-'));
    const file = path.join(dir, 'debug.log');
    writeFileSync(file, '');
    const w = await RecoveryWatch.watch(file);
    const line = Buffer.from(`${LINES.rebuilt.replace('queried_key_index', 'hôte_key')}\n`, 'utf8');
    const cut = line.indexOf(Buffer.from('ô', 'utf8')) + 1; // between the two bytes of ô
    appendFileSync(file, line.subarray(0, cut));
    expect(await w.poll()).toEqual([]);
    appendFileSync(file, line.subarray(cut));
    expect(await w.poll()).toEqual([{ database: 'neo4j', step: 'index hôte_key online' }]);
  });

  it('reports nothing, and does not throw, when the log cannot be read this time', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-recovery-'));
    const file = path.join(dir, 'debug.log');
    const w = await RecoveryWatch.watch(file);
    // A directory where the log should be: stat sees a size, reading it fails (EISDIR).
    mkdirSync(file);
    expect(await w.poll()).toEqual([]);
  });

  it('starts over when the log shrinks (rotated) and waits for a log that does not exist yet', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-recovery-'));
    const file = path.join(dir, 'debug.log');
    const w = await RecoveryWatch.watch(file);
    expect(await w.poll()).toEqual([]);
    writeFileSync(file, `${LINES.ordinary}\n${LINES.ordinary}\n${LINES.ordinary}\n`);
    expect(await w.poll()).toEqual([]);
    writeFileSync(file, `${LINES.pct40}\n`);
    expect(await w.poll()).toEqual([{ database: 'neo4j', step: '40% completed' }]);
  });
});

describe('StartDeadline', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function setup(timeoutMs: number) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-recovery-'));
    const file = path.join(dir, 'debug.log');
    writeFileSync(file, '');
    let t = 1_000_000;
    const seen: string[] = [];
    const d = new StartDeadline(await RecoveryWatch.watch(file), timeoutMs, (s) => seen.push(`${s.database} ${s.step}`), () => t);
    return { file, d, seen, advance: (ms: number) => { t += ms; } };
  }

  it('expires after the timeout when the log reports no recovery', async () => {
    const { file, d, advance } = await setup(10_000);
    advance(9_000);
    expect(await d.expired()).toBe(false);
    appendFileSync(file, `${LINES.ordinary}\n`);
    advance(1_001);
    expect(await d.expired()).toBe(true);
    expect(d.describe()).toBe('');
  });

  it('runs the timeout from the last recovery step, so a long replay is not killed half-way', async () => {
    const { file, d, seen, advance } = await setup(10_000);
    // Ten steps 8 s apart: 80 s in all, eight times the timeout.
    for (let pct = 10; pct <= 100; pct += 10) {
      advance(8_000);
      appendFileSync(file, `2026-12-07 16:25:00.000+0000 INFO  [o.n.k.r.Recovery] [neo4j/c419cbf2]  ${pct}% completed\n`);
      expect(await d.expired()).toBe(false);
    }
    expect(seen.at(-1)).toBe('neo4j 100% completed');
    // A replay that stalls still fails, and the message says where it stopped.
    advance(10_001);
    expect(await d.expired()).toBe(true);
    expect(d.describe()).toMatch(/last reported step, 10 s before: neo4j 100% completed/);
  });
});
