// The executable schema: every area's SDL file (server/src/graphql/<area>/*.graphql) and its
// resolvers, merged. Areas register themselves in AREAS below.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { baseResolvers } from './base/base-resolvers.ts';
import { commonResolvers } from './common/common-resolvers.ts';
import { entitiesResolvers } from './entities/entities-resolvers.ts';
import { controlResolvers } from './control/control-resolvers.ts';
import { pathsResolvers } from './paths/paths-resolvers.ts';
import { lookupsResolvers } from './lookups/lookups-resolvers.ts';
import { analysisResolvers } from './analysis/analysis-resolvers.ts';
import { investigationsResolvers } from './investigations/investigations-resolvers.ts';
import { exportResolvers } from './export/export-resolvers.ts';
import { sqlResolvers } from './sql/sql-resolvers.ts';
import { NODE_KINDS, REL_TYPES } from '../model/index.ts';

type Resolvers = Record<string, Record<string, unknown>>;

// Each area exports resolvers; add new areas here.
const AREAS: Resolvers[] = [
  baseResolvers, commonResolvers, entitiesResolvers, controlResolvers, pathsResolvers, lookupsResolvers,
  analysisResolvers, investigationsResolvers, exportResolvers,
  sqlResolvers,
];

/** Enums generated from the model's allow-lists (server/src/model/), so the API can never drift from them. */
export function generatedTypeDefs(): string {
  return [
    '"Entity kinds (node labels), from NODE_KINDS."',
    `enum NodeKind {\n${NODE_KINDS.map((k) => `  "${k} nodes."\n  ${k}`).join('\n')}\n}`,
    '"Entity relationship types, from REL_TYPES (docs/model.md)."',
    `enum RelType {\n${REL_TYPES.map((t) => `  "${t} relationships."\n  ${t}`).join('\n')}\n}`,
  ].join('\n');
}

export function loadTypeDefs(dir = import.meta.dirname): string[] {
  const out: string[] = dir === import.meta.dirname ? [generatedTypeDefs()] : [];
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
