// Path finder between two entities: k paths, hop limit, relationship filter, and the caveat when a
// path rests only on DNS lookups.
import { findPaths } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { $, esc } from './dom.ts';
import { attachPicker } from './search.ts';
import { REL_TYPES } from '../../../server/src/model/index.ts';

export function initPaths(app: App): { prefill(id: string): void; prefillPair(a: string, b: string): void; run(): Promise<void> } {
  const box = $('#tab-paths');
  box.innerHTML = `<h2>Paths</h2>
    <p class="hint">Search both ends here (they need not be on the canvas), or use the selection (select two nodes and press <kbd>p</kbd>).</p>
    <div class="form"><label>From <span class="picker"><input id="p-from-q" type="search" placeholder="Search an entity…" autocomplete="off" aria-label="Path start"><ul id="p-from-s" role="listbox" hidden></ul></span></label>
    <div><span id="p-from" class="pick">—</span> <button data-set="from">Use selection</button></div>
    <label>To <span class="picker"><input id="p-to-q" type="search" placeholder="Search an entity…" autocomplete="off" aria-label="Path end"><ul id="p-to-s" role="listbox" hidden></ul></span></label>
    <div><span id="p-to" class="pick">—</span> <button data-set="to">Use selection</button></div>
    <label>Paths (k) <input id="p-k" type="number" min="1" max="20" value="3"></label>
    <label>Max hops <input id="p-hops" type="number" min="1" max="10" value="6"></label>
    <label>Relationships <select id="p-types" multiple size="5">${REL_TYPES.map((t) => `<option>${t}</option>`).join('')}</select></label>
    <button id="p-run" class="primary">Find paths</button></div><div id="p-out"></div>`;
  let from: string | null = null;
  let to: string | null = null;
  const names = new Map<string, string>();
  const label = (id: string) => app.canvas.cy.getElementById(id).data('label') ?? names.get(id) ?? id.slice(id.indexOf(':') + 1);
  const show = () => {
    $('#p-from').textContent = from ? label(from) : '—';
    $('#p-to').textContent = to ? label(to) : '—';
  };
  attachPicker(app, $<HTMLInputElement>('#p-from-q'), $<HTMLUListElement>('#p-from-s'), (n) => { names.set(n.id, n.name); from = n.id; show(); if (to) void run(); });
  attachPicker(app, $<HTMLInputElement>('#p-to-q'), $<HTMLUListElement>('#p-to-s'), (n) => { names.set(n.id, n.name); to = n.id; show(); if (from) void run(); });
  box.querySelectorAll<HTMLButtonElement>('[data-set]').forEach((b) => b.addEventListener('click', () => {
    const sel = app.canvas.cy.nodes(':selected');
    if (sel.empty()) { app.status('Select a node first.'); return; }
    if (b.dataset.set === 'from') from = sel[0].id(); else to = sel[0].id();
    show();
  }));
  async function run(): Promise<void> {
    const out = $('#p-out');
    if (!from || !to) { out.innerHTML = '<p class="error">Pick both ends.</p>'; return; }
    out.innerHTML = '<p class="muted">searching…</p>';
    const types = [...$<HTMLSelectElement>('#p-types').selectedOptions].map((o) => o.value);
    try {
      const ans = await findPaths(from, to, { k: Number($<HTMLInputElement>('#p-k').value) || 3, maxHops: Number($<HTMLInputElement>('#p-hops').value) || 6, types });
      app.canvas.addSubgraph(ans.subgraph, { anchor: from });
      app.canvas.highlight(ans.paths.flatMap((p) => [...p.nodeIds, ...p.edgeIds]));
      app.onGraphChange();
      const cy = app.canvas.cy;
      out.innerHTML = `${ans.caveat ? `<p class="caveat" role="alert">⚠ ${esc(ans.caveat)}</p>` : ''}
        ${ans.paths.length ? `<ol class="paths">${ans.paths.map((p, i) => `<li data-i="${i}">${p.edgeIds.map((eid) => {
          const e = cy.getElementById(eid);
          return e.nonempty() ? `${esc(e.source().data('label'))} <span class="rel">—${esc(e.data('type'))}→</span> ${esc(e.target().data('label'))}` : esc(eid);
        }).join('<br>')}${p.dnsOnly ? ' <span class="badge warn">DNS lookups only</span>' : ''}</li>`).join('')}</ol>` : '<p>No path within the hop limit.</p>'}`;
      out.querySelectorAll<HTMLLIElement>('li[data-i]').forEach((li) => li.addEventListener('click', () => {
        const p = ans.paths[Number(li.dataset.i)];
        app.canvas.highlight([...p.nodeIds, ...p.edgeIds]);
      }));
    } catch (e) {
      out.innerHTML = `<p class="error">${esc(errorText(e))}</p>`;
    }
  }
  $('#p-run').addEventListener('click', () => void run());
  return {
    prefillPair(a: string, b: string) {
      from = a;
      to = b;
      show();
      app.switchTab('paths');
      void run();
    },
    prefill(id: string) {
      if (!from || from === id) from = id; else to = id;
      show();
      app.switchTab('paths');
      if (from && to) void run();
    },
    run,
  };
}
