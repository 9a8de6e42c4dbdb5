/// <reference lib="dom" />
// The 2016 case walked through in the browser: search, expand, who controls, a path with the
// DNS-only caveat, the time window, a saved investigation, an edge's evidence. Shared by the Vitest
// e2e test and by manual runs against a dev server (npx tsx test/e2e/run-scenario.ts URL).
import type { Page } from 'playwright-core';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

type Cy = import('cytoscape').Core;
export interface ScenarioResult {
  afterSearch: string[];
  expandedNodes: number;
  timelineLegend: string;
  achEvidence: { caseName: string; evidenceOnCanvas: number; aboutEdges: number };
  controlText: string;
  caveat: string;
  windowHidden: { hiddenAfter: number; visibleAfter: number; visibleBefore: number };
  investigationRows: number;
  evidenceRows: number;
  evidenceText: string;
  shots: Record<string, Buffer>;
}

const cyEval = <T>(page: Page, fn: (cy: Cy, arg: any) => T, arg?: unknown) =>
  page.evaluate(([src, a]) => new Function('cy', 'arg', `return (${src})(cy, arg)`)((window as any).__cy, a), [fn.toString(), arg] as const) as Promise<T>;

const waitCy = (page: Page, fn: (cy: Cy, arg: any) => boolean, arg?: unknown, timeout = 20_000) =>
  page.waitForFunction(([src, a]) => new Function('cy', 'arg', `return (${src})(cy, arg)`)((window as any).__cy, a), [fn.toString(), arg] as const, { timeout });

export async function runScenario(page: Page, base: string, outDir: string): Promise<ScenarioResult> {
  mkdirSync(outDir, { recursive: true });
  const shots: Record<string, Buffer> = {};
  const shot = async (name: string) => {
    const buf = await page.screenshot();
    writeFileSync(path.join(outDir, `${name}.png`), buf);
    shots[name] = buf;
  };
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-ready="true"]');

  // Search with suggestions → the entity opens on the canvas.
  await page.fill('#search', 'mail1.trump-email.com');
  await page.waitForSelector('#suggestions li:has-text("mail1.trump-email.com")');
  await page.keyboard.press('Enter');
  await waitCy(page, (cy) => cy.getElementById('Host:mail1.trump-email.com').nonempty());
  const afterSearch = await cyEval(page, (cy) => cy.nodes().map((n) => n.id()));

  // Expand (keyboard `e` on the selected node), then the address and the sibling name.
  await page.click('#cy', { position: { x: 5, y: 5 } }).catch(() => undefined);
  await cyEval(page, (cy) => { cy.$(':selected').unselect(); cy.getElementById('Host:mail1.trump-email.com').select(); });
  await page.keyboard.press('e');
  await waitCy(page, (cy) => cy.getElementById('IP:66.216.133.29').nonempty() && cy.edges('[type = "QUERIED"]').length > 0);
  // The timeline of the selected host groups its lookups by organization on the server, so Alfa
  // Bank's resolvers are attributed although Alfa Bank is not on the canvas yet.
  const alfaOnCanvas = await cyEval(page, (cy) => cy.getElementById('Organization:alfa-bank').nonempty());
  await page.waitForSelector('#timeline .u-legend .u-label:text-is("Alfa Bank")', { timeout: 20_000 });
  const timelineLegend = `${alfaOnCanvas ? 'alfa-bank-on-canvas ' : ''}${(await page.locator('#timeline .u-legend .u-label').allTextContents()).join(' | ')}`;
  await cyEval(page, (cy) => { cy.$(':selected').unselect(); cy.getElementById('IP:66.216.133.29').select(); });
  await page.keyboard.press('e');
  await waitCy(page, (cy) => cy.getElementById('Host:trump1.contact-client.com').nonempty());
  await cyEval(page, (cy) => { cy.$(':selected').unselect(); cy.getElementById('Host:trump1.contact-client.com').select(); });
  await page.keyboard.press('e');
  await waitCy(page, (cy) => cy.edges('[type = "QUERIED"]').filter((e) => e.target().id() === 'Host:trump1.contact-client.com').length > 0);
  const expandedNodes = await cyEval(page, (cy) => cy.nodes().length);
  await page.waitForTimeout(300);
  await shot('01-expanded');

  // Who controls mail1.trump-email.com?
  await cyEval(page, (cy) => { cy.$(':selected').unselect(); cy.getElementById('Host:mail1.trump-email.com').select(); });
  await page.keyboard.press('w');
  await page.waitForSelector('#tab-control .party');
  const controlText = await page.textContent('#tab-control') ?? '';
  await page.waitForTimeout(200);
  await shot('02-who-controls');

  // A path from Alfa Bank to the Trump Organization: needs both on the canvas.
  await page.keyboard.press('Escape');
  for (const [text, id] of [['Alfa Bank', 'Organization:alfa-bank'], ['Trump Organization', 'Organization:trump-organization']]) {
    await page.fill('#search', text);
    await page.waitForSelector(`#suggestions li:has-text("${text}")`);
    await page.keyboard.press('Enter');
    await waitCy(page, (cy, i) => cy.getElementById(i).nonempty(), id);
  }
  await page.click('#cy', { position: { x: 5, y: 5 } }).catch(() => undefined);
  await cyEval(page, (cy) => { cy.$(':selected').unselect(); cy.getElementById('Organization:alfa-bank').select(); cy.getElementById('Organization:trump-organization').select(); });
  await page.keyboard.press('p');
  await page.waitForSelector('#p-out .caveat');
  const caveat = await page.textContent('#p-out .caveat') ?? '';
  await shot('03-path-caveat');

  // Time window up to 2016-09-23: the later lookups (of trump1.contact-client.com) disappear.
  await page.keyboard.press('Escape');
  await page.fill('#t-from', '2016-05-04');
  await page.dispatchEvent('#t-from', 'change');
  await page.fill('#t-to', '2016-09-23');
  await page.dispatchEvent('#t-to', 'change');
  // Lean lookup edges are counted in the event store: wait for the answer to be drawn.
  await page.evaluate(() => (window as unknown as { __windowSettled: () => Promise<void> }).__windowSettled());
  const windowHidden = await cyEval(page, (cy) => {
    const after = Date.parse('2016-09-24T00:00:00Z');
    const q = cy.edges('[type = "QUERIED"]');
    const late = q.filter((e) => Date.parse(e.data('firstSeen')) >= after);
    return {
      hiddenAfter: late.filter((e) => e.hasClass('out-of-window')).length,
      visibleAfter: late.filter((e) => !e.hasClass('out-of-window')).length,
      visibleBefore: q.filter((e) => !e.hasClass('out-of-window')).length,
    };
  });
  await shot('04-time-window');

  // A saved investigation runs and renders.
  await page.click('#tabs [data-tab="inv"]');
  await page.waitForSelector('#inv-list option[value="concentrated-resolvers"]', { state: 'attached' });
  await page.selectOption('#inv-list', 'concentrated-resolvers');
  await page.click('#inv-form button[type="submit"]');
  await page.waitForSelector('#inv-out table.result tbody tr, #inv-out .error');
  const investigationRows = await page.locator('#inv-out table.result tbody tr').count();
  await shot('05-investigation');

  // An edge's evidence panel lists its sources.
  await page.click('#t-clear');
  await cyEval(page, (cy) => {
    cy.$(':selected').unselect();
    cy.edges('[type = "RESOLVES_TO"]').filter((e) => e.source().id() === 'Host:mail1.trump-email.com').select();
  });
  await page.waitForSelector('#tab-details table.sources tbody tr');
  const evidenceRows = await page.locator('#tab-details table.sources tbody tr').count();
  const evidenceText = await page.textContent('#tab-details') ?? '';
  await shot('06-edge-evidence');

  // Hypotheses: the case comes from the cases query; a cell puts its evidence on the graph through
  // neighborhood() on the evidence key (no console needed).
  await page.click('#tabs [data-tab="ach"]');
  await page.waitForSelector('#tab-ach td.cell[data-ev$=":e-not-used-since-2010"]');
  const caseName = await page.textContent('#tab-ach p.muted') ?? '';
  await page.click('#tab-ach td.cell[data-ev$=":e-not-used-since-2010"] >> nth=0');
  await waitCy(page, (cy) => cy.nodes('[kind = "Evidence"]').length > 0);
  const achEvidence = { caseName, ...await cyEval(page, (cy) => ({
    evidenceOnCanvas: cy.nodes('[kind = "Evidence"]').length,
    aboutEdges: cy.edges('[type = "ABOUT"]').filter((e) => e.target().id() === 'Host:mail1.trump-email.com').length,
  })) };
  return { afterSearch, expandedNodes, timelineLegend, achEvidence, controlText, caveat, windowHidden, investigationRows, evidenceRows, evidenceText, shots };
}
