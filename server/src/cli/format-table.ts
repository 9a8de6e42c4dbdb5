// Plain-text tables that fit a terminal: columns shrink to the width, long cells are cut with '…'.

export function formatTable(columns: string[], rows: unknown[][], width = process.stdout.columns || 120): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v).replace(/\s+/g, ' ');
  };
  const text = rows.map((r) => r.map(cell));
  const w = columns.map((c, i) => Math.max(c.length, ...text.map((r) => r[i]?.length ?? 0)));
  const sep = 2;
  let total = w.reduce((a, b) => a + b, 0) + sep * (w.length - 1);
  // Shrink the widest column until the table fits (never below 6 characters).
  while (total > width) {
    let wi = 0;
    for (let i = 1; i < w.length; i++) if (w[i] > w[wi]) wi = i;
    if (w[wi] <= 6) break;
    w[wi]--;
    total--;
  }
  const fit = (s: string, n: number) => (s.length > n ? s.slice(0, Math.max(0, n - 1)) + '…' : s.padEnd(n));
  const line = (cells: string[]) => cells.map((c, i) => fit(c, w[i])).join(' '.repeat(sep)).trimEnd();
  return [line(columns), line(w.map((n) => '─'.repeat(n))), ...text.map(line)].join('\n');
}

export function toCsv(columns: string[], rows: unknown[][]): string {
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(q).join(','), ...rows.map((r) => r.map(q).join(','))].join('\n');
}
