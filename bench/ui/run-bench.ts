/// <reference lib="dom" />
// UI figures in headless Chromium against a running server (default the dev server on :4100, with
// the 2016 case loaded and client/dist built):
//   1. the case view interactive: navigation start → the entity is on the canvas and a first input
//      (a tap on it) has been handled;
//   2. first-load JavaScript on the wire: the bytes Chromium received (compressed) for every script of
//      a cold load of the start page (Network.loadingFinished encodedDataLength, cache disabled);
//   3. N nodes / 2N edges generated in the page, added, laid out and drawn, for each N in --nodes.
// Usage: npx tsx bench/ui/run-bench.ts [baseUrl] [--runs 3] [--nodes 5000,10000] [--webgl]
import { launchChromium } from './chromium.ts';

const args = process.argv.slice(2);
const opt = (name: string, d: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : d; };
const base = args.find((a) => a.startsWith('http')) ?? 'http://127.0.0.1:4100';
const runs = Number(opt('runs', '3'));
const sizes = opt('nodes', '5000,10000').split(',').map(Number);
const edgesFor = (n: number) => Number(opt('edges', String(n * 2)));
const webgl = args.includes('--webgl');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ENTITY = 'Host:mail1.trump-email.com';
// The link the app writes for that view (no edges listed: the entity alone).
const ENTITY_URL = 'n=h:mail1.trump-email.com&r=';

const browser = await launchChromium();
try {
  const interactive: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/?${ENTITY_URL}`, { waitUntil: 'commit' });
    const ms = await page.evaluate(async (id) => {
      const w = window as unknown as { __cy?: import('cytoscape').Core };
      // Poll until the canvas holds the entity, then tap it and wait for the handler to run.
      const deadline = performance.now() + 15_000;
      for (;;) {
        if (performance.now() > deadline) throw new Error(`${id} never reached the canvas (is the case loaded?)`);
        const n = w.__cy?.getElementById(id);
        if (n && n.nonempty() && document.body.dataset.ready) {
          await new Promise<void>((r) => { w.__cy!.one('select', () => r()); n.emit('tap'); n.select(); });
          await new Promise((r) => requestAnimationFrame(r));
          return performance.now(); // performance.now() counts from navigation start
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    }, ENTITY);
    interactive.push(ms);
    await page.close();
  }
  console.log(`case view interactive (nav start → entity on canvas + first tap handled): median ${Math.round(median(interactive))} ms  [${interactive.map(Math.round).join(', ')}]  budget 1000 ms`);

  const wire: { js: number; all: number; files: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const types = new Map<string, string>();
    const r = { js: 0, all: 0, files: 0 };
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      r.all += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') { r.js += e.encodedDataLength; r.files++; }
    });
    await page.goto(`${base}/`, { waitUntil: 'networkidle', timeout: 300_000 });
    wire.push(r);
    await ctx.close();
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`first-load JavaScript on the wire: ${kb(median(wire.map((w) => w.js)))} in ${wire[0].files} file(s) (everything: ${kb(median(wire.map((w) => w.all)))})  budget 250 KB`);

  for (const nodes of sizes) {
    const edges = edgesFor(nodes);
    const big: Record<string, number>[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultNavigationTimeout(300_000);
      // The graph is built while the page loads: wait for the response, then for the bench's own flag.
      await page.goto(`${base}/?bench=${nodes}&edges=${edges}${webgl ? '&webgl=1' : ''}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.body.dataset.bench === 'done', undefined, { timeout: 300_000 });
      big.push(await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench));
      await page.close();
    }
    const pick = (k: string) => Math.round(median(big.map((b) => b[k])));
    console.log(`${nodes} nodes / ${edges} edges${webgl ? ' (WebGL)' : ''}: total median ${pick('totalMs')} ms (generate ${pick('buildMs')}, add ${pick('addMs')}, layout ${pick('layoutMs')}, draw ${pick('drawMs')})  [${big.map((b) => Math.round(b.totalMs)).join(', ')}]  budget 3000 ms`);
  }
} finally {
  await browser.close();
}
