// Issue 16, findings 4, 7 and 8: the cost of expensive resolvers, the Host check of open loopback
// mode, and HTTP-level client errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startApi, gql, type ApiEnv } from './api-support.ts';
import { loadConfig } from '../../../server/src/config.ts';

let env: ApiEnv;
let url: string;
let port: number;
beforeAll(async () => {
  env = await startApi({}, false);
  url = env.server.url;
  port = env.server.port;
});
afterAll(() => env?.close());

/** A raw request, so that the Host header is the one given (fetch does not allow setting it). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try { json = JSON.parse(text); } catch { json = { text }; }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const NOTE = JSON.stringify({ query: 'mutation { addNote(key: "nothing-here", text: "rebinding") { key } }' });
const codeOf = (r: { json: any }) => r.json?.errors?.[0]?.extensions?.code;

describe('query cost (finding 4)', () => {
  it('refuses 500 aliased paths(maxHops: 8, k: 10) before running any', async () => {
    const fields = Array.from({ length: 500 }, (_, i) => `p${i}: paths(from: "alfa-bank", to: "trump-organization", maxHops: 8, k: 10) { length }`).join('\n');
    const t0 = Date.now();
    const r = await gql(url, `{ ${fields} }`);
    expect(r.errors?.[0]?.extensions.code).toBe('LIMIT_EXCEEDED');
    expect(r.errors?.[0]?.message).toMatch(/cost \d+/);
    expect(r.data).toBeUndefined();
    // Nothing ran: an empty graph answers paths with NOT_FOUND, which would show here.
    expect(r.errors).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('still accepts one ordinary paths request', async () => {
    const r = await gql(url, '{ paths(from: "a-missing-key", to: "another-missing-key") { length } }');
    expect(r.errors?.[0]?.extensions.code).not.toBe('LIMIT_EXCEEDED');
  });

  it('bounds a request by its time budget', async () => {
    // The console's own limit is two minutes here: only the request's budget can end it sooner.
    const slow = await startApi({ INFRAGRAPH_REQUEST_BUDGET_MS: '1500', INFRAGRAPH_CONSOLE_TIMEOUT_MS: '120000' }, false);
    try {
      const t0 = Date.now();
      // Minutes of work: only a budget-clamped transaction timeout can end it early.
      const r = await gql(slow.server.url, 'query($q: String!) { cypher(query: $q) { rows } }', { q: 'UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n' });
      expect(r.errors?.[0]?.extensions.code).toBe('QUERY_TIMEOUT');
      expect(Date.now() - t0).toBeLessThan(60_000);
    } finally {
      await slow.close();
    }
  }, 200_000);
});

describe('open loopback mode (finding 7)', () => {
  it('refuses a Host that is not one of the addresses it serves (DNS rebinding)', async () => {
    const r = await raw('POST', '/graphql', { host: 'attacker.example', 'content-type': 'application/json' }, NOTE);
    expect(r.status).toBe(403);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(JSON.stringify(r.json)).toMatch(/Host/);
    const g = await raw('GET', '/healthz', { host: `attacker.example:${port}` });
    expect(g.status).toBe(403);
  });

  it.each(['localhost', '127.0.0.1', '[::1]'])('serves Host %s with and without the port', async (h) => {
    for (const host of [h, `${h}:${port}`]) {
      const r = await raw('POST', '/graphql', { host, 'content-type': 'application/json' }, JSON.stringify({ query: '{ cases { key } }' }));
      expect(r.status, host).toBe(200);
    }
  });

  it('makes a token listed for two roles a startup error', () => {
    expect(() => loadConfig({ INFRAGRAPH_TOKENS: 'viewer:same-token-0123456789,admin:same-token-0123456789' })).toThrow(/more than once/);
  });
});

describe('HTTP client errors (finding 8)', () => {
  const post = (body: string, headers: Record<string, string> = {}) => raw('POST', '/graphql', { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers }, body);

  it('answers bad JSON with 400 and a reason', async () => {
    const r = await post('{"query": ');
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.json.errors[0].message).toMatch(/JSON/);
  });

  it('answers a 3 MB body with 400 and the limit', async () => {
    const r = await post(JSON.stringify({ query: '{ cases { key } }', variables: { pad: 'x'.repeat(3_000_000) } }));
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('LIMIT_EXCEEDED');
    expect(r.json.errors[0].message).toMatch(/MB|bytes/);
  });

  it('answers a batched array with 400 and a reason', async () => {
    const r = await post(JSON.stringify([{ query: '{ cases { key } }' }, { query: '{ cases { key } }' }]));
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.json.errors[0].message).toMatch(/batch/i);
  });

  it('answers a GET without the CSRF header with 400 and a reason', async () => {
    const r = await raw('GET', '/graphql?query=%7Bcases%7Bkey%7D%7D', { host: `127.0.0.1:${port}` });
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.json.errors[0].message).toMatch(/CSRF|header/i);
  });
});
