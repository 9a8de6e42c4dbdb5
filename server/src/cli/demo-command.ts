// infragraph demo [--reset]
import { parseArgs } from 'node:util';
import { openApp } from '../app-context.ts';
import { loadDemoCase, wipeDatabase } from '../domain/demo/load-demo-case.ts';
import { formatTable } from './format-table.ts';

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { reset: { type: 'boolean', default: false } } });
  const app = await openApp('detached');
  try {
    if (values.reset) {
      process.stderr.write('Wiping the database (schema kept)…\n');
      await wipeDatabase(app.db);
    }
    const s = await loadDemoCase(app.db, app.cfg);
    process.stdout.write(formatTable(['file', 'status', 'records', 'rejects'], s.map((x) => [x.file.replace(app.cfg.repoRoot + '/', ''), x.status, x.records, x.rejects])) + '\n');
    return 0;
  } finally {
    await app.close();
  }
}
