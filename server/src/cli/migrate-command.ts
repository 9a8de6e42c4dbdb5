import { openApp } from '../app-context.ts';
import { applyMigrations } from '../db/migrations.ts';

export async function migrateCommand(_args: string[]): Promise<number> {
  const app = await openApp('detached', { migrate: false });
  try {
    const r = await applyMigrations(app.db, app.cfg.repoRoot);
    process.stdout.write(`applied: ${r.applied.join(', ') || 'none'}; already applied: ${r.skipped.length}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
