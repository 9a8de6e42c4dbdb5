// Side panel "Details": the selected entity, or the selected edge with its evidence — every source
// with link, date, confidence and raw-record pointer, and conflicting claims side by side.
import type { EdgeSingular } from 'cytoscape';
import { edgeEvidence, entityClaims, entityDetails, type Claim } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { ProvenanceSlot } from '../api/model.ts';
import type { App } from '../app.ts';
import { UNCERTAIN_BELOW } from '../graph/style.ts';
import { $, esc, fmtDate } from './dom.ts';

let seq = 0;

export async function showDetails(app: App, id: string | null): Promise<void> {
  const box = $('#tab-details');
  const my = ++seq;
  if (!id) {
    box.innerHTML = '<p class="hint">Search for an entity (press <kbd>/</kbd>), then select a node or an edge. Double-click a node to expand it.</p>';
    return;
  }
  const el = app.canvas.cy.getElementById(id);
  if (el.empty()) return;
  if (el.isNode()) {
    const d = el.data();
    box.innerHTML = `<h2 class="kind-${esc(d.kind)}">${esc(d.label)}</h2><p class="muted">${esc(d.kind)} · <code>${esc(d.key)}</code></p>
      <div class="actions"><button data-do="expand">Expand (e)</button>${['Host', 'Domain', 'IP'].includes(d.kind) ? '<button data-do="control">Who controls this? (w)</button>' : ''}<button data-do="path">Path… (p)</button></div>
      <div class="props">loading…</div>`;
    box.querySelector('[data-do=expand]')?.addEventListener('click', () => void app.expand([id]));
    box.querySelector('[data-do=control]')?.addEventListener('click', () => document.dispatchEvent(new CustomEvent('ig:control', { detail: id })));
    box.querySelector('[data-do=path]')?.addEventListener('click', () => document.dispatchEvent(new CustomEvent('ig:path', { detail: id })));
    try {
      const [det, claims] = await Promise.all([entityDetails(id), entityClaims(id)]);
      if (my !== seq) return;
      const props = Object.entries(det?.props ?? {}).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && !v.length));
      $('.props', box).innerHTML = `<table class="kv">${props.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`).join('')}
        <tr><th>links on canvas</th><td>${el.degree(false)}</td></tr></table>
        ${claimsHtml(claims)}`;
    } catch (e) {
      if (my === seq) $('.props', box).innerHTML = `<p class="error">${esc(errorText(e))}</p>`;
    }
    return;
  }
  const edge = el as unknown as EdgeSingular;
  const d = edge.data();
  const src = edge.source().data('label');
  const tgt = edge.target().data('label');
  box.innerHTML = `<h2>${esc(d.type)}</h2><p><b>${esc(src)}</b> → <b>${esc(tgt)}</b></p>
    <table class="kv"><tr><th>confidence</th><td>${d.confidence ?? '—'}${d.confidence != null && d.confidence < UNCERTAIN_BELOW ? ' <span class="badge warn">uncertain</span>' : ''}</td></tr>
    <tr><th>valid</th><td>${esc(fmtDate(d.validFrom))} – ${esc(fmtDate(d.validTo))}</td></tr>
    ${d.family === 'lookup' ? `<tr><th>lookups</th><td>${d.count ?? '—'} (in window: ${d.windowCount ?? d.count ?? '—'})</td></tr><tr><th>first / last</th><td>${esc(fmtDate(d.firstSeen))} / ${esc(fmtDate(d.lastSeen))}</td></tr>` : ''}</table>
    <h3>Evidence</h3><div class="evidence">loading…</div>`;
  try {
    const ev = await edgeEvidence(id, [edge.source().data('key'), edge.target().data('key')]);
    if (my !== seq) return;
    $('.evidence', box).innerHTML = (ev.slots.length ? slotsTable(ev.slots) : '<p class="muted">No source recorded.</p>') + claimsHtml(ev.claims, true);
  } catch (e) {
    if (my === seq) $('.evidence', box).innerHTML = `<p class="error">${esc(errorText(e))}</p>`;
  }
}

function slotsTable(slots: ProvenanceSlot[]): string {
  const rows = slots.map((s) => `<tr class="${s.confidence != null && s.confidence < UNCERTAIN_BELOW ? 'uncertain' : ''}">
    <td>${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">${esc(s.sourceName)}</a>` : esc(s.sourceName)}${s.synthetic ? ' <span class="badge warn">synthetic</span>' : ''}${s.publisher ? `<div class="muted">${esc(s.publisher)}</div>` : ''}</td>
    <td>${esc(s.date ?? '—')}</td><td>${s.confidence ?? '—'}</td><td><code>${esc(s.ref ?? '—')}</code></td>
    <td>${s.count ? s.count : ''}</td><td>${esc(fmtDate(s.validFrom))} – ${esc(fmtDate(s.validTo))}</td></tr>`).join('');
  return `<table class="grid sources"><thead><tr><th>source</th><th>date</th><th>conf.</th><th>raw record</th><th>records</th><th>validity</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Claims grouped by attribute; an attribute with more than one value is a conflict, shown side by side. */
export function claimsHtml(claims: Claim[], onlyConflicts = false): string {
  if (!claims.length) return '';
  const by = new Map<string, Claim[]>();
  for (const c of claims) by.set(c.attribute, [...(by.get(c.attribute) ?? []), c]);
  let out = onlyConflicts ? '<h3>Conflicting claims about its ends</h3>' : '<h3>Claims</h3>';
  for (const [attr, cs] of by) {
    const conflict = new Set(cs.map((c) => c.value)).size > 1;
    if (onlyConflicts && !conflict) continue;
    out += `<div class="claims ${conflict ? 'conflict' : ''}"><h4>${esc(attr)}${conflict ? ' <span class="badge warn">conflicting</span>' : ''}</h4><div class="side-by-side">${cs
      .map((c) => `<div class="claim ${c.confidence != null && c.confidence < UNCERTAIN_BELOW ? 'uncertain' : ''}"><b>${esc(c.value)}</b><div class="muted">${c.url ? `<a href="${esc(c.url)}" target="_blank" rel="noopener noreferrer">${esc(c.sourceName ?? c.source)}</a>` : esc(c.sourceName ?? c.source)} · ${esc(c.date ?? '')} · conf. ${c.confidence ?? '—'}</div>${c.quote ? `<q>${esc(c.quote)}</q>` : ''}</div>`)
      .join('')}</div></div>`;
  }
  return out;
}
