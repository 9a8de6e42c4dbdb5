// Entity search with suggestions: debounced, keyboard navigable. The top bar's box opens the chosen
// entity on the canvas; the path finder uses the same picker for its two ends. Enter before the
// suggestions arrive searches at once and takes the best match, or says that nothing matched.
import { searchEntities } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { GNode } from '../api/model.ts';
import type { App } from '../app.ts';
import { kindStyle } from '../graph/style.ts';
import { $, esc } from './dom.ts';

export function attachPicker(app: App, input: HTMLInputElement, list: HTMLUListElement, onChoose: (n: GNode) => void | Promise<void>): void {
  let items: GNode[] = [];
  let itemsFor = '';
  let active = -1;
  let timer: number | undefined;
  let ctl: AbortController | undefined;

  const render = () => {
    list.innerHTML = items
      .map((n, i) => `<li role="option" data-i="${i}" aria-selected="${i === active}"><span class="dot" style="background:${kindStyle(n.kind)?.color ?? '#999'}"></span>${esc(n.name)} <small>${esc(kindStyle(n.kind)?.label ?? n.kind)}${n.degree != null ? ` · ${n.degree} links` : ''}</small></li>`)
      .join('');
    list.hidden = items.length === 0;
  };
  const lookup = async (text: string): Promise<GNode[]> => {
    ctl?.abort();
    ctl = new AbortController();
    const r = await searchEntities(text, 12, ctl.signal);
    items = r;
    itemsFor = text;
    active = items.length ? 0 : -1;
    return r;
  };
  const choose = async (i: number) => {
    const n = items[i];
    if (!n) return;
    list.hidden = true;
    input.value = n.name;
    await onChoose(n);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) { items = []; itemsFor = ''; render(); return; }
    timer = window.setTimeout(async () => {
      try {
        await lookup(text);
        render();
      } catch (e) {
        if ((e as Error).name !== 'AbortError') app.status(errorText(e), 'error');
      }
    }, 150);
  });
  input.addEventListener('keydown', async (ev) => {
    if (ev.key === 'ArrowDown') { active = Math.min(items.length - 1, active + 1); render(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(0, active - 1); render(); ev.preventDefault(); }
    else if (ev.key === 'Escape') { list.hidden = true; input.blur(); }
    else if (ev.key === 'Enter') {
      ev.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      if (itemsFor === text && items.length) { await choose(active < 0 ? 0 : active); return; }
      // Enter before the suggestions arrived (or for stale ones): search now and take the best match.
      clearTimeout(timer);
      app.status(`Searching “${text}”…`);
      try {
        const found = await lookup(text);
        if (input.value.trim() !== text) return;
        if (!found.length) { render(); app.status(`No entity matches “${text}”.`, 'error'); return; }
        await choose(0);
      } catch (e) {
        if ((e as Error).name !== 'AbortError') app.status(errorText(e), 'error');
      }
    }
  });
  list.addEventListener('mousedown', (ev) => {
    const li = (ev.target as HTMLElement).closest('li');
    if (li) { ev.preventDefault(); void choose(Number(li.dataset.i)); }
  });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 150));
}

export function initSearch(app: App): void {
  attachPicker(app, $<HTMLInputElement>('#search'), $<HTMLUListElement>('#suggestions'), (n) => app.openEntity(n));
}
