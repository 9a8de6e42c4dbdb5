// Manual run of the browser scenario against a running server: npx tsx test/e2e/run-scenario.ts [URL]
import { launchChromium } from '../../bench/ui/chromium.ts';
import { runScenario } from './case-2016-scenario.ts';
import { pngStats } from './png-check.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:4100';
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors: string[] = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(e.message));
try {
  const r = await runScenario(page, base, 'test-results/e2e');
  const { shots, ...rest } = r;
  console.log(JSON.stringify(rest, null, 1).slice(0, 3000));
  for (const [k, v] of Object.entries(shots)) console.log(k, pngStats(v));
} finally {
  console.log('console errors:', errors);
  await browser.close();
}
