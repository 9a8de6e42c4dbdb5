// Saved Cypher investigations with a parameter form, and a console that knows the graph:
// completion from the live database, Neo4j's errors underlined, results as graph (added to the
// canvas), table or JSON, a history, and "Save as investigation" into the user's library.
// The editor is loaded on first use so the app's first paint does not wait for CodeMirror.
import { listInvestigations, runCypher, runInvestigation, type Investigation, type QueryResult } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { $, esc } from './dom.ts';
import { readHistory, remember, type HistoryEntry } from './console-history.ts';
import { renderResult, type ResultView } from './console-results.ts';
import type { CypherEditor } from './cypher-editor.ts';
import type { Vocabulary } from './console-api.ts';
import type { CompletionData } from './cypher-completion.ts';
import './console.css';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function initInvestigations(app: App): { load(): Promise<void> } {
  const box = $('#tab-inv');
  box.innerHTML = `<h2>Investigations</h2><select id="inv-list" aria-label="Saved investigations"><option value="">loading…</option></select>
    <p id="inv-summary" class="muted"></p><form id="inv-form"></form>
    <details id="console-box"><summary>Cypher console</summary><div id="console-editor" class="editor"></div>
    <label>Parameters (JSON) <input id="console-params" value="{}"></label>
    <div class="console-bar"><button id="console-run" class="primary">Run (Ctrl+Enter)</button>
      <select id="console-history" aria-label="Query history"><option value="">History…</option></select></div>
    <form id="console-save" class="console-save"><label>Name <input id="console-save-name" placeholder="my-investigation" pattern="[a-z0-9][a-z0-9\\-]{0,62}" required></label>
      <label>Summary <input id="console-save-summary" placeholder="The question it answers"></label>
      <label class="inline"><input type="checkbox" id="console-save-replace"> replace one of that name</label>
      <button type="submit">Save as investigation</button><p id="console-save-msg" class="muted" role="status"></p></form>
    </details>
    <div id="inv-out"></div>`;
  let list: Investigation[] = [];
  let editor: CypherEditor | null = null;
  let vocab: Vocabulary | null = null;
  let vocabLoad: Promise<Vocabulary | null> = Promise.resolve(null);
  let loaded = false;
  let lastRows = 0;
  let loadedParams: string[] = [];
  let view: ResultView = 'graph';
  let last: QueryResult | null = null;

  const render = (r: QueryResult, forceView?: ResultView) => {
    last = r;
    lastRows = r.rows.length;
    app.canvas.addSubgraph(r.graph);
    if (r.graph.nodes.length) app.canvas.highlight([...r.graph.nodes.map((n) => n.id), ...r.graph.edges.map((e) => e.id)]);
    app.onGraphChange();
    view = forceView ?? (r.graph.nodes.length ? 'graph' : 'table');
    show();
  };
  const show = () => { if (last) renderResult($('#inv-out'), last, view, (v) => { view = v; show(); }); };
  const fail = (e: unknown) => { $('#inv-out').innerHTML = `<p class="error" role="alert">${esc(errorText(e))}</p>`; };
  const consoleParams = (): Record<string, unknown> | null => {
    try {
      const v = JSON.parse($<HTMLInputElement>('#console-params').value || '{}') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : null;
    } catch { return null; }
  };

  const showForm = () => {
    const inv = list.find((x) => x.name === $<HTMLSelectElement>('#inv-list').value);
    const form = $<HTMLFormElement>('#inv-form');
    if (!inv) { form.innerHTML = ''; return; }
    $('#inv-summary').textContent = inv.summary || inv.description;
    form.innerHTML = inv.params.map((p) => `<label title="${esc(p.description ?? '')}">${esc(p.name)} <small>${esc(p.type)}</small>
      <input name="${esc(p.name)}" value="${esc(p.default === null || p.default === undefined ? '' : typeof p.default === 'object' ? JSON.stringify(p.default) : p.default)}" placeholder="${p.required ? 'required' : 'optional'}" ${p.required ? 'required' : ''}></label>`).join('') +
      '<button class="primary" type="submit">Run</button> <button type="button" id="inv-edit">Open in console</button>';
    $('#inv-edit').addEventListener('click', () => void openInConsole(inv.name, true));
  };
  async function openInConsole(name: string, fromForm = false): Promise<void> {
    const inv = list.find((x) => x.name === name);
    if (!inv) return;
    ($('#console-box') as HTMLDetailsElement).open = true;
    await ensureEditor();
    editor!.setValue(inv.cypher);
    loadedParams = inv.params.map((p) => p.name);
    const form = $<HTMLFormElement>('#inv-form');
    const params: Record<string, unknown> = {};
    for (const p of inv.params) {
      const field = fromForm ? (form.elements.namedItem(p.name) as HTMLInputElement | null) : null;
      params[p.name] = field ? field.value : p.default ?? '';
    }
    $<HTMLInputElement>('#console-params').value = JSON.stringify(params);
  }
  $('#inv-list').addEventListener('change', showForm);
  $('#inv-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = $<HTMLSelectElement>('#inv-list').value;
    const params: Record<string, unknown> = {};
    new FormData(ev.target as HTMLFormElement).forEach((v, k) => { if (v !== '') params[k] = v; });
    $('#inv-out').innerHTML = '<p class="muted">running…</p>';
    try { render(await runInvestigation(name, params), 'table'); } catch (e) { fail(e); }
  });

  const fillHistory = (h: HistoryEntry[]) => {
    $('#console-history').innerHTML = '<option value="">History…</option>' + h.map((e, i) =>
      `<option value="${i}" title="${esc(e.query)}">${esc(e.query.replace(/\s+/g, ' ').slice(0, 70))}</option>`).join('');
  };
  $('#console-history').addEventListener('change', async () => {
    const sel = $<HTMLSelectElement>('#console-history');
    const e = readHistory()[Number(sel.value)];
    sel.value = '';
    if (!e) return;
    await ensureEditor();
    editor!.setValue(e.query);
    $<HTMLInputElement>('#console-params').value = e.params;
  });

  async function ensureEditor(): Promise<void> {
    if (editor) return;
    const [{ createCypherEditor }, api] = await Promise.all([import('./cypher-editor.ts'), import('./console-api.ts')]);
    vocabLoad = api.fetchVocabulary().then((v) => (vocab = v), (e: unknown) => { app.status(`Completion is off: ${errorText(e)}`, 'error'); return null; });
    editor = createCypherEditor($('#console-editor'), () => void runConsole(), {
      // Until the vocabulary is here, completion waits for it (a promise), so early keys are not lost.
      completion: () => (vocab ? completionData(vocab) : vocabLoad.then((v) => v && completionData(v))),
      check: async (text) => (await api.checkCypherText(text, {})).map((d) => ({ message: d.message, offset: d.offset })),
    });
    fillHistory(readHistory());
    await vocabLoad;
  }
  function completionData(v: Vocabulary): CompletionData {
    return {
      ...v,
      params: () => [...new Set([...Object.keys(consoleParams() ?? {}), ...loadedParams])],
      investigations: list.map((x) => ({ name: x.name, summary: x.summary })),
      openInvestigation: (name) => void openInConsole(name),
    };
  }
  async function runConsole(): Promise<void> {
    if (!editor) return;
    const params = consoleParams();
    if (!params) { fail(new Error('Parameters must be a JSON object, e.g. {"host": "mail1.trump-email.com"}.')); return; }
    const query = editor.getValue();
    fillHistory(remember(query, JSON.stringify(params)));
    $('#inv-out').innerHTML = '<p class="muted">running…</p>';
    try { render(await runCypher(query, params)); } catch (e) { fail(e); }
  }
  $('#console-box').addEventListener('toggle', () => void ensureEditor());
  $('#console-run').addEventListener('click', () => void runConsole());
  $('#console-save').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const msg = $('#console-save-msg');
    const name = $<HTMLInputElement>('#console-save-name').value.trim();
    if (!NAME.test(name)) { msg.textContent = 'Use lower-case letters, digits and dashes, e.g. busy-resolvers.'; msg.className = 'error'; return; }
    const params = consoleParams();
    if (!editor || !params) { msg.textContent = 'Parameters must be a JSON object.'; msg.className = 'error'; return; }
    const replace = $<HTMLInputElement>('#console-save-replace').checked;
    try {
      const { saveAsInvestigation } = await import('./console-api.ts');
      const saved = await saveAsInvestigation({
        name, summary: $<HTMLInputElement>('#console-save-summary').value, cypher: editor.getValue(), params,
        expectRows: lastRows > 0 ? lastRows : undefined, overwrite: replace, shadow: replace,
      });
      msg.className = 'muted';
      msg.textContent = `Saved "${saved.name}" to your library${saved.params.length ? ` with parameters ${saved.params.map((p) => `${p.name}: ${p.type}`).join(', ')}` : ''}.`;
      list = await listInvestigations();
      fillList(saved.name);
    } catch (e) {
      msg.className = 'error';
      msg.textContent = errorText(e);
    }
  });

  const fillList = (selected?: string) => {
    $('#inv-list').innerHTML = list.map((x) => `<option value="${esc(x.name)}">${esc(x.name)}</option>`).join('');
    if (selected) $<HTMLSelectElement>('#inv-list').value = selected;
    showForm();
  };

  return {
    async load() {
      if (loaded) return;
      loaded = true;
      try {
        list = await listInvestigations();
        fillList();
      } catch (e) {
        loaded = false;
        fail(e);
      }
    },
  };
}
