// Time: a window slider that filters edges by validity and recomputes lookup widths, and the API's
// timeline of one host's lookups per bucket grouped by organization or resolver, in a chosen zone. Dragging on the
// chart sets the window; moving the slider shades the chart.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { App } from '../app.ts';
import type { TimeWindow } from '../graph/time-window.ts';
import { lookupTimeline, type TimelinePoint } from '../api/queries.ts';
import { errorText } from '../api/graphql.ts';
import { $, esc } from './dom.ts';

const DAY = 86_400_000;
const SIZES: Record<string, number> = { hour: 3_600_000, day: DAY, week: 7 * DAY };
const PALETTE = ['#d0312d', '#1f6fb4', '#2e9a3a', '#7b4fb0', '#e07b00', '#9a5a2a', '#d15b9a', '#0e9aa7', '#6b7280'];

export interface Timebar {
  refresh(): void;
  setWindow(w: TimeWindow, fromUrl?: boolean): void;
  state(): { zone: string; group: string; bucket: string };
  setState(s: Partial<{ zone: string; group: string; bucket: string }>): void;
}

function offsetMs(t: number, zone: string, cache: Map<number, number>): number {
  const hourKey = Math.floor(t / 3_600_000);
  let o = cache.get(hourKey);
  if (o === undefined) {
    const p = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(new Date(t));
    const g = (k: string) => Number(p.find((x) => x.type === k)?.value);
    o = Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute')) - Math.floor(t / 60_000) * 60_000;
    cache.set(hourKey, o);
  }
  return o;
}

export function initTimebar(app: App): Timebar {
  const zoneSel = $<HTMLSelectElement>('#t-zone');
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = ['UTC', 'America/New_York', 'Europe/Moscow', ...(local && !['UTC', 'America/New_York', 'Europe/Moscow'].includes(local) ? [local] : [])];
  zoneSel.innerHTML = zones.map((z) => `<option>${z}</option>`).join('');
  const lo = $<HTMLInputElement>('#t-lo');
  const hi = $<HTMLInputElement>('#t-hi');
  const fromIn = $<HTMLInputElement>('#t-from');
  const toIn = $<HTMLInputElement>('#t-to');
  const chartBox = $('#timeline');
  let plot: uPlot | null = null;
  let range: [number, number] = [Date.UTC(2016, 0, 1), Date.UTC(2017, 0, 1)];
  let win: TimeWindow = { from: null, to: null };
  let syncing = false;

  const toDay = (t: number) => Math.floor(t / DAY);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

  const syncInputs = () => {
    lo.min = hi.min = String(toDay(range[0]));
    lo.max = hi.max = String(toDay(range[1]));
    lo.value = String(toDay(win.from ?? range[0]));
    hi.value = String(toDay(win.to ?? range[1]));
    fromIn.value = win.from !== null ? iso(win.from) : '';
    toIn.value = win.to !== null ? iso(win.to) : '';
    if (plot) {
      syncing = true;
      if (win.from === null && win.to === null) plot.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
      else {
        const l = plot.valToPos((win.from ?? range[0]) / 1000, 'x');
        const r = plot.valToPos((win.to ?? range[1]) / 1000, 'x');
        plot.setSelect({ left: l, width: Math.max(1, r - l), top: 0, height: plot.bbox.height / devicePixelRatio }, false);
      }
      syncing = false;
    }
  };

  const apply = (w: TimeWindow, fromUrl = false) => {
    win = w;
    app.canvas.setWindow(w);
    syncInputs();
    if (cached) refreshTotals();
    if (!fromUrl) app.saveUrl();
  };

  const onSlider = () => {
    let a = Number(lo.value) * DAY;
    let b = Number(hi.value) * DAY + DAY - 1;
    if (a > b) [a, b] = [b - DAY + 1, a + DAY - 1];
    apply({ from: a <= range[0] ? null : a, to: b >= range[1] ? null : b });
  };
  lo.addEventListener('input', onSlider);
  hi.addEventListener('input', onSlider);
  const onDates = () => apply({
    from: fromIn.value ? Date.parse(`${fromIn.value}T00:00:00Z`) : null,
    to: toIn.value ? Date.parse(`${toIn.value}T23:59:59.999Z`) : null,
  });
  fromIn.addEventListener('change', onDates);
  toIn.addEventListener('change', onDates);
  $('#t-clear').addEventListener('click', () => apply({ from: null, to: null }));
  for (const id of ['#t-zone', '#t-group', '#t-bucket']) $(id).addEventListener('change', () => { refresh(); app.saveUrl(); });

  // The chart shows the API's timeline of one host: the selected host name, else the most looked-up
  // one on the canvas. Grouping is the API's, which attributes resolvers through OPERATES, the
  // prefix holder or the AS registrant, whether or not those organizations are on the canvas.
  let seq = 0;
  let ctrl: AbortController | null = null;
  let cached: { key: string; points: TimelinePoint[] } | null = null;
  const refreshTotals = () => {
    if (!cached) return;
    const series = new Map<string, Map<number, number>>();
    for (const p of cached.points) {
      const name = p.group === 'unattributed' ? 'unattributed' : p.groupName;
      const m = series.get(name) ?? new Map<number, number>();
      const x = Date.parse(p.startUtc);
      m.set(x, (m.get(x) ?? 0) + p.count);
      series.set(name, m);
    }
    const names = [...series.keys()].sort((a, b) => sum(series.get(b)!) - sum(series.get(a)!)).slice(0, PALETTE.length);
    renderTotals(names, series);
  };

  function chartHost(): string | null {
    const cy = app.canvas.cy;
    const sel = cy.nodes(':selected[kind = "Host"]');
    if (sel.nonempty()) return sel[sel.length - 1].data('key') as string;
    let best: string | null = null;
    let most = 0;
    cy.nodes('[kind = "Host"]').forEach((n) => {
      let c = 0;
      n.incomers('edge[type = "QUERIED"]').forEach((e) => { c += Number(e.data('count')) || 1; });
      if (c > most) { most = c; best = n.data('key') as string; }
    });
    return best;
  }

  function refresh(): void {
    const zone = zoneSel.value || 'UTC';
    const group = $<HTMLSelectElement>('#t-group').value;
    const bucket = $<HTMLSelectElement>('#t-bucket').value;
    const host = chartHost();
    const my = ++seq;
    if (!host) { ctrl?.abort(); cached = null; $('#t-totals').innerHTML = ''; draw(null, [], zone, bucket); return; }
    const key = [host, group, bucket, zone].join('|');
    if (cached?.key === key) { draw(host, cached.points, zone, bucket); return; }
    ctrl?.abort();
    const c = (ctrl = new AbortController());
    lookupTimeline(host, { bucket, groupBy: group === 'org' ? 'ORGANIZATION' : 'IP', timeZone: zone }, c.signal).then((points) => {
      if (my !== seq) return;
      cached = { key, points };
      draw(host, points, zone, bucket);
    }, (e: unknown) => {
      if (my !== seq || (e as Error).name === 'AbortError') return;
      app.status(errorText(e), 'error');
    });
  }

  function draw(host: string | null, points: TimelinePoint[], zone: string, bucket: string): void {
    const series = new Map<string, Map<number, number>>();
    const xs = new Set<number>();
    const tzCache = new Map<number, number>();
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
      const x = Date.parse(p.startUtc);
      const name = p.group === 'unattributed' ? 'unattributed' : p.groupName;
      let m = series.get(name);
      if (!m) series.set(name, (m = new Map()));
      m.set(x, (m.get(x) ?? 0) + p.count);
      xs.add(x);
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const size = SIZES[bucket] ?? DAY;
    if (Number.isFinite(min)) range = [Math.floor(min / DAY) * DAY, Math.ceil((max + size) / DAY) * DAY];
    // Every bucket between the first and the last, empty ones as zero: a stepped line must not
    // bridge a weekend without lookups with the level of the Friday before.
    const xsSorted = Number.isFinite(min) ? bucketGrid(min, max, bucket, zone, tzCache) : [];
    for (const x of xs) if (!xsSorted.includes(x)) xsSorted.push(x);
    xsSorted.sort((a, b) => a - b);
    const names = [...series.keys()].sort((a, b) => sum(series.get(b)!) - sum(series.get(a)!)).slice(0, PALETTE.length);
    renderTotals(names, series);
    const data: uPlot.AlignedData = [xsSorted.map((x) => x / 1000), ...names.map((n) => xsSorted.map((x) => series.get(n)!.get(x) ?? 0))];
    plot?.destroy();
    plot = null;
    chartBox.innerHTML = '';
    if (!xsSorted.length) {
      chartBox.innerHTML = host
        ? `<p class="muted">No lookups of ${esc(host)}.</p>`
        : '<p class="muted">No looked-up host name on the canvas. Select or expand one to see its timeline.</p>';
      syncInputs();
      return;
    }
    const width = Math.max(300, chartBox.clientWidth || 800);
    plot = new uPlot({
      width, height: 120, tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
      cursor: { drag: { x: true, y: false, setScale: false } },
      scales: { x: { time: true } },
      // Hovering shows each series' value in the legend for that bucket.
      legend: { show: true, live: true },
      axes: [{ size: 28 }, { size: 44, label: 'lookups' }],
      title: host ?? undefined,
      series: [{}, ...names.map((n, i) => ({ label: n, stroke: PALETTE[i], fill: `${PALETTE[i]}33`, width: 1.2, paths: uPlot.paths.stepped!({ align: 1 }) }))],
      hooks: {
        setSelect: [(u) => {
          if (syncing || u.select.width < 2) return;
          const a = u.posToVal(u.select.left, 'x') * 1000;
          const b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
          apply({ from: Math.round(a), to: Math.round(b) });
        }],
      },
    }, data, chartBox);
    (window as unknown as { __timeline: uPlot }).__timeline = plot;
    syncInputs();
  }

  /** Per-organization (or resolver) totals in the time window, with shares, beside the chart. */
  function renderTotals(names: string[], series: Map<string, Map<number, number>>): void {
    const box = $('#t-totals');
    const inWin = (x: number) => (win.from === null || x >= win.from) && (win.to === null || x <= win.to);
    const rows = [...series.entries()].map(([name, m]) => {
      let c = 0;
      for (const [x, v] of m) if (inWin(x)) c += v;
      return { name, c };
    }).filter((r) => r.c > 0).sort((a, b) => b.c - a.c);
    const total = rows.reduce((a, r) => a + r.c, 0);
    if (!total) { box.innerHTML = ''; return; }
    const pct = (c: number) => `${(Math.round((c / total) * 10000) / 100).toFixed(2)} %`;
    box.innerHTML = `<table><caption>Lookups ${win.from !== null || win.to !== null ? 'in the window' : 'in all'}: ${total.toLocaleString('en-US')}</caption>
      <thead><tr><th>${$<HTMLSelectElement>('#t-group').value === 'org' ? 'organization' : 'resolver'}</th><th>lookups</th><th>share</th></tr></thead><tbody>${rows.map((r) => {
        const i = names.indexOf(r.name);
        return `<tr data-group="${esc(r.name)}"><td><span class="sw" style="background:${i >= 0 ? PALETTE[i] : '#ccc'}"></span>${esc(r.name)}</td><td class="n">${r.c.toLocaleString('en-US')}</td><td class="pct">${pct(r.c)}</td></tr>`;
      }).join('')}</tbody></table>`;
  }

  return {
    refresh,
    setWindow: apply,
    state: () => ({ zone: zoneSel.value, group: $<HTMLSelectElement>('#t-group').value, bucket: $<HTMLSelectElement>('#t-bucket').value }),
    setState(s) {
      if (s.zone) { if (![...zoneSel.options].some((o) => o.value === s.zone)) zoneSel.add(new Option(s.zone)); zoneSel.value = s.zone; }
      if (s.group) $<HTMLSelectElement>('#t-group').value = s.group;
      if (s.bucket) $<HTMLSelectElement>('#t-bucket').value = s.bucket;
    },
  };
}

/**
 * Bucket starts from `first` to `last`: hours step by the hour; days and weeks step by the
 * calendar in `zone` (a day across a DST change is 23 or 25 hours long).
 */
export function bucketGrid(first: number, last: number, bucket: string, zone: string, cache = new Map<number, number>()): number[] {
  const out: number[] = [];
  if (bucket === 'hour') {
    for (let t = first; t <= last && out.length < 100_000; t += 3_600_000) out.push(t);
    return out;
  }
  const step = bucket === 'week' ? 7 * DAY : DAY;
  for (let t = first; t <= last && out.length < 20_000;) {
    out.push(t);
    const naive = t + step;
    // Local midnight stays local midnight: correct by the change of UTC offset over the step.
    t = naive - (offsetMs(naive, zone, cache) - offsetMs(t, zone, cache));
  }
  return out;
}

function sum(m: Map<number, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}
