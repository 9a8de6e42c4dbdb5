// A database that stops answering without refusing (a dropped VPN, a frozen host): the relay in
// front of the test Neo4j keeps every connection open and carries nothing. The server cannot end
// a transaction at its timeout for a client it no longer reaches, so without a deadline of the
// client's own a GraphQL request and a health check waited for the driver's receive timeout and
// then for a connection that never came (30 s + 20 s with the embedded server's keep-alive,
// 120 s + 20 s with Neo4j 5.26's defaults). They must give up after their own budget and say that
// the database did not answer: the message names the client's deadline, not the driver's timeouts.
// Writes are not given up on (a write might still commit, and a retry would write it twice).
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { Database } from '../../../server/src/db/database.ts';
import { budgetedDb } from '../../../server/src/graphql/request-budget.ts';
import { AppError, ErrorCode } from '../../../server/src/errors.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';

let proxy: TcpProxy;
let db: Database;

beforeAll(async () => {
  proxy = await startTcpProxy(Number(new URL(inject('neo4jUri')).port));
  db = new Database({ uri: `bolt://127.0.0.1:${proxy.port}`, user: 'neo4j', password: inject('neo4jPassword'), database: 'neo4j', txTimeoutMs: 60_000 });
  // A pooled connection first: the stalled request then waits on an open connection, the case
  // the server's own timeout cannot reach.
  await db.read('RETURN 1 AS one', {}, { caller: 'test' });
  proxy.stall();
});

afterAll(async () => {
  await proxy.close(); // resets the stalled connections, so the driver's waits end now
  await db.close();
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

it('a read under a time budget gives up after the budget and says the database did not answer', async () => {
  const e = await rejection(budgetedDb(db, 1000).read('RETURN 1 AS one', {}, { caller: 'graphql:test' }));
  // The client cannot tell a silent link from a slow answer: the budget ran out.
  expect(e.code).toBe(ErrorCode.QUERY_TIMEOUT);
  expect(e.message).toMatch(/did not answer within the request's time budget of 1000 ms \(graphql:test\)/);
}, 120_000);

it('the health check gives up after its own timeout', async () => {
  const e = await rejection(db.ping(500));
  expect(e.code).toBe(ErrorCode.DB_UNAVAILABLE);
  expect(e.message).toMatch(/did not answer within 1500 ms \(db:ping\)/);
}, 120_000);

it('the server information (the GraphQL version field) gives up too', async () => {
  const e = await rejection(db.serverInfo());
  expect(e.code).toBe(ErrorCode.DB_UNAVAILABLE);
  expect(e.message).toMatch(/did not answer within 10000 ms \(db:serverInfo\)/);
}, 120_000);
