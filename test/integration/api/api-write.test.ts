// The console, analysts' mutations and roles, against the 2016 case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, gql, tokensSetting, type ApiEnv } from './api-support.ts';

const TOKENS = { viewer: 'viewer-token-0123456789', analyst: 'analyst-token-0123456789', admin: 'admin-token-0123456789' };
let env: ApiEnv;
let url: string;
beforeAll(async () => {
  env = await startApi({ INFRAGRAPH_TOKENS: tokensSetting(TOKENS), INFRAGRAPH_CONSOLE_MAX_ROWS: '5' });
  url = env.server.url;
});
afterAll(() => env?.close());

const as = (role: keyof typeof TOKENS, q: string, v: Record<string, unknown> = {}) => gql(url, q, v, TOKENS[role]);
const C = 'query($q: String!, $p: JSON) { cypher(query: $q, params: $p) { columns rows truncated nodes { key } edges { type } } }';

describe('read-only console', () => {
  it('runs reads with params, extracts the graph and cuts at the row limit', async () => {
    const r = await as('analyst', C, { q: 'MATCH (o:Organization {key: $k})-[r:OPERATES]->(ip) RETURN o, r, ip ORDER BY ip.key', p: { k: 'alfa-bank' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.cypher.columns).toEqual(['o', 'r', 'ip']);
    expect(r.data!.cypher.rows).toHaveLength(3);
    expect(r.data!.cypher.nodes.map((n: any) => n.key).sort()).toEqual(['217.12.96.15', '217.12.97.15', 'alfa-bank', 'alfaintra.net']);
    expect(r.data!.cypher.edges.map((e: any) => e.type)).toEqual(['OPERATES', 'OPERATES', 'OPERATES']);
    const many = await as('analyst', C, { q: 'UNWIND range(1, 100) AS x RETURN x' });
    expect(many.data!.cypher.rows).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }, { x: 5 }]);
    expect(many.data!.cypher.truncated).toBe(true);
  });

  it.each([
    ['CREATE', "CREATE (:Host {key: 'evil.example'})"],
    ['MERGE', "MERGE (:Host {key: 'evil.example'})"],
    ['DELETE', 'MATCH (n:Host) DETACH DELETE n'],
    ['SET', "MATCH (n:Host) SET n.name = 'x'"],
    ['REMOVE', 'MATCH (n:Host) REMOVE n.name'],
    ['CALL dbms.*', 'CALL dbms.listConfig() YIELD name RETURN name'],
    ['db.create*', "CALL db.createLabel('X')"],
    ['fulltext create', "CALL db.index.fulltext.createNodeIndex('x', ['Host'], ['key'])"],
    ['LOAD CSV', "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"],
    ['IN TRANSACTIONS', 'UNWIND range(1,2) AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y'],
    ['apoc', "CALL apoc.create.node(['X'], {}) YIELD node RETURN node"],
    ['USE', 'USE system SHOW USERS'],
    ['lower-case write hidden after a comment', "MATCH (n) // harmless\ncreate (:X)"],
  ])('refuses %s with QUERY_REFUSED', async (_, q) => {
    const r = await as('analyst', C, { q });
    expect(r.errors?.[0]?.extensions.code).toBe('QUERY_REFUSED');
  });

  it('does not mistake keywords inside strings or property names for clauses, and nothing was written', async () => {
    const r = await as('analyst', C, { q: "MATCH (c:Claim) WHERE c.quote CONTAINS 'CREATE' OR c.value = 'SET' RETURN count(c) AS n" });
    expect(r.errors).toBeUndefined();
    expect(r.data!.cypher.rows).toEqual([{ n: 0 }]);
    const n = await env.db.read("MATCH (n) WHERE n.key = 'evil.example' OR n:X RETURN count(n) AS n", {}, { caller: 'test' });
    expect(n[0].n).toBe(0);
  });

  it('maps syntax errors to BAD_USER_INPUT and is closed to viewers', async () => {
    expect((await as('analyst', C, { q: 'MATCH (n RETURN n' })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await as('viewer', C, { q: 'RETURN 1' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('mutations', () => {
  it('adds a note recorded with its author as Source', async () => {
    const r = await as('analyst', 'mutation { addNote(key: "mail1.trump-email.com", text: "Check the SPF records of the /24.") { key text author about { key } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data!.addNote).toMatchObject({ text: 'Check the SPF records of the /24.', author: 'analyst:analyst', about: { key: 'mail1.trump-email.com' } });
    const rows = await env.db.read('MATCH (n:Note {key: $k})-[:CITES]->(s:Source) RETURN s.key AS s, s.kind AS kind', { k: r.data!.addNote.key }, { caller: 'test' });
    expect(rows).toEqual([{ s: 'analyst:analyst', kind: 'analyst' }]);
  });

  it('adds a claim that then conflicts with the case file', async () => {
    const r = await as('analyst', 'mutation { addClaim(subject: "66.216.133.29", attribute: "location", value: "Ashburn, VA", confidence: 30, quote: "test") { key attribute value confidence source { key sourceKind } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data!.addClaim).toMatchObject({ attribute: 'location', value: 'Ashburn, VA', confidence: 30, source: { key: 'analyst:analyst', sourceKind: 'analyst' } });
    const c = await as('viewer', '{ claims(key: "66.216.133.29") { attribute conflicting values } }');
    expect(c.data!.claims.find((g: any) => g.attribute === 'location').values.sort()).toEqual(['Ashburn, VA', 'Lititz, PA', 'Philadelphia (a data centre)']);
    const bad = await as('analyst', 'mutation { addClaim(subject: "66.216.133.29", attribute: "location", value: "x", confidence: 300) { key } }');
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('links evidence to a hypothesis and the matrix changes accordingly', async () => {
    const M = 'mutation($e: String!) { addEvidenceLink(evidence: $e, hypothesis: "hypothesis:2016-mail1-trump-email:h-fabricated", effect: contradicts, weight: 3, rationale: "Three name servers agree") { hypothesis effect weight author } }';
    const Q = '{ hypotheses(case: "case:2016-mail1-trump-email") { hypotheses { hypothesis { key } support inconsistency score } } }';
    const fabricated = async () => (await as('viewer', Q)).data!.hypotheses.hypotheses.find((h: any) => h.hypothesis.key.endsWith('h-fabricated'));
    const before = await fabricated();
    const r = await as('analyst', M, { e: 'evidence:2016-mail1-trump-email:e-removal-by-cendyn' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.addEvidenceLink).toEqual({ hypothesis: 'hypothesis:2016-mail1-trump-email:h-fabricated', effect: 'contradicts', weight: 3, author: 'analyst:analyst' });
    // One computation (cypher/investigations/hypothesis-matrix.cypher): score = Σ supporting weight −
    // Σ contradicting weight. A new contradicting link of weight 3 leaves support as it was and
    // moves inconsistency up and the score down by exactly 3.
    const fab = await fabricated();
    expect(fab).toMatchObject({ support: before.support, inconsistency: before.inconsistency + 3, score: before.score - 3 });
    expect((await as('analyst', M, { e: 'evidence:nope' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('roles', () => {
  it('needs a token once tokens are configured', async () => {
    const none = await gql(url, '{ health { status } }');
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await gql(url, '{ health { status } }', {}, 'not-a-token-at-all-000');
    expect(wrong.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets viewers read, analysts annotate and only admins reload investigations', async () => {
    expect((await as('viewer', '{ entity(key: "cendyn") { key } }')).data!.entity).toEqual({ key: 'cendyn' });
    expect((await as('viewer', 'mutation { addNote(key: "cendyn", text: "x") { key } }')).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await as('analyst', 'mutation { reloadInvestigations }')).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const admin = await as('admin', 'mutation { reloadInvestigations }');
    expect(admin.errors).toBeUndefined();
    expect(typeof admin.data!.reloadInvestigations).toBe('number');
    expect((await as('admin', C, { q: 'RETURN 1 AS one' })).data!.cypher.rows).toEqual([{ one: 1 }]);
  });
});
