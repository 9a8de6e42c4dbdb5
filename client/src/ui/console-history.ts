// The console's query history, kept in the browser (localStorage): newest first, no duplicates,
// at most 50 entries.
export interface HistoryEntry { query: string; params: string; at: string }

const KEY = 'infragraph.console.history';
const MAX = 50;

export function readHistory(): HistoryEntry[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((e): e is HistoryEntry => typeof e?.query === 'string') : [];
  } catch {
    return [];
  }
}

export function remember(query: string, params: string): HistoryEntry[] {
  const q = query.trim();
  if (!q) return readHistory();
  const list = [{ query: q, params, at: new Date().toISOString() }, ...readHistory().filter((e) => e.query !== q)].slice(0, MAX);
  try { localStorage.setItem(KEY, JSON.stringify(list)); } catch { /* storage full or disabled: history is a convenience */ }
  return list;
}
