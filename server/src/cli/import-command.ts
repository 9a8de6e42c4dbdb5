// infragraph import <files…>
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openApp } from '../app-context.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { importFile, detectFileFormat, type ImportSummary } from '../importers/pipeline/import-file.ts';
import { importCaseFile } from '../importers/case/import-case.ts';
import { FORMAT_NAMES } from '../importers/formats.ts';
import type { FormatName } from '../importers/types.ts';
import { formatTable, terminalText as safe } from './format-table.ts';
import { linkIpsToPrefixes } from '../domain/network/link-prefixes.ts';

function parseMap(s: string | undefined): Record<string, string> | undefined {
  if (!s) return undefined;
  const m: Record<string, string> = {};
  for (const part of s.split(',')) {
    const i = part.indexOf('=');
    if (i < 1) throw new AppError(ErrorCode.BAD_USER_INPUT, `--map wants field=COLUMN pairs separated by commas, got "${part}".`);
    m[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return m;
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      'source-name': { type: 'string' },
      strict: { type: 'boolean', default: false },
      year: { type: 'string' },
      map: { type: 'string' },
      confidence: { type: 'string' },
      synthetic: { type: 'boolean', default: false },
      title: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (!positionals.length) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Name at least one file to import.');
  const format = values.format as FormatName | 'auto';
  if (format !== 'auto' && !FORMAT_NAMES.includes(format)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `--format must be auto or one of ${FORMAT_NAMES.join(', ')}.`);
  }
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 1980 || year > 2100)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--year must be a year from 1980 to 2100.');
  const confidence = values.confidence === undefined ? undefined : Number(values.confidence);
  if (confidence !== undefined && (!Number.isInteger(confidence) || confidence < 0 || confidence > 100)) throw new AppError(ErrorCode.BAD_USER_INPUT, '--confidence must be a whole number from 0 to 100.');

  const app = await openApp('detached');
  const tty = process.stderr.isTTY;
  const summaries: ImportSummary[] = [];
  let failed = 0;
  try {
    for (const file of positionals) {
      const fmt = format === 'auto' ? await detectFileFormat(file) : format;
      if (fmt === 'case') {
        summaries.push(await importCaseFile(app.db, file, { reportDir: app.cfg.import.reportDir, batchSize: app.cfg.import.batchSize, writers: app.cfg.import.writers }));
        continue;
      }
      const bar = tty ? new cliProgress.SingleBar({
        format: `${file.slice(-40).padEnd(40)} {bar} {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted}`,
        hideCursor: true, clearOnComplete: true, stream: process.stderr,
      }, cliProgress.Presets.shades_classic) : null;
      const t0 = Date.now();
      let lastLog = 0;
      bar?.start(1, 0, { records: 0, rate: 0 });
      try {
        const s = await importFile(app.db, file, {
          format: fmt, sourceName: values['source-name'], strict: values.strict, year, map: parseMap(values.map),
          confidence, synthetic: values.synthetic, title: values.title, url: values.url,
          batchSize: app.cfg.import.batchSize, writers: app.cfg.import.writers, flushAt: app.cfg.import.flushPairs,
          reportDir: app.cfg.import.reportDir, profile: app.cfg.import.profile,
          eventsDir: app.cfg.events.dir, eventsSettings: app.cfg.events, // event store (issue 13)
          onProgress(records, bytes, total) {
            const rate = Math.round(records / Math.max(0.001, (Date.now() - t0) / 1000));
            if (bar) { bar.setTotal(Math.max(1, total)); bar.update(Math.min(bytes, total), { records, rate }); }
            else if (Date.now() - lastLog > 5000) { lastLog = Date.now(); app.log.info({ file, records, rate, bytes, total }, 'importing'); }
          },
        });
        bar?.stop();
        summaries.push(s);
        for (const n of s.notes) process.stderr.write(`${safe(file)}: note: ${safe(n)}\n`);
        if (s.rejects) {
          process.stderr.write(`${safe(file)}: ${s.rejects} record(s) rejected${s.rejects > s.firstRejects.length ? ` (first ${s.firstRejects.length} shown; all in ${safe(s.reportFile)})` : ''}:\n`);
          for (const r of s.firstRejects) process.stderr.write(`  ${safe(file)}:${safe(r.ref)}: ${safe(r.reason)}\n`);
        }
      } catch (e) {
        bar?.stop();
        failed++;
        if (values.strict || !(e instanceof AppError)) throw e;
        process.stderr.write(`${safe(file)}: ${safe(e.message)}\n`);
      }
    }
    // New IPs or prefixes: refresh the IP → most specific prefix links (a no-op when nothing moved).
    if (summaries.some((s) => s.status !== 'unchanged')) {
      const l = await linkIpsToPrefixes(app.db, { batchSize: app.cfg.import.batchSize, writers: app.cfg.import.writers });
      if (l.linked || l.relinked) process.stderr.write(`prefix links: ${l.linked} new, ${l.relinked} moved, ${l.unchanged} unchanged, ${l.unmatched} IPs outside every prefix (${l.seconds.toFixed(1)} s)\n`);
    }
  } finally {
    await app.close();
  }
  process.stdout.write(formatTable(
    ['file', 'format', 'status', 'records', 'rejects', 'new nodes', 'edge rows', 'seconds', 'db wait s'],
    summaries.map((s) => [s.file, s.format, s.status, s.records, s.rejects, s.nodesCreated, s.edgeRows, s.seconds.toFixed(1), s.writeSeconds.toFixed(1)]),
  ) + '\n');
  return failed ? 1 : 0;
}
