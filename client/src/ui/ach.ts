// Competing hypotheses: evidence × hypothesis matrix with the API's scores (the same computation
// as the CLI's `query hypothesis-matrix`; nothing is re-scored here). Hypothesis names head the
// columns, ◆ marks only evidence that tells hypotheses apart, and one line says how a score is made.
// A cell click puts its evidence (and what it refers to) on the graph.
import { achMatrix, evidenceGraph, listCases, type AchMatrix } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { $, esc } from './dom.ts';

const SYMBOL: Record<string, string> = { supports: '+', contradicts: '−', neutral: '·' };
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

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
  const ranked = [...m.hypotheses].sort((a, b) => a.rank - b.rank);
  const best = ranked[0];
  box.innerHTML = `<h2>Competing hypotheses</h2><p class="muted case-name">${esc(m.caseName)}</p>
    <p class="explain"><b>Score</b> = weights of the evidence that supports a hypothesis − weights of the evidence against it (present evidence only; weights 1–5 are the case editors’ grades). Ties go to the one with less evidence against it. Bookkeeping, not a probability; the same numbers as <code>infragraph query hypothesis-matrix</code>.</p>
    <div class="ach-wrap"><table class="grid ach"><thead><tr><th>evidence</th>${m.hypotheses
    .map((h) => `<th class="hyp" scope="col" data-hyp="${esc(h.key)}">${esc(h.title)}</th>`).join('')}</tr></thead><tbody>${m.evidence
    .map((ev) => `<tr data-row="${esc(ev.key)}"><th class="${ev.missing ? 'missing' : ''}" title="${esc(`${ev.kind ? `${ev.kind}; ` : ''}credibility ${ev.credibility.toFixed(2)}; diagnosticity ${ev.diagnosticity}`)}">${ev.discriminating ? '<span class="disc" title="tells hypotheses apart: it speaks against some and not others">◆</span> ' : ''}${esc(ev.title)}${ev.missing ? ' <span class="badge">wanted</span>' : ''}</th>${m.hypotheses
      .map((h) => {
        const c = cell.get(`${ev.key}|${h.key}`);
        return `<td class="cell eff-${esc(c?.effect ?? 'none')}" data-ev="${esc(ev.key)}" title="${esc(c ? `${c.effect} (weight ${c.weight ?? '—'}): ${c.rationale ?? ''}` : 'no link (neutral)')}">${c ? `${esc(SYMBOL[c.effect] ?? c.effect)}${c.weight && c.effect !== 'neutral' ? `<sub>${c.weight}</sub>` : ''}` : ''}</td>`;
      }).join('')}</tr>`).join('')}</tbody>
    <tfoot><tr><th>score</th>${m.hypotheses.map((h) => `<td class="score" title="${esc(`${fmt(h.support)} for − ${fmt(h.inconsistency)} against; missing evidence could move it by ${fmt(h.openWeight)}`)}">${fmt(h.score)}</td>`).join('')}</tr>
    <tr><th>rank</th>${m.hypotheses.map((h) => `<td class="score">${h.rank}</td>`).join('')}</tr></tfoot></table></div>
    ${best ? `<p>Highest score: <b>${esc(best.title)}</b> (${fmt(best.score)}). Evidence marked <span class="badge">wanted</span> is missing; finding it could change the order.</p>` : ''}
    <p class="muted">+ supports, − contradicts, · neutral; small number = weight; ◆ = speaks against some hypotheses and not others, so it tells them apart. Click a cell to see its evidence on the graph.</p><div id="ach-note"></div>`;
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
