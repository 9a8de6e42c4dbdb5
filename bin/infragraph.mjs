#!/usr/bin/env node
// Entry point of the `infragraph` command. The sources are TypeScript, run through tsx's loader
// so a checkout works without a build step.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Imports keep their memory bounded by design (chunked aggregation, spilled edges). A V8 heap
// cap makes the garbage collector keep it so, instead of letting the heap grow because it can:
// the import runs in a child with --max-old-space-size (INFRAGRAPH_IMPORT_HEAP_MB, default 320).
const heavy = ['import', 'demo'].includes(process.argv[2] ?? '');
if (heavy && !process.execArgv.some((a) => a.startsWith('--max-old-space-size')) && !process.env.INFRAGRAPH_NO_HEAP_CAP) {
  const mb = Number(process.env.INFRAGRAPH_IMPORT_HEAP_MB ?? 320);
  // An IPC channel ties the child to this process: if this one dies (even by SIGKILL), the
  // channel closes and the child stops too, as if the command itself had been killed.
  const child = spawn(process.execPath, [`--max-old-space-size=${mb}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  if (process.send) {
    process.on('disconnect', () => process.exit(137));
    // The parent may have died while this process was starting, before the listener was there.
    if (!process.connected) process.exit(137);
    process.channel?.unref();
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../server/src/cli.ts');
  process.exitCode = await main(process.argv.slice(2));
  // The command is done and has said so. Something still open (a connection to a database that
  // stopped answering, whose handshake never completes) must not keep the process alive for
  // ever: a normal exit drains well within this grace, and the timer holds nothing open itself.
  // Output first reaches its reader in full: a pipe to a slow reader (less, ssh) is written to
  // asynchronously, and an exit would drop what is still queued.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((r) => s.write('', r))));
  setTimeout(() => process.exit(), 3000).unref();
}
