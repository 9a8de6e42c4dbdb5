// What every browser test starts from: the built client served by the real server on the shared
// test Neo4j with the 2016 case loaded, and Debian's headless Chromium. Tests skip (with the reason
// on the console) where the client build or Chromium is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testDb, testConfig, resetDb } from '../support/db.ts';
import { createServer, type RunningServer } from '../../server/src/http/create-server.ts';
import { createLogger } from '../../server/src/logger.ts';
import { REPO_ROOT } from '../../server/src/config.ts';
import { loadDemoCase } from '../../server/src/domain/demo/load-demo-case.ts';
import { CHROMIUM, launchChromium } from '../../bench/ui/chromium.ts';

/** Why browser tests cannot run here, or '' when they can. */
export function browserSkipReason(what = 'browser tests'): string {
  const dist = path.join(REPO_ROOT, 'client/dist/index.html');
  const missing = !existsSync(dist) ? `${dist} is missing (npx vite build client)` : !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium)` : '';
  if (missing) console.warn(`${what} skipped: ${missing}`);
  return missing;
}

export interface CaseFixture {
  db: ReturnType<typeof testDb>;
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Reset the test database, load the case, serve it and launch Chromium. */
export async function startCaseFixture(env: Record<string, string> = {}): Promise<CaseFixture> {
  const db = testDb();
  await resetDb(db);
  const cfg = testConfig(env);
  await loadDemoCase(db, cfg);
  const server = await createServer(db, cfg, createLogger('silent'), 0);
  const browser = await launchChromium();
  return {
    db, server, browser,
    async close() {
      await browser.close();
      await server.close();
      await db.close();
    },
  };
}

/** Collect the page's console errors and uncaught exceptions into `errors`. */
export function recordPageErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
}
