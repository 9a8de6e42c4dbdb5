// The executable schema: every area's SDL file (server/src/graphql/<area>/*.graphql) and its
// resolvers, merged. Areas register themselves in AREAS below.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { baseResolvers } from './base/base-resolvers.ts';

type Resolvers = Record<string, Record<string, unknown>>;

// Each area exports resolvers; add new areas here.
const AREAS: Resolvers[] = [baseResolvers];

export function loadTypeDefs(dir = import.meta.dirname): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...loadTypeDefs(p));
    else if (name.endsWith('.graphql')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

export function mergeResolvers(list: Resolvers[] = AREAS): Resolvers {
  const out: Resolvers = {};
  for (const r of list) for (const [type, fields] of Object.entries(r)) out[type] = { ...(out[type] ?? {}), ...fields };
  return out;
}

export function registerArea(r: Resolvers): void {
  AREAS.push(r);
}
