// Issue 16, finding 11a: one starter per store at a time.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { holdStartLock, withStartLock, START_LOCK } from '../../../server/src/db/embedded/start-lock.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infragraph-lock-'));

describe('start lock', () => {
  it('never lets two starters of the same home overlap', async () => {
    const home = tmp();
    try {
      let active = 0, most = 0;
      const work = async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 30));
        active--;
      };
      await Promise.all(Array.from({ length: 6 }, () => withStartLock(home, 60_000, work)));
      expect(most).toBe(1);
      expect(existsSync(path.join(home, START_LOCK))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('takes over a lock whose holder is gone', async () => {
    const home = tmp();
    try {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      writeFileSync(path.join(home, START_LOCK), `${dead} ${Date.now()} old-token\n`);
      expect(await withStartLock(home, 30_000, async () => 'ran')).toBe('ran');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('waits for a live holder and gives up naming it', async () => {
    const home = tmp();
    try {
      writeFileSync(path.join(home, START_LOCK), `${process.ppid} ${Date.now()} other-token\n`);
      await expect(withStartLock(home, 500, async () => 'ran')).rejects.toThrow(new RegExp(`pid ${process.ppid}`));
      // The other holder's lock is left alone.
      expect(existsSync(path.join(home, START_LOCK))).toBe(true);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('keeps waiting past waitMs while the start deadline has not expired (a long log replay), then takes the lock', async () => {
    const home = tmp();
    try {
      const held = await holdStartLock(home, 60_000);
      // The deadline (StartDeadline in the product, pushed out by each recovery step) holds for 40
      // polls, 100–200 ms apart, at least 4 s in all, while the holder keeps the lock; without it
      // the wait would end after 1.5 s.
      let polls = 0;
      const expired = async () => {
        polls++;
        if (polls === 40) void held.release();
        return false;
      };
      const t0 = Date.now();
      expect(await withStartLock(home, 1_500, async () => 'ran', { expired, maxAgeMs: 60_000 })).toBe('ran');
      expect(polls).toBeGreaterThanOrEqual(40);
      expect(Date.now() - t0).toBeGreaterThan(1_500);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('holds the lock across work done outside it until released (a bulk load of a new store)', async () => {
    const home = tmp();
    try {
      const held = await holdStartLock(home, 10_000);
      expect(existsSync(path.join(home, START_LOCK))).toBe(true);
      let ran = false;
      const other = withStartLock(home, 10_000, async () => { ran = true; });
      await new Promise((r) => setTimeout(r, 300));
      expect(ran).toBe(false);
      await held.release();
      await other;
      expect(ran).toBe(true);
      expect(existsSync(path.join(home, START_LOCK))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
