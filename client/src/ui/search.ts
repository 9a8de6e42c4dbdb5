// Search box with suggestions: debounced, keyboard navigable; Enter opens the entity on the canvas.
import { searchEntities } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { GNode } from '../api/model.ts';
import type { App } from '../app.ts';
import { KIND_STYLE } from '../graph/style.ts';
import { $, esc } from './dom.ts';

export function initSearch(app: App): void {
  const input = $<HTMLInputElement>('#search');
  const list = $<HTMLUListElement>('#suggestions');
  let items: GNode[] = [];
  let active = -1;
  let timer: number | undefined;
  let ctl: AbortController | undefined;

  const render = () => {
    list.innerHTML = items
      .map((n, i) => `<li role="option" data-i="${i}" aria-selected="${i === active}"><span class="dot" style="background:${KIND_STYLE[n.kind]?.color ?? '#999'}"></span>${esc(n.name)} <small>${esc(n.kind)}${n.degree != null ? ` · ${n.degree} links` : ''}</small></li>`)
      .join('');
    list.hidden = items.length === 0;
  };
  const choose = async (i: number) => {
    const n = items[i];
    if (!n) return;
    list.hidden = true;
    input.value = n.name;
    await app.openEntity(n);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) { items = []; render(); return; }
    timer = window.setTimeout(async () => {
      ctl?.abort();
      ctl = new AbortController();
      try {
        items = await searchEntities(text, 12, ctl.signal);
        active = items.length ? 0 : -1;
        render();
      } catch (e) {
        if ((e as Error).name !== 'AbortError') app.status(errorText(e), 'error');
      }
    }, 150);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown') { active = Math.min(items.length - 1, active + 1); render(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(0, active - 1); render(); ev.preventDefault(); }
    else if (ev.key === 'Enter') { void choose(active < 0 ? 0 : active); ev.preventDefault(); }
    else if (ev.key === 'Escape') { list.hidden = true; input.blur(); }
  });
  list.addEventListener('mousedown', (ev) => {
    const li = (ev.target as HTMLElement).closest('li');
    if (li) { ev.preventDefault(); void choose(Number(li.dataset.i)); }
  });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 150));
}
