// Competing hypotheses: evidence × hypothesis matrix with the API's scores; a cell click puts its
// evidence (and what it refers to) on the graph.
import { achMatrix, evidenceGraph, listCases, type AchMatrix } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { $, esc } from './dom.ts';

const SYMBOL: Record<string, string> = { supports: '+', contradicts: '−', neutral: '·' };

export async function loadAch(app: App, caseKey?: string): Promise<void> {
  const box = $('#tab-ach');
  box.innerHTML = '<h2>Competing hypotheses</h2><p class="muted">loading…</p>';
  let m: AchMatrix;
  try {
    const key = caseKey ?? new URLSearchParams(location.search).get('case') ?? (await listCases())[0]?.id;
    if (!key) { box.innerHTML = '<h2>Competing hypotheses</h2><p>No case is loaded.</p>'; return; }
    m = await achMatrix(key);
  } catch (e) {
    box.innerHTML = `<h2>Competing hypotheses</h2><p class="error">${esc(errorText(e))}</p>`;
    return;
  }
  const cell = new Map(m.cells.map((c) => [`${c.evidenceKey}|${c.hypothesisKey}`, c]));
  box.innerHTML = `<h2>Competing hypotheses</h2><p class="muted">${esc(m.caseName)}</p><div class="ach-wrap"><table class="grid ach"><thead><tr><th>evidence</th>${m.hypotheses
    .map((h, i) => `<th title="${esc(h.title)}">H${i + 1}</th>`).join('')}</tr></thead><tbody>${m.evidence
    .map((ev) => `<tr><th class="${ev.missing ? 'missing' : ''}" title="${esc(`${ev.kind}; credibility ${ev.credibility.toFixed(2)}${ev.discriminating ? '; discriminating' : ''}`)}">${esc(ev.title)}${ev.missing ? ' <span class="badge">wanted</span>' : ''}${ev.discriminating ? ' <span class="badge">◆</span>' : ''}</th>${m.hypotheses
      .map((h) => {
        const c = cell.get(`${ev.key}|${h.key}`);
        return `<td class="cell eff-${esc(c?.effect ?? 'none')}" data-ev="${esc(ev.key)}" title="${esc(c ? `${c.effect} (weight ${c.weight ?? '—'}): ${c.rationale ?? ''}` : 'no link (neutral)')}">${c ? `${esc(SYMBOL[c.effect] ?? c.effect)}${c.weight && c.effect !== 'neutral' ? `<sub>${c.weight}</sub>` : ''}` : ''}</td>`;
      }).join('')}</tr>`).join('')}</tbody>
    <tfoot><tr><th>score (rank)</th>${m.hypotheses.map((h) => `<td class="score">${h.score.toFixed(1)} (${h.rank})</td>`).join('')}</tr></tfoot></table></div>
    <ol class="hyp-list">${m.hypotheses.map((h) => `<li>${esc(h.title)}</li>`).join('')}</ol>
    <p class="muted">+ supports, − contradicts, · neutral; subscript = weight; ◆ = discriminating. Click a cell to see its evidence on the graph.</p><div id="ach-note"></div>`;
  box.querySelectorAll<HTMLTableCellElement>('td.cell').forEach((td) => td.addEventListener('click', async () => {
    box.querySelectorAll('td.active').forEach((x) => x.classList.remove('active'));
    td.classList.add('active');
    $('#ach-note').textContent = td.title;
    try {
      const sub = await evidenceGraph(td.dataset.ev!);
      app.canvas.addSubgraph(sub);
      app.canvas.highlight([...sub.nodes.map((n) => n.id), ...sub.edges.map((e) => e.id)]);
      app.onGraphChange();
    } catch (e) {
      app.status(errorText(e), 'error');
    }
  }));
}
