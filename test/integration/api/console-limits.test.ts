// Issue 16, findings 2, 3 and 9 (console): the read-only console's guard follows Neo4j's own
// reading of the query, and its limits hold for one enormous row.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startApi, gql, type ApiEnv } from './api-support.ts';

let env: ApiEnv;
let url: string;
beforeAll(async () => {
  // A small byte limit so that the huge-row cases are refused quickly on a busy machine.
  env = await startApi({ INFRAGRAPH_CONSOLE_MAX_BYTES: '200000', INFRAGRAPH_CONSOLE_TIMEOUT_MS: '20000' }, false);
  url = env.server.url;
});
afterAll(() => env?.close());

const C = 'query($q: String!, $p: JSON) { cypher(query: $q, params: $p) { columns rows truncated } }';
const run = (q: string, p: Record<string, unknown> = {}) => gql(url, C, { q, p });

describe('console guard (finding 2)', () => {
  it.each([
    ['TERMINATE hidden by a /* inside a string', "SHOW TRANSACTIONS YIELD transactionId AS txId WHERE txId <> '/*' TERMINATE TRANSACTIONS txId YIELD message RETURN message, '*/'"],
    ['a clause after a URL literal', "RETURN 'http://example.com' AS u UNION SHOW TRANSACTIONS YIELD currentQuery AS u RETURN u"],
    ['TERMINATE on the line after a URL literal', "WITH 'http://x' AS u SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t YIELD message RETURN message"],
    ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS'],
    ['SHOW TRANSACTIONS with YIELD', 'SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN currentQuery, parameters'],
    ['SHOW SETTINGS', 'SHOW SETTINGS'],
    ['db.stats.collect', "CALL db.stats.collect('QUERIES')"],
    ['db.stats.stop', "CALL db.stats.stop('QUERIES')"],
    ['db.stats.clear', "CALL db.stats.clear('QUERIES')"],
    ['db.stats.retrieve', "CALL db.stats.retrieve('GRAPH COUNTS')"],
    ['dbms.components (quoted name)', 'CALL `dbms`.`components`()'],
    ['USE system', 'USE system SHOW USERS'],
  ])('refuses %s', async (_, q) => {
    const r = await run(q);
    expect(r.errors?.[0]?.extensions.code, JSON.stringify(r)).toBe('QUERY_REFUSED');
  });

  it('allows the schema procedures and keeps comment markers inside strings as text', async () => {
    const r = await run("CALL db.labels() YIELD label RETURN count(label) >= 0 AS ok, '/* not a comment */' AS s, 'http://x//y' AS u");
    expect(r.errors).toBeUndefined();
    expect(r.data!.cypher.rows).toEqual([{ ok: true, s: '/* not a comment */', u: 'http://x//y' }]);
    expect((await run('CALL db.schema.nodeTypeProperties() YIELD nodeType RETURN count(*) AS n')).errors).toBeUndefined();
  });
});

describe('console limits (finding 3)', () => {
  it('refuses a 3,000,000-element row without blocking the event loop', async () => {
    const slow: number[] = [];
    let stop = false;
    // Event-loop lag measured while the query runs: a timer that fires late means a blocked loop.
    const probe = (async () => {
      while (!stop) {
        const t = performance.now();
        await new Promise((r) => setTimeout(r, 20));
        slow.push(performance.now() - t - 20);
      }
    })();
    const r = await run('RETURN range(1, 3000000) AS xs');
    stop = true;
    await probe;
    // Refused by the byte limit, or by the time limit on a very busy machine: never answered.
    expect(['LIMIT_EXCEEDED', 'QUERY_TIMEOUT']).toContain(r.errors?.[0]?.extensions.code);
    // Decoding 3M integers on the main thread blocks it for seconds; in the worker it does not.
    // The bound is generous (machine load) but far below the blocking seen before the fix.
    expect(Math.max(...slow)).toBeLessThan(1500);
  }, 120_000);

  it('stops a list of 1 KB strings at the byte limit, with a clear error', async () => {
    const r = await run("WITH reduce(s = '', i IN range(1, 1024) | s + 'x') AS kb RETURN [i IN range(1, 300000) | kb] AS xs");
    expect(['LIMIT_EXCEEDED', 'QUERY_TIMEOUT']).toContain(r.errors?.[0]?.extensions.code);
  }, 120_000);

  // 400,000 distinct 1 KB strings collected: about 420 MB of the database's heap, under the
  // total for all transactions (70 % of the test server's 1 GiB) but over the per-transaction
  // limit the embedded launcher sets (a quarter of the heap). Before that limit this query held
  // 420 MB for as long as it ran and answered; now it ends at once with the memory error.
  it.skipIf(!inject('neo4jHome'))('ends a query that collects more than a quarter of the database heap with LIMIT_EXCEEDED', async () => {
    const r = await run("WITH reduce(s = '', i IN range(1, 1024) | s + 'x') AS kb UNWIND range(1, 400000) AS i WITH collect(kb + i) AS xs RETURN size(xs) AS n");
    expect(r.errors?.[0]?.extensions.code, JSON.stringify(r)).toBe('LIMIT_EXCEEDED');
    expect(r.errors?.[0]?.message).toMatch(/more memory than the database allows for one transaction/);
    // The database is fine afterwards.
    expect((await run('RETURN 1 AS one')).data?.cypher.rows).toEqual([{ one: 1 }]);
    // The limit that ended it (heap 1024 MiB in test/setup/neo4j-global.ts).
    const set = await env.db.read("SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value", {}, { caller: 'test' });
    expect(set).toEqual([{ value: '256.00MiB' }]);
  }, 120_000);

  it('cuts many small rows at the byte limit and says it truncated', async () => {
    const r = await run("UNWIND range(1, 900) AS i RETURN i, reduce(s = '', j IN range(1, 300) | s + 'y') AS s");
    expect(r.errors).toBeUndefined();
    expect(r.data!.cypher.truncated).toBe(true);
    expect(r.data!.cypher.rows.length).toBeGreaterThan(100);
    expect(r.data!.cypher.rows.length).toBeLessThan(900);
  });
});

describe('console values (finding 9)', () => {
  it('returns 1.0/0 as Infinity text, not null', async () => {
    const r = await run('RETURN 1.0/0 AS inf, -1.0/0 AS ninf, 0.0/0 AS nan, 1.5 AS x');
    expect(r.errors).toBeUndefined();
    expect(r.data!.cypher.rows).toEqual([{ inf: 'Infinity', ninf: '-Infinity', nan: 'NaN', x: 1.5 }]);
  });

  it('refuses datetime({year:300000}) as BAD_USER_INPUT, not INTERNAL', async () => {
    const r = await run('RETURN datetime({year: 300000}) AS d');
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/300000/);
  });
});
