// Saved Cypher investigations with a parameter form, and a console with Cypher highlighting.
// Results as graph (added to the canvas) and as a table. The editor is loaded on first use so the
// app's first paint does not wait for CodeMirror.
import { listInvestigations, runCypher, runInvestigation, type Investigation, type QueryResult } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { $, esc } from './dom.ts';

type Editor = { getValue(): string; setValue(v: string): void };

export function initInvestigations(app: App): { load(): Promise<void> } {
  const box = $('#tab-inv');
  box.innerHTML = `<h2>Investigations</h2><select id="inv-list" aria-label="Saved investigations"><option value="">loading…</option></select>
    <p id="inv-summary" class="muted"></p><form id="inv-form"></form>
    <details id="console-box"><summary>Cypher console</summary><div id="console-editor" class="editor"></div>
    <label>Parameters (JSON) <input id="console-params" value="{}"></label><button id="console-run" class="primary">Run (Ctrl+Enter)</button></details>
    <div id="inv-out"></div>`;
  let list: Investigation[] = [];
  let editor: Editor | null = null;
  let loaded = false;

  const render = (r: QueryResult) => {
    app.canvas.addSubgraph(r.graph);
    if (r.graph.nodes.length) app.canvas.highlight([...r.graph.nodes.map((n) => n.id), ...r.graph.edges.map((e) => e.id)]);
    app.onGraphChange();
    const cell = (v: unknown) => esc(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v);
    $('#inv-out').innerHTML = `<p class="muted">${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} · ${r.ms} ms · ${r.graph.nodes.length} node(s) on the graph</p>
      <div class="table-wrap"><table class="grid result"><thead><tr>${r.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${r.rows
        .map((row) => `<tr>${r.columns.map((c) => `<td>${cell(row[c])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  };
  const fail = (e: unknown) => { $('#inv-out').innerHTML = `<p class="error" role="alert">${esc(errorText(e))}</p>`; };

  const showForm = () => {
    const inv = list.find((x) => x.name === $<HTMLSelectElement>('#inv-list').value);
    const form = $<HTMLFormElement>('#inv-form');
    if (!inv) { form.innerHTML = ''; return; }
    $('#inv-summary').textContent = inv.summary || inv.description;
    form.innerHTML = inv.params.map((p) => `<label title="${esc(p.description ?? '')}">${esc(p.name)} <small>${esc(p.type)}</small>
      <input name="${esc(p.name)}" value="${esc(p.default === null || p.default === undefined ? '' : typeof p.default === 'object' ? JSON.stringify(p.default) : p.default)}" placeholder="${p.required ? 'required' : 'optional'}" ${p.required ? 'required' : ''}></label>`).join('') +
      '<button class="primary" type="submit">Run</button> <button type="button" id="inv-edit">Open in console</button>';
    $('#inv-edit').addEventListener('click', async () => {
      ($('#console-box') as HTMLDetailsElement).open = true;
      await ensureEditor();
      editor!.setValue(inv.cypher);
      const params: Record<string, unknown> = {};
      for (const p of inv.params) params[p.name] = (form.elements.namedItem(p.name) as HTMLInputElement).value;
      $<HTMLInputElement>('#console-params').value = JSON.stringify(params);
    });
  };
  $('#inv-list').addEventListener('change', showForm);
  $('#inv-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = $<HTMLSelectElement>('#inv-list').value;
    const params: Record<string, unknown> = {};
    new FormData(ev.target as HTMLFormElement).forEach((v, k) => { if (v !== '') params[k] = v; });
    $('#inv-out').innerHTML = '<p class="muted">running…</p>';
    try { render(await runInvestigation(name, params)); } catch (e) { fail(e); }
  });

  async function ensureEditor(): Promise<void> {
    if (editor) return;
    const { createCypherEditor } = await import('./cypher-editor.ts');
    editor = createCypherEditor($('#console-editor'), () => void runConsole());
  }
  async function runConsole(): Promise<void> {
    if (!editor) return;
    let params: Record<string, unknown>;
    try { params = JSON.parse($<HTMLInputElement>('#console-params').value || '{}'); } catch { fail(new Error('Parameters are not valid JSON.')); return; }
    $('#inv-out').innerHTML = '<p class="muted">running…</p>';
    try { render(await runCypher(editor.getValue(), params)); } catch (e) { fail(e); }
  }
  $('#console-box').addEventListener('toggle', () => void ensureEditor());
  $('#console-run').addEventListener('click', () => void runConsole());

  return {
    async load() {
      if (loaded) return;
      loaded = true;
      try {
        list = await listInvestigations();
        $('#inv-list').innerHTML = list.map((x) => `<option value="${esc(x.name)}">${esc(x.name)}</option>`).join('');
        showForm();
      } catch (e) {
        loaded = false;
        fail(e);
      }
    },
  };
}
