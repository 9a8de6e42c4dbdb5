// "Who controls this?": the answer's chains highlighted on the canvas, the roles listed.
import { whoControls } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { KIND_STYLE } from '../graph/style.ts';
import { $, esc } from './dom.ts';

export async function runWhoControls(app: App, id: string): Promise<void> {
  const box = $('#tab-control');
  app.switchTab('control');
  const label = app.canvas.cy.getElementById(id).data('label') ?? id;
  box.innerHTML = `<h2>Who controls ${esc(label)}?</h2><p class="muted">asking…</p>`;
  try {
    const ans = await whoControls(id);
    app.canvas.addSubgraph(ans.subgraph, { anchor: id });
    const chainIds = ans.chains.flatMap((c) => [...c.nodeIds, ...c.edgeIds]);
    app.canvas.highlight([id, ...chainIds], ans.roles.map((r) => r.org.id));
    app.onGraphChange();
    box.innerHTML = `<h2>Who controls ${esc(label)}?</h2>
      ${ans.roles.length ? `<table class="grid roles"><thead><tr><th>organization</th><th>role</th><th>conf.</th></tr></thead><tbody>${ans.roles
        .map((r) => `<tr data-id="${esc(r.org.id)}" class="${r.confidence != null && r.confidence < 60 ? 'uncertain' : ''}"><td><span class="dot" style="background:${KIND_STYLE[r.org.kind]?.color ?? '#999'}"></span>${esc(r.org.name)}</td><td>${esc(r.role)}</td><td>${r.confidence ?? '—'}</td></tr>`)
        .join('')}</tbody></table>` : '<p>No controlling party is recorded.</p>'}
      <p class="muted">${ans.chains.length} chain(s) highlighted. <button data-do="clear">Clear highlight</button> <button data-do="dagre">Show as hierarchy</button></p>`;
    box.querySelector('[data-do=clear]')?.addEventListener('click', () => app.canvas.clearHighlight());
    box.querySelector('[data-do=dagre]')?.addEventListener('click', () => {
      const layoutSel = $<HTMLSelectElement>('#layout-select');
      layoutSel.value = 'dagre';
      layoutSel.dispatchEvent(new Event('change'));
    });
    box.querySelectorAll<HTMLTableRowElement>('tr[data-id]').forEach((tr) => tr.addEventListener('click', () => {
      app.canvas.cy.$(':selected').unselect();
      app.canvas.cy.getElementById(tr.dataset.id!).select();
    }));
  } catch (e) {
    box.innerHTML = `<h2>Who controls ${esc(label)}?</h2><p class="error">${esc(errorText(e))}</p>`;
  }
}
