// Shared set-up of the API tests: the 2016 case loaded into the test Neo4j, a server on a free
// port, and a small GraphQL client that returns data and errors as they came.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { testDb, testConfig, resetDb } from '../../support/db.ts';
import { loadDemoCase, DEMO_CASE_DIR } from '../../../server/src/domain/demo/load-demo-case.ts';
import { createServer, type RunningServer } from '../../../server/src/http/create-server.ts';
import { createLogger } from '../../../server/src/logger.ts';
import { REPO_ROOT, type Config } from '../../../server/src/config.ts';
import type { Database } from '../../../server/src/db/database.ts';

export interface GqlResponse { status: number; data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] }

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as object) };
}

/** The `INFRAGRAPH_TOKENS` setting that gives each role its token. */
export function tokensSetting(tokens: Record<string, string>): string {
  return Object.entries(tokens).map(([role, t]) => `${role}:${t}`).join(',');
}

export interface ApiEnv { db: Database; cfg: Config; server: RunningServer; close(): Promise<void> }

export async function startApi(env: Record<string, string> = {}, load = true): Promise<ApiEnv> {
  const db = testDb();
  const cfg = testConfig({ PORT: '0', ...env });
  if (load) {
    await resetDb(db);
    await loadDemoCase(db, cfg);
  }
  const server = await createServer(db, cfg, createLogger('silent'), 0);
  return { db, cfg, server, async close() { await server.close(); await db.close(); } };
}

/** The synthetic name-server logs as (time ms, host, asking IP), read straight from the CSV files. */
export function rawLookups(): { ms: number; host: string; ip: string }[] {
  const dir = path.join(REPO_ROOT, DEMO_CASE_DIR, 'logs');
  const out: { ms: number; host: string; ip: string }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv'))) {
    const lines = readFileSync(path.join(dir, f), 'utf8').split('\n').slice(1);
    for (const l of lines) {
      if (!l.trim()) continue;
      const [ts, host, ip] = l.split(',');
      out.push({ ms: Date.parse(ts), host, ip: ip.trim() });
    }
  }
  return out;
}
