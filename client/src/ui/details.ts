// Side panel "Details": the selected entity or edge in plain words. Provenance comes first (which
// sources say so, how sure, when), then the facts with human labels and dates as dates, then
// conflicting claims side by side; the raw stored properties sit behind a toggle.
import type { EdgeSingular } from 'cytoscape';
import { edgeEvidence, entityClaims, entityDetails, sourcesByKey, type Claim, type SourceInfo } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { ProvenanceSlot } from '../api/model.ts';
import type { App } from '../app.ts';
import { kindStyle, UNCERTAIN_BELOW } from '../graph/style.ts';
import { $, esc, fmtDate } from './dom.ts';
import { relPhrase } from './words.ts';

let seq = 0;

/** Stored bookkeeping an investigator never needs in the main view (kept in "Raw properties"). */
const INTERNAL = new Set(['addedAt', 'addedBy', 'updatedAt', 'importedAt', 'caseId', 'key', 'name', 'sources', 'confidence', 'srcConf', 'srcRef', 'srcFrom', 'srcTo', 'srcCount', 'validFromPrecision', 'validToPrecision']);
const LABELS: Record<string, string> = { notes: 'Notes', role: 'Role', business: 'Business', city: 'City', country: 'Country', firstSeen: 'First seen', lastSeen: 'Last seen', registrar: 'Registrar', asn: 'AS number', prefix: 'Prefix', reverseName: 'Reverse name', title: 'Title' };
const human = (k: string) => LABELS[k] ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
const show = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : /^\d{4}-\d\d-\d\dT/.test(String(v)) ? fmtDate(String(v)) : String(v));
const filled = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length);

function confWords(c: unknown): string {
  if (typeof c !== 'number') return '';
  return c >= 80 ? `confidence ${c} (well sourced)` : c >= UNCERTAIN_BELOW ? `confidence ${c}` : `confidence ${c} <span class="badge warn">uncertain</span>`;
}

function rawHtml(props: Record<string, unknown>): string {
  const rows = Object.entries(props).filter(([, v]) => filled(v));
  if (!rows.length) return '';
  return `<details class="raw"><summary>Raw properties (${rows.length})</summary><table class="kv">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`).join('')}</table></details>`;
}

function sourceLine(s: SourceInfo): string {
  const name = s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">${esc(s.name)}</a>` : esc(s.name);
  const bits = [s.publisher, s.synthetic ? null : s.date].filter((x): x is string => !!x).map(esc);
  return `<li>${name}${s.synthetic ? ' <span class="badge warn">synthetic</span>' : ''}${bits.length ? ` <span class="muted">${bits.join(', ')}</span>` : ''}</li>`;
}

/** After an expand or a hide, the selected node's link count follows the canvas. */
export function refreshDetailCounts(app: App): void {
  const cell = document.querySelector<HTMLElement>('#tab-details [data-links]');
  if (!cell) return;
  const el = app.canvas.cy.getElementById(cell.dataset.links!);
  if (el.nonempty()) cell.textContent = String(el.degree(false));
}

export async function showDetails(app: App, id: string | null): Promise<void> {
  const box = $('#tab-details');
  const my = ++seq;
  if (!id) {
    box.innerHTML = '<p class="hint">Search for an entity (press <kbd>/</kbd>) or open the case from <b>Start</b>, then select a node or an edge. Double-click a node to expand it.</p>';
    return;
  }
  const el = app.canvas.cy.getElementById(id);
  if (el.empty()) return;
  if (el.isNode()) {
    const d = el.data();
    box.innerHTML = `<h2 class="kind-${esc(d.kind)}">${esc(d.label)}</h2><p class="muted">${esc(kindStyle(d.kind)?.label ?? d.kind)}${d.props?.confidence != null ? ` · ${confWords(d.props.confidence)}` : ''}</p>
      <div class="actions"><button data-do="expand" class="edit">Expand (e)</button>${['Host', 'Domain', 'IP'].includes(d.kind) ? '<button data-do="control">Who controls this? (w)</button>' : ''}<button data-do="path">Path… (p)</button></div>
      <p>Links on the canvas: <b data-links="${esc(id)}">${el.degree(false)}</b></p>
      <div class="props">loading…</div>`;
    box.querySelector('[data-do=expand]')?.addEventListener('click', () => void app.expand([id]));
    box.querySelector('[data-do=control]')?.addEventListener('click', () => document.dispatchEvent(new CustomEvent('ig:control', { detail: id })));
    box.querySelector('[data-do=path]')?.addEventListener('click', () => document.dispatchEvent(new CustomEvent('ig:path', { detail: id })));
    try {
      const [det, claims] = await Promise.all([entityDetails(id), entityClaims(id)]);
      const props = det?.props ?? {};
      const srcKeys = Array.isArray(props.sources) ? (props.sources as unknown[]).map(String) : [];
      const sources = srcKeys.length ? await sourcesByKey(srcKeys) : [];
      if (my !== seq) return;
      const facts = Object.entries(props).filter(([k, v]) => !INTERNAL.has(k) && filled(v));
      $('.props', box).innerHTML = `<h3>Where this comes from</h3>${sources.length ? `<ul class="prov">${sources.map(sourceLine).join('')}</ul>` : '<p class="muted">No source recorded for this entity.</p>'}
        ${facts.length ? `<h3>What is recorded</h3><table class="kv">${facts.map(([k, v]) => `<tr><th>${esc(human(k))}</th><td>${esc(show(v))}</td></tr>`).join('')}</table>` : ''}
        ${claimsHtml(claims)}${rawHtml(props)}`;
    } catch (e) {
      if (my === seq) $('.props', box).innerHTML = `<p class="error">${esc(errorText(e))}</p>`;
    }
    return;
  }
  const edge = el as unknown as EdgeSingular;
  const d = edge.data();
  const src = edge.source().data('label');
  const tgt = edge.target().data('label');
  const lookup = d.family === 'lookup';
  box.innerHTML = `<h2>${esc(src)} <span class="rel">${esc(relPhrase(d.type))}</span> ${esc(tgt)}</h2>
    <p class="muted">${confWords(d.confidence) || 'confidence not recorded'}${d.validFrom || d.validTo ? ` · valid ${esc(d.validFrom ? fmtDate(d.validFrom) : 'since ?')} – ${esc(d.validTo ? fmtDate(d.validTo) : 'now')}` : ''}</p>
    ${lookup ? `<p><b>${(d.count ?? 0).toLocaleString('en-US')}</b> lookups${d.windowCount != null && d.windowCount !== d.count ? ` (${Number(d.windowCount).toLocaleString('en-US')} in the time window)` : ''}, from ${esc(fmtDate(d.firstSeen))} to ${esc(fmtDate(d.lastSeen))}. <span class="muted">A lookup is not an e-mail.</span></p>` : ''}
    <h3>Where this comes from</h3><div class="evidence">loading…</div>`;
  try {
    const ev = await edgeEvidence(id, [edge.source().data('key'), edge.target().data('key')]);
    if (my !== seq) return;
    const raw: Record<string, unknown> = { type: d.type, confidence: d.confidence, validFrom: d.validFrom, validTo: d.validTo, count: d.count, firstSeen: d.firstSeen, lastSeen: d.lastSeen, sources: d.sources };
    $('.evidence', box).innerHTML = (ev.slots.length ? slotsTable(ev.slots) : '<p class="muted">No source recorded.</p>') + claimsHtml(ev.claims, true) + rawHtml(raw);
  } catch (e) {
    if (my === seq) $('.evidence', box).innerHTML = `<p class="error">${esc(errorText(e))}</p>`;
  }
}

function slotsTable(slots: ProvenanceSlot[]): string {
  const rows = slots.map((s) => `<tr class="${s.confidence != null && s.confidence < UNCERTAIN_BELOW ? 'uncertain' : ''}">
    <td>${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">${esc(s.sourceName)}</a>` : esc(s.sourceName)}${s.synthetic ? ' <span class="badge warn">synthetic</span>' : ''}${s.publisher ? `<div class="muted">${esc(s.publisher)}</div>` : ''}</td>
    <td>${s.synthetic ? '<span class="muted">generated</span>' : esc(s.date ?? '—')}</td><td>${s.confidence ?? '—'}</td><td><code>${esc(s.ref ?? '—')}</code></td>
    <td>${s.count ? s.count.toLocaleString('en-US') : ''}</td><td>${s.validFrom || s.validTo ? `${esc(s.validFrom ? fmtDate(s.validFrom) : '?')} – ${esc(s.validTo ? fmtDate(s.validTo) : 'now')}` : ''}</td></tr>`).join('');
  return `<table class="grid sources"><thead><tr><th>source</th><th>dated</th><th>conf.</th><th>raw record</th><th>records</th><th>valid</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Claims grouped by attribute; an attribute with more than one value is a conflict, shown side by side. */
export function claimsHtml(claims: Claim[], onlyConflicts = false): string {
  if (!claims.length) return '';
  const by = new Map<string, Claim[]>();
  for (const c of claims) by.set(c.attribute, [...(by.get(c.attribute) ?? []), c]);
  let out = '';
  for (const [attr, cs] of by) {
    const conflict = new Set(cs.map((c) => c.value)).size > 1;
    if (onlyConflicts && !conflict) continue;
    out += `<div class="claims ${conflict ? 'conflict' : ''}"><h4>${esc(attr)}${conflict ? ' <span class="badge warn">conflicting</span>' : ''}</h4><div class="side-by-side">${cs
      .map((c) => {
        const src = c.url ? `<a href="${esc(c.url)}" target="_blank" rel="noopener noreferrer">${esc(c.sourceName ?? c.source)}</a>` : esc(c.sourceName ?? c.source);
        const bits = [src, c.date ? esc(fmtDate(c.date)) : '', c.confidence != null ? `confidence ${c.confidence}` : ''].filter(Boolean);
        return `<div class="claim ${c.confidence != null && c.confidence < UNCERTAIN_BELOW ? 'uncertain' : ''}"><b>${esc(c.value)}</b><div class="muted">${bits.join(' · ')}</div>${c.quote ? `<q>${esc(c.quote)}</q>` : ''}</div>`;
      })
      .join('')}</div></div>`;
  }
  if (!out) return '';
  return `${onlyConflicts ? '<h3>Conflicting claims about its ends</h3>' : '<h3>Claims</h3>'}${out}`;
}
