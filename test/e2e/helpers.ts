/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Shared pieces of the browser tests: evaluate against the page's Cytoscape instance, wait for a
// condition on it (never a fixed sleep), and the geometry checks that keep panels off the graph.
import type { Page } from 'playwright-core';

type Cy = import('cytoscape').Core;

export const cyEval = <T>(page: Page, fn: (cy: Cy, arg: any) => T, arg?: unknown) =>
  page.evaluate(([src, a]) => new Function('cy', 'arg', `return (${src})(cy, arg)`)((window as any).__cy, a), [fn.toString(), arg] as const) as Promise<T>;

export const waitCy = (page: Page, fn: (cy: Cy, arg: any) => boolean, arg?: unknown, timeout = 60_000) =>
  page.waitForFunction(([src, a]) => new Function('cy', 'arg', `return (${src})(cy, arg)`)((window as any).__cy, a), [fn.toString(), arg] as const, { timeout });

export interface Box { x: number; y: number; width: number; height: number }

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The node's box on the page (canvas offset + rendered bounding box). */
export async function nodeBox(page: Page, id: string): Promise<Box> {
  return page.evaluate((nid) => {
    const cy = (window as any).__cy;
    const bb = cy.getElementById(nid).renderedBoundingBox({ includeLabels: true });
    const r = document.querySelector('#cy')!.getBoundingClientRect();
    return { x: r.x + bb.x1, y: r.y + bb.y1, width: bb.w, height: bb.h };
  }, id);
}

/** Boxes of the visible panels floating over the canvas (legend, filters, status, walk bar). */
export async function overlayBoxes(page: Page): Promise<{ id: string; box: Box }[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#canvas-wrap > :not(#cy)')]
    .filter((el) => el.offsetParent !== null && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0 && el.id !== 'empty-hint')
    .map((el) => { const r = el.getBoundingClientRect(); return { id: el.id, box: { x: r.x, y: r.y, width: r.width, height: r.height } }; }));
}

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
}
