// Tiny DOM helpers: the app builds its panels from strings and escapes everything it inserts.
export const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`missing element ${sel}`);
  return el;
};

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Dates as dates: 2016-05-04 for a midnight, 2016-09-23 13:56 UTC for an instant. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (iso.length <= 10) return iso;
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d)?(\.\d+)?Z$/.exec(iso);
  if (!m) return iso.replace('T', ' ');
  return m[2] === '00:00' && (!m[3] || m[3] === ':00') ? m[1] : `${m[1]} ${m[2]} UTC`;
}

export function download(name: string, data: string | Blob, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}
