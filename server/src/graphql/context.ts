// Per-request context: the database, the caller's role, and DataLoaders created fresh for each
// request so batching never leaks data between callers.
import type { Database } from '../db/database.ts';
import type { Config, Role } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface GraphQLContext {
  db: Database;
  cfg: Config;
  log: Logger;
  role: Role;
  /** Per-request loaders, keyed by name; areas add theirs through `loaders.get`. */
  loaders: Map<string, unknown>;
}

/** Get or create a per-request loader. */
export function loader<T>(ctx: GraphQLContext, name: string, make: () => T): T {
  let l = ctx.loaders.get(name) as T | undefined;
  if (!l) { l = make(); ctx.loaders.set(name, l); }
  return l;
}
