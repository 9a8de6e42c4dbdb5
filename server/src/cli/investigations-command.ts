// infragraph investigations                      list the library (bundled + the user's folder)
// infragraph investigations new <name> [--force]  write a commented template to the user's folder
// infragraph investigations check [--user|--bundled] [--quiet]
//                                                EXPLAIN every investigation, run those with
//                                                @example, test their @expect lines; exit 1 on any failure
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../config.ts';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { loadLibrary } from '../domain/investigations/investigation-library.ts';
import { writeTemplate } from '../domain/investigations/user-library.ts';
import { checkLibrary } from '../domain/investigations/investigation-check.ts';
import { formatTable } from './format-table.ts';

function warn(lines: string[]): void {
  for (const w of lines) process.stderr.write(`warning: ${w}\n`);
}

function list(): number {
  const cfg = config();
  const lib = loadLibrary(cfg, true);
  warn(lib.warnings);
  for (const b of lib.broken) process.stderr.write(`warning: ${b.name} is left out: ${b.message}\n`);
  const rows = lib.files.map((f) => [
    f.name,
    f.params.map((p) => `${p.name}: ${p.type}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ''}`).join(', '),
    f.summary + (f.origin === 'user' ? ` [user${f.shadows ? ', replaces bundled' : ''}]` : ''),
  ]);
  process.stdout.write(formatTable(['name', 'parameters', 'question'], rows) + '\n');
  return 0;
}

function create(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false }, shadow: { type: 'boolean', default: false } } });
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Usage: infragraph investigations new <name> [--force] [--shadow]');
  const file = writeTemplate(config(), name, { overwrite: values.force, shadow: values.shadow });
  process.stdout.write(`${file}\n`);
  process.stderr.write(`Edit it, then: infragraph query ${name} --param host=…  and  infragraph investigations check\n`);
  return 0;
}

async function check(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { user: { type: 'boolean', default: false }, bundled: { type: 'boolean', default: false }, quiet: { type: 'boolean', short: 'q', default: false } } });
  const app = await openApp('detached', { migrate: false });
  try {
    const { results, warnings } = await checkLibrary(app.db, app.cfg, { userOnly: values.user, bundledOnly: values.bundled });
    warn(warnings);
    const w = Math.max(4, ...results.map((r) => r.name.length));
    const rel = (f: string) => (f.startsWith(app.cfg.repoRoot + path.sep) ? path.relative(app.cfg.repoRoot, f) : f);
    for (const r of results) {
      if (r.ok && values.quiet) continue;
      process.stdout.write(r.ok
        ? `ok    ${r.name.padEnd(w)}  ${r.detail}\n`
        : `FAIL  ${r.name.padEnd(w)}  ${rel(r.file)}${r.line ? `:${r.line}` : ''}: ${r.reason}\n`);
    }
    const failed = results.filter((r) => !r.ok).length;
    process.stderr.write(`${results.length} investigation(s) checked, ${failed} failed\n`);
    return failed ? 1 : 0;
  } finally {
    await app.close();
  }
}

export async function investigationsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'list') return list();
  if (sub === 'new') return create(rest);
  if (sub === 'check') return check(rest);
  throw new AppError(ErrorCode.BAD_USER_INPUT, `investigations: unknown subcommand "${sub}" (list, new, check).`);
}
