// "Who controls this?": one row per party with its roles in plain words; each role opens to the
// chain of hops that supports it, each hop with its sources, confidence and validity. Opening a
// role highlights that chain on the canvas and dims the rest; the API's answer is shown as given
// (the definition of control lives on the server, one for the API and the CLI).
import { sourcesByKey, whoControls, type Chain, type ControlAnswer, type ControlRole, type SourceInfo } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { kindStyle, UNCERTAIN_BELOW } from '../graph/style.ts';
import { $, esc, fmtDate } from './dom.ts';
import { relPhrase, roleExplain, roleLabel } from './words.ts';

function validity(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `valid ${from ? fmtDate(from) : 'since ?'} – ${to ? fmtDate(to) : 'now'}`;
}

function chainHtml(c: Chain, src: Map<string, SourceInfo>): string {
  return `<ol class="hops">${c.hops.map((h) => {
    const sources = h.sources.map((s) => {
      const info = src.get(s.key);
      const name = esc(info?.name ?? s.key);
      const link = info?.url ? `<a href="${esc(info.url)}" target="_blank" rel="noopener noreferrer">${name}</a>` : name;
      return `${link}${info?.synthetic ? ' <span class="badge warn">synthetic</span>' : ''}${s.confidence != null ? ` (${s.confidence})` : ''}`;
    });
    const meta = [h.confidence != null ? `confidence ${h.confidence}${h.confidence < UNCERTAIN_BELOW ? ' <span class="badge warn">uncertain</span>' : ''}` : '', esc(validity(h.validFrom, h.validTo))].filter(Boolean).join(' · ');
    return `<li data-hop="${esc(h.edgeId)}">${esc(h.from.name)} <span class="rel">${esc(relPhrase(h.type))}</span> ${esc(h.to.name)}
      <div class="hop-src">${meta}${meta ? '<br>' : ''}${sources.length ? `sources: ${sources.join('; ')}` : 'no source recorded'}</div></li>`;
  }).join('')}</ol>`;
}

function partyHtml(org: ControlAnswer['roles'][number]['org'], roles: { r: ControlRole; i: number }[], src: Map<string, SourceInfo>): string {
  const best = Math.max(...roles.map(({ r }) => r.confidence ?? 0));
  return `<div class="party ${best < UNCERTAIN_BELOW ? 'uncertain' : ''}" data-party="${esc(org.id)}">
    <h3><span class="dot" style="background:${kindStyle(org.kind)?.color ?? '#999'}"></span><button class="link" data-select="${esc(org.id)}" title="Select on the canvas">${esc(org.name)}</button>
    <span class="muted">${roles.length} role${roles.length > 1 ? 's' : ''}</span></h3>
    ${roles.map(({ r, i }) => `<details data-role="${i}"><summary><b>${esc(roleLabel(r.role))}</b> <span class="conf">${r.confidence != null ? `confidence ${r.confidence}` : ''}${r.chains.length > 1 ? ` · ${r.chains.length} chains` : ''}</span>
      <div class="muted">${esc(roleExplain(r.role))}</div></summary>
      ${r.chains.map((c, j) => `${r.chains.length > 1 ? `<div class="muted">${j === 0 ? 'Main chain' : `Alternative ${j}`}</div>` : ''}${chainHtml(c, src)}`).join('')}</details>`).join('')}
  </div>`;
}

export async function runWhoControls(app: App, id: string): Promise<void> {
  const box = $('#tab-control');
  app.switchTab('control');
  const label = app.canvas.cy.getElementById(id).data('label') ?? id.slice(id.indexOf(':') + 1);
  box.innerHTML = `<h2>Who controls ${esc(label)}?</h2><p class="muted">asking…</p>`;
  try {
    const ans = await whoControls(id);
    const src = new Map((await sourcesByKey(ans.chains.flatMap((c) => c.hops.flatMap((h) => h.sources.map((s) => s.key))))).map((s) => [s.key, s]));
    app.canvas.addSubgraph(ans.subgraph, { anchor: id });
    const all = [id, ...ans.roles.map((r) => r.org.id), ...ans.chains.flatMap((c) => [...c.nodeIds, ...c.edgeIds])];
    const showAll = () => app.canvas.highlight(all, ans.roles.map((r) => r.org.id));
    showAll();
    app.onGraphChange();
    const parties = new Map<string, { r: ControlRole; i: number }[]>();
    ans.roles.forEach((r, i) => parties.set(r.org.id, [...(parties.get(r.org.id) ?? []), { r, i }]));
    box.innerHTML = `<h2>Who controls ${esc(label)}?</h2>
      ${ans.roles.length ? `<p class="muted">${parties.size} part${parties.size > 1 ? 'ies' : 'y'}, ${ans.roles.length} role${ans.roles.length > 1 ? 's' : ''}. Open a role to see the chain of records behind it, hop by hop; the canvas shows that chain and dims the rest.</p>
      <div class="parties">${[...parties.values()].map((roles) => partyHtml(roles[0].r.org, roles, src)).join('')}</div>` : '<p>No controlling party is recorded.</p>'}
      <p class="actions"><button data-do="all">Show all chains</button> <button data-do="clear">Clear highlight</button> <button data-do="dagre" class="edit">Show as hierarchy</button></p>`;
    box.querySelector('[data-do=all]')?.addEventListener('click', showAll);
    box.querySelector('[data-do=clear]')?.addEventListener('click', () => app.canvas.clearHighlight());
    box.querySelector('[data-do=dagre]')?.addEventListener('click', () => {
      const layoutSel = $<HTMLSelectElement>('#layout-select');
      layoutSel.value = 'dagre';
      layoutSel.dispatchEvent(new Event('change'));
    });
    box.querySelectorAll<HTMLDetailsElement>('details[data-role]').forEach((det) => det.addEventListener('toggle', () => {
      if (!det.open) return;
      // One role open at a time, so the canvas shows one answer.
      box.querySelectorAll<HTMLDetailsElement>('details[data-role]').forEach((o) => { if (o !== det) o.open = false; });
      const r = ans.roles[Number(det.dataset.role)];
      app.canvas.highlight([id, r.org.id, ...r.chains.flatMap((c) => [...c.nodeIds, ...c.edgeIds])], [r.org.id]);
    }));
    // Selecting a party keeps this answer in view (the Details tab does not take over).
    box.querySelectorAll<HTMLButtonElement>('[data-select]').forEach((b) => b.addEventListener('click', () => app.select([b.dataset.select!], { keepTab: true })));
  } catch (e) {
    box.innerHTML = `<h2>Who controls ${esc(label)}?</h2><p class="error">${esc(errorText(e))}</p>`;
  }
}
