// HTTP: GraphQL at /graphql (Apollo Server on Express 5), a GET health endpoint, the bundled
// GraphQL IDE, and the client build with history-API fallback.
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Database } from '../db/database.ts';
import type { Config, Role } from '../config.ts';
import type { Logger } from '../logger.ts';
import { AppError, ErrorCode, isAppError, toAppError } from '../errors.ts';
import { loadTypeDefs, mergeResolvers } from '../graphql/schema.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { validationRules, complexityPlugin } from '../graphql/limits.ts';
import { budgetedDb } from '../graphql/request-budget.ts';
import { hostCheck } from './host-check.ts';
import { httpClientError } from './client-errors.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const JSON_LIMIT = '2mb';

/** One operation per request: a batch of 500 would slip past the per-request cost limit. */
function refuseBatches(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (Array.isArray(req.body)) {
    res.status(400).json({ errors: [{ message: 'Batched requests (a JSON array of operations) are not accepted: send one operation per request.', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    return;
  }
  next();
}

function roleFor(cfg: Config, authorization: string | undefined): Role {
  // No tokens configured: config.ts allows that only on loopback, for one investigator's machine.
  if (cfg.server.tokens.size === 0) return 'admin';
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  const role = m ? cfg.server.tokens.get(m[1].trim()) : undefined;
  if (!role) {
    // Thrown while building the context: Apollo answers with this error and its HTTP status.
    throw new GraphQLError('A valid bearer token is required (Authorization: Bearer <token>).', {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
  return role;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (isAppError(original)) {
    return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof formatted.message === 'string' && /exceeds maximum operation depth/.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.LIMIT_EXCEEDED } };
  }
  // Errors raised as GraphQLError with one of our codes (limits, authentication) keep it.
  if (typeof code === 'string' && code in ErrorCode && code !== ErrorCode.INTERNAL) {
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  }
  // GraphQL's own validation and parse errors keep their message under one code family.
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT') {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  // Apollo's HTTP-level refusals (CSRF prevention, a GET mutation, a missing query): the client's
  // mistake, with Apollo's reason, and the 400 Apollo already set.
  if (code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE' || code === 'BAD_REQUEST') {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  const app = toAppError(original);
  return { message: app.code === ErrorCode.INTERNAL ? 'Internal error' : app.message, locations: formatted.locations, path: formatted.path, extensions: { code: app.code } };
}

export async function createServer(db: Database, cfg: Config, log: Logger, port = cfg.server.port): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers: mergeResolvers() as never,
    formatError,
    validationRules: validationRules(),
    introspection: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), complexityPlugin<GraphQLContext>()],
  });
  await apollo.start();

  app.disable('x-powered-by');
  if (cfg.server.tokens.size === 0) app.use(hostCheck(cfg.server.host));
  app.get('/healthz', async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ok', database: { up: true } });
    } catch (e) {
      res.status(503).json({ status: 'degraded', database: { up: false, code: toAppError(e).code } });
    }
  });

  const ide = path.join(cfg.server.clientDist, 'graphiql.html');
  app.get('/graphql', (req, res, next) => {
    // A browser asking for /graphql gets the bundled IDE; GraphQL GET requests carry a query.
    if (req.query.query === undefined && req.accepts(['text/html', 'application/json']) === 'text/html' && existsSync(ide)) {
      res.sendFile(ide);
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: JSON_LIMIT }),
    refuseBatches,
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        db: budgetedDb(db, cfg.server.requestBudgetMs), cfg, log, role: roleFor(cfg, req.headers.authorization), loaders: new Map(),
      }),
    }),
  );

  if (existsSync(cfg.server.clientDist)) {
    app.use(express.static(cfg.server.clientDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!graphql|healthz).*/, (_req, res) => res.sendFile(path.join(cfg.server.clientDist, 'index.html')));
  }
  // Errors thrown while building the context (bad token) arrive here.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const client = httpClientError(err, JSON_LIMIT);
    if (client) {
      res.status(client.status).json({ errors: [{ message: client.message, extensions: { code: client.code } }] });
      return;
    }
    const e = toAppError(err);
    const status = e.code === ErrorCode.UNAUTHENTICATED ? 401 : e.code === ErrorCode.FORBIDDEN ? 403 : 500;
    res.status(status).json({ errors: [{ message: e.message, extensions: { code: e.code } }] });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, cfg.server.host, () => resolve());
  });
  const addr = httpServer.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const host = cfg.server.host.includes(':') ? `[${cfg.server.host}]` : cfg.server.host;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    async close() {
      await apollo.stop();
    },
  };
}
