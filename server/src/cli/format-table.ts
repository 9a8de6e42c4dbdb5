// Plain-text tables that fit a terminal: columns shrink to the width, long cells are cut with '…'.
// Cells are rendered for reading, not for round trips (use --format json or csv for those):
// lists become "a, b, c", ISO times lose the noise of midnight and milliseconds, numbers are
// right-aligned so magnitudes line up.

const ISO_TIME = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d{3}))?Z$/;

import { config } from '../config.ts';
import { escapeControlsLine } from '../domain/export/control-chars.ts';

/** Text from files or the database, safe to print: control and ESC sequences become visible escapes. */
export const terminalText = (v: unknown): string => escapeControlsLine(String(v ?? ''));

/** Terminal width: the tty's, else $COLUMNS (set by shells and by tests), else 120. */
export function terminalWidth(): number {
  return process.stdout.columns || config().columns || 120;
}

export function formatCell(v: unknown): string {
  return escapeControlsLine(formatCellRaw(v));
}

function formatCellRaw(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : formatCellRaw(x))).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string') {
    const m = ISO_TIME.exec(v);
    if (m) {
      if (m[2] === '00:00:00' && (m[3] ?? '000') === '000') return m[1];
      return `${m[1]} ${m[2]}${m[3] && m[3] !== '000' ? `.${m[3]}` : ''}Z`;
    }
    return v.replace(/[ \t\n\r\f\v]+/g, ' ');
  }
  return String(v);
}

export function formatTable(columns: string[], rows: unknown[][], width = terminalWidth()): string {
  const text = rows.map((r) => r.map(formatCell));
  // A column is numeric when every non-empty cell is a number: those are right-aligned.
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
  const dataW = columns.map((_, i) => Math.max(0, ...text.map((r) => r[i]?.length ?? 0)));
  const w = columns.map((c, i) => Math.max(c.length, dataW[i]));
  const sep = 2;
  let total = w.reduce((a, b) => a + b, 0) + sep * (w.length - 1);
  // First cut long headers over narrow data (a cut header reads better than a cut value), then
  // shrink the widest column until the table fits (never below 6 characters).
  while (total > width) {
    let wi = -1;
    for (let i = 0; i < w.length; i++) {
      const spare = w[i] - Math.max(dataW[i], 8);
      if (spare > 0 && (wi < 0 || spare > w[wi] - Math.max(dataW[wi], 8))) wi = i;
    }
    if (wi < 0) break;
    w[wi]--;
    total--;
  }
  while (total > width) {
    let wi = 0;
    for (let i = 1; i < w.length; i++) if (w[i] > w[wi]) wi = i;
    if (w[wi] <= 6) break;
    w[wi]--;
    total--;
  }
  const fit = (s: string, n: number, right: boolean) =>
    s.length > n ? s.slice(0, Math.max(0, n - 1)) + '…' : right ? s.padStart(n) : s.padEnd(n);
  const line = (cells: string[], header = false) =>
    cells.map((c, i) => fit(c, w[i], numeric[i] && !header)).join(' '.repeat(sep)).trimEnd();
  return [line(columns, true), line(w.map((n) => '─'.repeat(n)), true), ...text.map((r) => line(r))].join('\n');
}

/** One block per row, one "column: value" line per field (psql's expanded display), for wide rows. */
export function formatRecords(columns: string[], rows: unknown[][], width = terminalWidth()): string {
  const label = Math.max(0, ...columns.map((c) => c.length));
  const room = Math.max(10, width - label - 2);
  return rows.map((r, n) => [`── ${n + 1} ${'─'.repeat(Math.max(0, Math.min(width, 40) - 4 - String(n + 1).length))}`,
    ...columns.map((c, i) => {
      // Wrap rather than cut: this view exists to show long values whole.
      const parts: string[] = [];
      let v = formatCell(r[i]);
      while (v.length > room) {
        const at = v.lastIndexOf(' ', room);
        const cut = at > room / 2 ? at : room;
        parts.push(v.slice(0, cut).trimEnd());
        v = v.slice(cut).trimStart();
      }
      parts.push(v);
      return parts.map((x, k) => `${(k === 0 ? c : '').padEnd(label)}  ${x}`.trimEnd()).join('\n');
    })].join('\n')).join('\n');
}

export function toCsv(columns: string[], rows: unknown[][]): string {
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(q).join(','), ...rows.map((r) => r.map(q).join(','))].join('\n');
}
