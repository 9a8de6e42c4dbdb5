// A query result three ways: the graph (its nodes, relationships and paths are already added to
// the canvas; this view says what was added), a table, or the rows as JSON.
import type { QueryResult } from '../api/queries.ts';
import { esc } from './dom.ts';

export type ResultView = 'graph' | 'table' | 'json';
const VIEWS: [ResultView, string][] = [['graph', 'Graph'], ['table', 'Table'], ['json', 'JSON']];

const cell = (v: unknown) => esc(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v);

export function renderResult(out: HTMLElement, r: QueryResult, view: ResultView, onView: (v: ResultView) => void): void {
  const head = `<p class="muted">${r.rows.length} row(s)${r.truncated ? ' (truncated)' : ''} · ${r.ms} ms · ${r.graph.nodes.length} node(s) on the graph</p>
    <div class="result-views" role="tablist">${VIEWS.map(([v, label]) =>
      `<button type="button" role="tab" data-view="${v}" aria-selected="${v === view}">${label}</button>`).join('')}</div>`;
  let body: string;
  if (view === 'graph') {
    const kinds = new Map<string, number>();
    for (const n of r.graph.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
    body = r.graph.nodes.length
      ? `<p class="result-graph">Added to the canvas and highlighted: ${r.graph.nodes.length} node(s) (${[...kinds].map(([k, n]) => `${n} ${esc(k)}`).join(', ')}) and ${r.graph.edges.length} relationship(s).</p>`
      : '<p class="muted result-graph">The rows hold no nodes, relationships or paths: see the table.</p>';
  } else if (view === 'json') {
    body = `<pre class="result-json">${esc(JSON.stringify(r.rows, null, 2))}</pre>`;
  } else {
    body = `<div class="table-wrap"><table class="grid result"><thead><tr>${r.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${r.rows
      .map((row) => `<tr>${r.columns.map((c) => `<td>${cell(row[c])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  }
  out.innerHTML = head + body;
  out.querySelectorAll<HTMLButtonElement>('.result-views button').forEach((b) => b.addEventListener('click', () => onView(b.dataset.view as ResultView)));
}
