// The start view: the cases in the database (the bundled one first) with the question each asks
// and the sources it cites, and a guided walk through a case — who controls the host, who looked it
// up, the timeline, the hypotheses — one step at a time, each step opening the view that answers it.
import { caseOverviews, neighbours, type CaseOverview } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import type { App } from '../app.ts';
import { runWhoControls } from './control.ts';
import { loadAch } from './ach.ts';
import { $, esc } from './dom.ts';

const BUNDLED = '2016-mail1-trump-email';

interface Step { title: string; say: (c: CaseOverview) => string; run: (app: App, c: CaseOverview) => Promise<void> }

const hostId = (c: CaseOverview) => `Host:${c.subject}`;

async function openHost(app: App, c: CaseOverview): Promise<void> {
  if (!app.canvas.has(hostId(c))) await app.openEntity({ id: hostId(c), kind: 'Host', key: c.subject!, name: c.subject! });
}

const STEPS: Step[] = [
  {
    title: 'Who controls the host?',
    say: (c) => `Every party recorded as controlling ${c.subject}, each role with the chain of records behind it. Open a role to follow its chain on the canvas.`,
    run: async (app, c) => { await openHost(app, c); await runWhoControls(app, hostId(c)); },
  },
  {
    title: 'Who looked it up?',
    say: (c) => `The resolvers that looked ${c.subject} up, with the count on each edge, and the totals per organization beside the timeline. A lookup is not an e-mail.`,
    run: async (app, c) => {
      await openHost(app, c);
      const sub = await neighbours(hostId(c), { types: ['QUERIED'], limit: 300 });
      app.canvas.addSubgraph(sub, { anchor: hostId(c) });
      app.canvas.clearHighlight();
      app.select([hostId(c)], { keepTab: true });
      app.onGraphChange();
    },
  },
  {
    title: 'When?',
    say: () => 'The lookups per day in the time bar below: hover for the values, drag across the chart to set the time window (the canvas and the totals follow). Days without lookups are zero.',
    run: async (app, c) => {
      await openHost(app, c);
      app.select([hostId(c)], { keepTab: true });
      const b = $<HTMLSelectElement>('#t-bucket');
      if (b.value !== 'day') { b.value = 'day'; b.dispatchEvent(new Event('change')); }
      $('#timebar').scrollIntoView({ block: 'nearest' });
    },
  },
  {
    title: 'Which explanation fits?',
    say: () => 'The competing hypotheses against the evidence, scored the same way as the command line, with the evidence that would decide it marked as wanted.',
    run: async (app, c) => { app.switchTab('ach'); await loadAch(app, c.id); },
  },
];

export function initStart(app: App): { load(): Promise<void> } {
  const box = $('#tab-start');
  let cases: CaseOverview[] = [];
  let loaded = false;
  let walk: { c: CaseOverview; i: number } | null = null;

  const bar = document.createElement('div');
  bar.id = 'walk';
  bar.hidden = true;
  $('#tabs').after(bar);

  const renderBar = () => {
    if (!walk) { bar.hidden = true; return; }
    const { c, i } = walk;
    bar.hidden = false;
    bar.innerHTML = `<div><b>Step ${i + 1} of ${STEPS.length}: ${esc(STEPS[i].title)}</b> <button data-walk="end" title="End the walk-through" aria-label="End the walk-through">×</button></div>
      <p>${esc(STEPS[i].say(c))}</p>
      <div class="actions"><button data-walk="prev" ${i === 0 ? 'disabled' : ''}>← Back</button>${i + 1 < STEPS.length ? `<button data-walk="next" class="primary">Next: ${esc(STEPS[i + 1].title)}</button>` : '<button data-walk="end" class="primary">Done</button>'}</div>`;
    bar.querySelector('[data-walk=prev]')?.addEventListener('click', () => void go(i - 1));
    bar.querySelector('[data-walk=next]')?.addEventListener('click', () => void go(i + 1));
    bar.querySelectorAll('[data-walk=end]').forEach((b) => b.addEventListener('click', () => { walk = null; renderBar(); }));
  };

  async function go(i: number): Promise<void> {
    if (!walk) return;
    walk.i = Math.max(0, Math.min(STEPS.length - 1, i));
    renderBar();
    bar.dataset.step = String(walk.i + 1);
    bar.dataset.busy = 'true';
    try {
      await STEPS[walk.i].run(app, walk.c);
    } catch (e) {
      app.status(errorText(e), 'error');
    } finally {
      bar.dataset.busy = 'false';
    }
  }

  const render = () => {
    box.innerHTML = `<h2>Cases</h2><p class="muted">${cases.length} case${cases.length === 1 ? '' : 's'} in this database. Each asks a question of the graph; the walk-through opens, step by step, the views that answer it.</p>
      ${cases.map((c, n) => {
        const real = c.sources.filter((s) => !s.synthetic);
        const synth = c.sources.length - real.length;
        return `<div class="case-card" data-case="${esc(c.id)}"><h3>${esc(c.title)}</h3>
        ${c.summary ? `<p class="q">${esc(c.summary)}</p>` : ''}
        ${c.subject ? `<p>Subject: <b>${esc(c.subject)}</b></p>` : ''}
        <details ${n === 0 ? '' : ''}><summary>${c.sources.length} source${c.sources.length === 1 ? '' : 's'}${synth ? ` (${synth} synthetic)` : ''}</summary><ul class="prov">${c.sources.map((s) => `<li>${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener noreferrer">${esc(s.name)}</a>` : esc(s.name)}${s.synthetic ? ' <span class="badge warn">synthetic</span>' : ''}${s.publisher ? ` <span class="muted">${esc(s.publisher)}</span>` : ''}</li>`).join('')}</ul></details>
        <div class="actions">${c.subject ? `<button class="primary" data-walk-case="${esc(c.id)}">Walk through this case</button>` : ''}<button data-hyp-case="${esc(c.id)}">Hypotheses</button></div>
        ${c.subject ? `<ol class="walk">${STEPS.map((s) => `<li>${esc(s.title)}</li>`).join('')}</ol>` : ''}</div>`;
      }).join('')}`;
    box.querySelectorAll<HTMLButtonElement>('[data-walk-case]').forEach((b) => b.addEventListener('click', () => {
      const c = cases.find((x) => x.id === b.dataset.walkCase);
      if (!c) return;
      walk = { c, i: 0 };
      void go(0);
    }));
    box.querySelectorAll<HTMLButtonElement>('[data-hyp-case]').forEach((b) => b.addEventListener('click', () => { app.switchTab('ach'); void loadAch(app, b.dataset.hypCase); }));
  };

  return {
    async load() {
      if (loaded) return;
      loaded = true;
      box.innerHTML = '<h2>Cases</h2><p class="muted">loading…</p>';
      try {
        const all = await caseOverviews();
        // The bundled case first, then real cases before synthetic baselines, oldest first.
        const rank = (c: CaseOverview) => (c.id === BUNDLED ? 0 : /synthetic/i.test(c.title) ? 2 : 1);
        cases = all.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
        render();
      } catch (e) {
        loaded = false;
        box.innerHTML = `<h2>Cases</h2><p class="error">${esc(errorText(e))}</p>`;
      }
    },
  };
}
