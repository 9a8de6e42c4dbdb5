/// <reference lib="dom" />
// A big graph in the browser (issue 14, the 5k/10k figure): the page builds 5,000 nodes and
// 10,000 edges, lays them out with the big-graph layout and draws them with the lean stylesheet.
// Checked: every node placed, the graph spread out and fitted in view, the drawing not blank.
// No timing here: the figure is a benchmark (bench/ui/run-bench.ts, BENCHMARKS.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSkipReason, recordPageErrors, startCaseFixture, type CaseFixture } from './case-fixture.ts';
import { pngStats } from './png-check.ts';

const missing = browserSkipReason();

describe.skipIf(!!missing)('a big graph in the browser', { timeout: 300_000 }, () => {
  let fx: CaseFixture;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    fx = await startCaseFixture();
    page = await fx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    recordPageErrors(page, errors);
    await page.goto(`${fx.server.url}/?bench=5000&edges=10000`);
    await page.waitForSelector('body[data-bench="done"]', { timeout: 240_000 });
  }, 600_000);
  afterAll(() => fx?.close());

  it('lays out every node, spread over the plane, and fits them all in view', async () => {
    const r = await page.evaluate(() => {
      const cy = (window as any).__cy;
      const ps = cy.nodes().map((n: any) => n.position());
      const xs = new Set(ps.map((p: any) => Math.round(p.x)));
      const ext = cy.extent();
      const bb = cy.nodes().boundingBox();
      return {
        nodes: cy.nodes().length, edges: cy.edges().length,
        finite: ps.every((p: any) => Number.isFinite(p.x) && Number.isFinite(p.y)),
        distinctX: xs.size,
        inView: bb.x1 >= ext.x1 - 1 && bb.x2 <= ext.x2 + 1 && bb.y1 >= ext.y1 - 1 && bb.y2 <= ext.y2 + 1,
        curve: cy.edges()[0].style('curve-style'),
        label: cy.nodes()[0].style('label'),
        color: cy.nodes('[kind = "Host"]')[0].style('background-color'),
      };
    });
    expect(r).toMatchObject({ nodes: 5000, edges: 10000, finite: true, inView: true, curve: 'haystack', label: '' });
    expect(r.distinctX).toBeGreaterThan(1000);
    // Kinds keep their colours in the lean sheet (Host is green).
    expect(r.color).toBe('rgb(46,154,58)');
  });

  it('draws something, and nothing threw', async () => {
    const s = pngStats(await page.screenshot());
    expect(s.colours).toBeGreaterThan(300);
    expect(errors).toEqual([]);
  });
});
