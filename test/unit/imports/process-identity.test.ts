// Who holds the import lock: a pid means a process only in its own boot and pid namespace, and
// only while that process lives. Linux only (/proc); elsewhere the lock falls back to host + pid.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holderAlive, pidSpace, processStartTicks, selfIdentity } from '../../../server/src/domain/imports/process-identity.ts';

const linux = process.platform === 'linux';
const host = os.hostname();

describe.skipIf(!linux)('process identity on Linux', () => {
  it('records the boot, the pid namespace and the start time of this process', () => {
    expect(selfIdentity()).toMatch(/^[0-9a-f-]{36}\/pid:\[\d+\]\|\d+$/);
    expect(selfIdentity()).toBe(`${pidSpace()}|${processStartTicks(process.pid)}`);
  });

  it('reads the start time after a command name with spaces and parentheses', async () => {
    // A command name is whatever the process calls itself: field 2 of /proc/<pid>/stat.
    // The kernel takes it from the program's file name, from the first instant.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infragraph-comm-'));
    const odd = path.join(dir, 'odd ) name (');
    copyFileSync('/bin/sleep', odd);
    chmodSync(odd, 0o755);
    const child = spawn(odd, ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      expect(readFileSync(`/proc/${child.pid}/stat`, 'utf8')).toContain('(odd ) name ()');
      const ticks = processStartTicks(child.pid!);
      expect(ticks).toMatch(/^\d+$/);
      expect(holderAlive({ pid: child.pid, host, identity: `${pidSpace()}|${ticks}` }, host)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells this process alive, a reused pid not the holder, and another namespace unknown', () => {
    expect(holderAlive({ pid: process.pid, host, identity: selfIdentity() }, host)).toBe(true);
    expect(holderAlive({ pid: process.pid, host, identity: `${pidSpace()}|1` }, host)).toBe(false);
    expect(holderAlive({ pid: process.pid, host, identity: 'another-boot/pid:[1]|1' }, host)).toBeUndefined();
  });
});

describe('without an identity (another system, or a lock taken by an older version)', () => {
  it('falls back to the host name and the pid', () => {
    expect(holderAlive({ pid: process.pid, host }, host)).toBe(true);
    expect(holderAlive({ pid: process.pid, host: `not-${host}` }, host)).toBeUndefined();
    expect(holderAlive({ host }, host)).toBeUndefined();
  });
});
