// infragraph link-prefixes: recompute IP → most specific prefix links.
import { openApp } from '../app-context.ts';
import { linkPrefixes } from '../domain/imports/import-files.ts';

export async function linkCommand(_args: string[]): Promise<number> {
  const app = await openApp('detached', { migrate: false });
  try {
    const s = await linkPrefixes(app.db, { batchSize: app.cfg.import.batchSize, writers: app.cfg.import.writers });
    process.stdout.write(`${s.prefixes} prefixes, ${s.ips} IPs: ${s.linked} linked, ${s.relinked} moved, ${s.unchanged} unchanged, ${s.unmatched} outside every prefix, in ${s.seconds.toFixed(1)} s\n`);
    return 0;
  } finally {
    await app.close();
  }
}
