// Infragraph's front end: wires the canvas, the panels, the time bar, the URL and the shortcuts.
import './styles.css';
import { Canvas, type LayoutName } from './graph/canvas.ts';
import { legendHtml } from './graph/style.ts';
import { KINDS, type GNode } from './api/model.ts';
import { entitySubgraph, inducedSubgraph, lookupWindowCounts, neighbours } from './api/queries.ts';
import { errorText } from './api/graphql.ts';
import type { App, ExpandFilters } from './app.ts';
import { $ } from './ui/dom.ts';
import { initSearch } from './ui/search.ts';
import { showDetails, refreshDetailCounts } from './ui/details.ts';
import { initStart } from './ui/start.ts';
import { runWhoControls } from './ui/control.ts';
import { initPaths } from './ui/paths.ts';
import { REL_TYPES } from '../../server/src/model/index.ts';
import { initTimebar } from './ui/timebar.ts';
import { loadAch } from './ui/ach.ts';
import { initInvestigations } from './ui/investigations.ts';
import { exportAs } from './ui/exports.ts';
import { readUrl, writeUrl } from './ui/url-state.ts';
import { helpHtml } from './ui/help.ts';
import { runBench } from './bench.ts';

const params = new URLSearchParams(location.search);
const canvas = new Canvas($('#cy'), { webgl: params.get('webgl') === '1' });
(window as unknown as { __cy: unknown }).__cy = canvas.cy; // for tests and the browser console
// Lean lookup edges carry totals only: a time window counts them in the server's event store.
canvas.windowCounter = async (ids, w) => {
  try {
    return await lookupWindowCounts(ids, w.from, w.to);
  } catch (e) {
    app.status(`Lookups in the time window: ${String(e)}`, 'error');
    throw e;
  }
};
(window as unknown as { __windowSettled: () => Promise<void> }).__windowSettled = () => canvas.windowSettled;
$('#legend').innerHTML = legendHtml();

const view = readUrl();
const filters: ExpandFilters = view.filters;
let restoring = true;
let statusTimer: number | undefined;
// Selections made by a panel (a row of the control table) keep that panel in view.
let keepTab = false;

const app: App = {
  canvas,
  filters,
  status(msg, kind = 'info') {
    const el = $('#status');
    el.textContent = msg;
    el.className = kind;
    clearTimeout(statusTimer);
    statusTimer = window.setTimeout(() => { el.textContent = ''; }, kind === 'error' ? 12_000 : 4000);
  },
  showDetails: (id) => void showDetails(app, id),
  select(ids, opts = {}) {
    keepTab = !!opts.keepTab;
    try {
      canvas.cy.$(':selected').unselect();
      for (const id of ids) canvas.cy.getElementById(id).select();
    } finally {
      keepTab = false;
    }
  },
  async openEntity(n: GNode) {
    try {
      const sub = canvas.has(n.id) ? { nodes: [], edges: [] } : await entitySubgraph(n.id);
      if (!sub.nodes.length && !canvas.has(n.id)) sub.nodes.push(n);
      canvas.addSubgraph(sub);
      const el = canvas.cy.getElementById(n.id);
      canvas.cy.$(':selected').unselect();
      el.select();
      canvas.cy.animate({ center: { eles: el }, zoom: Math.max(1, canvas.cy.zoom()) }, { duration: 200 });
      app.onGraphChange();
    } catch (e) {
      app.status(errorText(e), 'error');
    }
  },
  async expand(ids) {
    const nodes = ids.filter((id) => canvas.cy.getElementById(id).isNode());
    if (!nodes.length) { app.status('Select a node to expand.'); return; }
    app.status(`Expanding ${nodes.length} node(s)…`);
    try {
      let added = 0;
      for (const id of nodes) {
        const sub = await neighbours(id, { ...filters, limit: 300 });
        added += canvas.addSubgraph(sub, { anchor: id, layout: false }).length;
        canvas.cy.getElementById(id).addClass('expanded');
      }
      canvas.runLayout({ incremental: true });
      app.status(added ? `${added} element(s) added.` : 'Nothing new with the current filters.');
      app.onGraphChange();
    } catch (e) {
      app.status(errorText(e), 'error');
    }
  },
  switchTab(tab) {
    if (tab !== 'start' && document.body.classList.contains('side-collapsed')) setSideCollapsed(false);
    // The matrix and query results are tables: their tabs get a wider panel (the canvas keeps the rest).
    const wide = tab === 'ach' || tab === 'inv';
    if (wide !== document.body.classList.contains('side-wide')) {
      document.body.classList.toggle('side-wide', wide);
      requestAnimationFrame(() => canvas.cy.resize());
    }
    document.querySelectorAll<HTMLButtonElement>('#tabs [data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === tab)));
    document.querySelectorAll<HTMLElement>('.tabpanel').forEach((p) => { p.hidden = p.id !== `tab-${tab}`; });
    if (tab === 'ach') void loadAch(app);
    if (tab === 'inv') void investigations.load();
    if (tab === 'start') void start_.load();
  },
  saveUrl() {
    if (restoring) return;
    const tb = timebar.state();
    history.replaceState(null, '', writeUrl({
      entities: canvas.nodeIds().slice(0, 400),
      edges: canvas.cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), type: e.data('type') as string })),
      selected: canvas.cy.nodes(':selected').map((n) => n.id()).slice(0, 20), filters,
      from: canvas.window.from, to: canvas.window.to, layout: canvas.layoutName, zone: tb.zone, group: tb.group, bucket: tb.bucket,
    }));
  },
  onGraphChange() {
    timebar.refresh();
    refreshDetailCounts(app);
    $('#empty-hint').hidden = canvas.cy.nodes().nonempty();
    app.saveUrl();
  },
  edgeById: (id) => canvas.cy.getElementById(id).data(),
};

const timebar = initTimebar(app);
const paths = initPaths(app);
const investigations = initInvestigations(app);
const start_ = initStart(app);
initSearch(app);
void showDetails(app, null);

// ---------- filters ----------
const kindSel = $<HTMLSelectElement>('#f-kinds');
const typeSel = $<HTMLSelectElement>('#f-types');
kindSel.innerHTML = KINDS.map((k) => `<option ${filters.kinds.includes(k) ? 'selected' : ''}>${k}</option>`).join('');
typeSel.innerHTML = REL_TYPES.map((t) => `<option ${filters.types.includes(t) ? 'selected' : ''}>${t}</option>`).join('');
$<HTMLInputElement>('#f-conf').value = String(filters.minConfidence);
$<HTMLInputElement>('#f-degree').value = String(filters.minDegree);
const readFilters = () => {
  filters.kinds = [...kindSel.selectedOptions].map((o) => o.value);
  filters.types = [...typeSel.selectedOptions].map((o) => o.value);
  filters.minConfidence = Number($<HTMLInputElement>('#f-conf').value) || 0;
  filters.minDegree = Number($<HTMLInputElement>('#f-degree').value) || 0;
  app.saveUrl();
};
for (const id of ['#f-kinds', '#f-types', '#f-conf', '#f-degree']) $(id).addEventListener('change', readFilters);

// ---------- canvas events ----------
const cy = canvas.cy;
cy.on('dbltap', 'node', (ev) => void app.expand([ev.target.id()]));
// Selection order matters for "path from A to B": Cytoscape's own order is insertion order.
const selOrder: string[] = [];
cy.on('select', 'node', (ev) => { selOrder.push(ev.target.id()); });
cy.on('unselect', 'node', (ev) => { const i = selOrder.indexOf(ev.target.id()); if (i >= 0) selOrder.splice(i, 1); });
(window as unknown as { __selOrder: string[] }).__selOrder = selOrder;
cy.on('select unselect', () => {
  const sel = cy.$(':selected');
  app.showDetails(sel.length ? sel[sel.length - 1].id() : null);
  if (sel.length && !keepTab) app.switchTab('details');
  // The timeline follows the selected host name (cached per host, so this is cheap).
  timebar.refresh();
  app.saveUrl();
});
cy.on('tap', (ev) => { if (ev.target === cy) canvas.clearHighlight(); });

// ---------- toolbar ----------
const actions: Record<string, () => void> = {
  expand: () => void app.expand(cy.nodes(':selected').map((n) => n.id())),
  hide: () => { canvas.hide(canvas.selectedIds()); app.onGraphChange(); },
  collapse: () => { const n = canvas.collapse(cy.nodes(':selected').map((x) => x.id())); app.status(`${n} leaf node(s) hidden.`); app.onGraphChange(); },
  undo: () => { if (!canvas.undo()) app.status('Nothing to undo.'); app.onGraphChange(); },
  fit: () => cy.fit(cy.elements().not('.out-of-window'), 30),
  center: () => { const s = cy.$(':selected'); cy.center(s.nonempty() ? s : undefined); },
  lock: () => {
    cy.autolock(!cy.autolock());
    document.querySelector('[data-act=lock]')!.setAttribute('aria-pressed', String(cy.autolock()));
    app.status(cy.autolock() ? 'Positions locked.' : 'Positions unlocked.');
  },
  share: () => {
    app.saveUrl();
    void navigator.clipboard?.writeText(location.href).then(() => app.status('Link copied.'), () => app.status(location.href));
  },
  help: () => toggleHelp(),
  filters: () => toggleFilters(),
  control: () => {
    const n = cy.nodes(':selected').filter((x) => ['Host', 'Domain', 'IP'].includes(x.data('kind')));
    if (n.empty()) app.status('Select a host, domain or IP.'); else void runWhoControls(app, n[0].id());
  },
  path: () => { if (selOrder.length >= 2) paths.prefillPair(selOrder[0], selOrder[1]); else if (selOrder.length) paths.prefill(selOrder[0]); else app.switchTab('paths'); },
  relayout: () => canvas.runLayout(),
  toggleLayout: () => { const s = $<HTMLSelectElement>('#layout-select'); s.value = s.value === 'fcose' ? 'dagre' : 'fcose'; s.dispatchEvent(new Event('change')); },
  clearWindow: () => timebar.setWindow({ from: null, to: null }),
};
document.querySelectorAll<HTMLButtonElement>('#toolbar [data-act]').forEach((b) => b.addEventListener('click', () => actions[b.dataset.act!]?.()));
$('#layout-select').addEventListener('change', (ev) => {
  canvas.layoutName = (ev.target as HTMLSelectElement).value as LayoutName;
  canvas.runLayout();
  app.saveUrl();
});
$('#export-select').addEventListener('change', async (ev) => {
  const sel = ev.target as HTMLSelectElement;
  const f = sel.value;
  sel.value = '';
  if (!f) return;
  try { app.status(await exportAs(cy, f)); } catch (e) { app.status(errorText(e), 'error'); }
});
document.querySelectorAll<HTMLButtonElement>('#tabs [data-tab]').forEach((b) => b.addEventListener('click', () => app.switchTab(b.dataset.tab!)));
document.addEventListener('ig:control', (ev) => void runWhoControls(app, (ev as CustomEvent<string>).detail));
document.addEventListener('ig:path', (ev) => paths.prefill((ev as CustomEvent<string>).detail));

// ---------- panels: filters on request, side panel collapsible and resizable ----------
function toggleFilters(force?: boolean): void {
  const box = $('#filters');
  box.hidden = force === undefined ? !box.hidden : !force;
  document.querySelector('[data-act=filters]')?.setAttribute('aria-expanded', String(!box.hidden));
}
$('#filters [data-close-filters]').addEventListener('click', () => toggleFilters(false));
function setSideCollapsed(on: boolean): void {
  document.body.classList.toggle('side-collapsed', on);
  const t = $('#side-toggle');
  t.textContent = on ? '⟨' : '⟩';
  t.setAttribute('aria-expanded', String(!on));
  t.setAttribute('aria-label', on ? 'Open the side panel' : 'Collapse the side panel');
  requestAnimationFrame(() => { canvas.cy.resize(); timebar.refresh(); });
}
$('#side-toggle').addEventListener('click', () => setSideCollapsed(!document.body.classList.contains('side-collapsed')));
const handle = $('#side-handle');
handle.addEventListener('dblclick', () => setSideCollapsed(!document.body.classList.contains('side-collapsed')));
handle.addEventListener('pointerdown', (ev) => {
  handle.setPointerCapture(ev.pointerId);
  const move = (e: PointerEvent) => {
    const w = Math.max(260, Math.min(window.innerWidth - 420, window.innerWidth - e.clientX));
    document.documentElement.style.setProperty('--side-w', `${w}px`);
  };
  const up = () => { handle.removeEventListener('pointermove', move); canvas.cy.resize(); };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up, { once: true });
});
$('#brand').addEventListener('click', () => app.switchTab('start'));

// ---------- keyboard ----------
const help = $('#help');
function toggleHelp(force?: boolean): void {
  help.hidden = force === undefined ? !help.hidden : !force;
  if (!help.hidden) { help.innerHTML = helpHtml(); help.querySelector<HTMLButtonElement>('[data-close]')?.focus(); }
}
help.addEventListener('click', (ev) => { if (ev.target === help || (ev.target as HTMLElement).matches('[data-close]')) toggleHelp(false); });
document.addEventListener('keydown', (ev) => {
  const t = ev.target as HTMLElement;
  if (t.closest('input, textarea, select, .cm-editor, [contenteditable]')) return;
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'z') { actions.undo(); ev.preventDefault(); return; }
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const map: Record<string, () => void> = {
    '/': () => $('#search').focus(), e: actions.expand, h: actions.hide, Delete: actions.hide, c: actions.collapse, u: actions.undo,
    w: actions.control, p: actions.path, f: actions.fit, '.': actions.center, k: actions.lock, l: actions.toggleLayout, r: actions.relayout,
    t: actions.clearWindow, s: actions.share, '?': () => toggleHelp(), '[': () => setSideCollapsed(!document.body.classList.contains('side-collapsed')),
    Escape: () => { toggleHelp(false); canvas.clearHighlight(); cy.$(':selected').unselect(); },
    1: () => app.switchTab('details'), 2: () => app.switchTab('control'), 3: () => app.switchTab('paths'), 4: () => app.switchTab('ach'), 5: () => app.switchTab('inv'),
  };
  const f = map[ev.key];
  if (f) { f(); ev.preventDefault(); }
});

// ---------- start: a bench run, or the view the URL describes ----------
async function start(): Promise<void> {
  if (params.get('bench')) { await runBench(canvas, Number(params.get('bench')), Number(params.get('edges') ?? 0) || undefined); return; }
  timebar.setState({ zone: view.zone, group: view.group, bucket: view.bucket });
  canvas.layoutName = view.layout === 'dagre' ? 'dagre' : 'fcose';
  $<HTMLSelectElement>('#layout-select').value = canvas.layoutName;
  canvas.window = { from: view.from, to: view.to };
  if (view.entities.length) {
    try {
      canvas.addSubgraph(await inducedSubgraph(view.entities, view.edges), { record: false });
      for (const id of view.selected) cy.getElementById(id).select();
    } catch (e) {
      app.status(errorText(e), 'error');
    }
  } else app.switchTab('start');
  $('#empty-hint').hidden = cy.nodes().nonempty();
  timebar.refresh();
  timebar.setWindow({ from: view.from, to: view.to }, true);
  restoring = false;
  document.body.dataset.ready = 'true';
}
void start();
