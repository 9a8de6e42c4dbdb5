// The front end end-to-end: the built client served by the real server on a real Neo4j with the
// 2016 case loaded, driven in Debian's headless Chromium. Screenshots go to test-results/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../server/src/config.ts';
import { browserSkipReason, recordPageErrors, startCaseFixture, type CaseFixture } from './case-fixture.ts';
import { runScenario, type ScenarioResult } from './case-2016-scenario.ts';
import { pngStats } from './png-check.ts';

const missing = browserSkipReason();

describe.skipIf(!!missing)('the 2016 case in the browser', () => {
  let fx: CaseFixture;
  let page: Page;
  const errors: string[] = [];
  let r: ScenarioResult;

  beforeAll(async () => {
    fx = await startCaseFixture();
    page = await fx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    recordPageErrors(page, errors);
    r = await runScenario(page, fx.server.url, path.join(REPO_ROOT, 'test-results/e2e'));
  }, 900_000); // loading the case into Neo4j takes minutes on a saturated machine
  afterAll(() => fx?.close());

  it('opens the searched entity alone on the canvas', () => {
    expect(r.afterSearch).toEqual(['Host:mail1.trump-email.com']);
  });

  it('expands neighbours on request', () => {
    // mail1 + its address + the sibling name + their resolvers, domains and operators.
    expect(r.expandedNodes).toBeGreaterThan(10);
  });

  it('attributes the lookups of mail1.trump-email.com to Alfa Bank in the timeline legend without Alfa Bank on the canvas', () => {
    expect(r.timelineLegend.startsWith('alfa-bank-on-canvas')).toBe(false);
    expect(r.timelineLegend.split(' | ')).toContain('Alfa Bank');
    expect(r.timelineLegend).not.toContain('(unattributed)');
  });

  it('lists Cendyn, Listrak and the Trump Organization as controllers, with their roles in plain words', () => {
    for (const s of ['Cendyn', 'Listrak', 'Trump Organization', 'Registrant', 'Administrator', 'Runs the server']) expect(r.controlText).toContain(s);
  });

  it('shows the DNS-only caveat on the paths from Alfa Bank to the Trump Organization', () => {
    expect(r.caveat).toContain('rests only on DNS lookups');
  });

  it('hides the lookups after 2016-09-23 when the window ends then', () => {
    // The four resolvers that looked up trump1.contact-client.com from 2016-09-27 on.
    expect(r.windowHidden.hiddenAfter).toBeGreaterThan(0);
    expect(r.windowHidden.visibleAfter).toBe(0);
    expect(r.windowHidden.visibleBefore).toBeGreaterThan(0);
  });

  it('runs a saved investigation and renders its rows', () => {
    expect(r.investigationRows).toBeGreaterThan(0);
  });

  it("lists an edge's sources in the evidence panel", () => {
    expect(r.evidenceRows).toBe(1);
    expect(r.evidenceText).toContain('Network records, cendynbank');
    expect(r.evidenceText).toContain('case.yaml:');
  });

  it('opens the case from the cases query and shows a matrix cell\'s evidence on the graph', () => {
    // e-not-used-since-2010 refers to three claims, each about mail1.trump-email.com.
    expect(r.achEvidence).toEqual({ caseName: 'The 2016 mail1.trump-email.com case', evidenceOnCanvas: 1, aboutEdges: 3 });
  });

  it('takes non-blank screenshots', () => {
    for (const [name, buf] of Object.entries(r.shots)) {
      const s = pngStats(buf);
      expect({ name, ok: s.colours > 500 && s.stddev > 15 }).toEqual({ name, ok: true });
    }
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });
});
