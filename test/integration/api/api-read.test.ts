// The read side of the GraphQL API against the 2016 case (case files + synthetic name-server logs).
// Expected figures come from the case file (docs: FACTS.md) and, for lookups, from the raw CSV
// logs read independently here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startApi, gql, rawLookups, type ApiEnv } from './api-support.ts';
import { addInvestigationDir } from '../../../server/src/domain/investigations/investigation-library.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';

let env: ApiEnv;
let url: string;
beforeAll(async () => {
  addInvestigationDir(path.join(REPO_ROOT, 'test/fixtures/investigations'));
  env = await startApi();
  url = env.server.url;
});
afterAll(() => env?.close());

const ok = async (q: string, v: Record<string, unknown> = {}) => {
  const r = await gql(url, q, v);
  expect(r.errors).toBeUndefined();
  return r.data!;
};
const code = async (q: string, v: Record<string, unknown> = {}) => (await gql(url, q, v)).errors?.[0]?.extensions.code;

const CONTROL = `query($name: String!, $at: DateTime) { whoControls(name: $name, at: $at) {
  subject { key kind }
  controllers { role party { key name } confidence score
    path { confidence nodes { key } edges { id type sources { key confidence ref source { key sourceKind } } } } } } }`;

describe('whoControls', () => {
  it('names the registrant, the administrator and the operator of the address, each with sources', async () => {
    const d = await ok(CONTROL, { name: 'mail1.trump-email.com' });
    const c = d.whoControls.controllers as any[];
    const find = (role: string, key: string) => c.find((x) => x.role === role && x.party.key === key);
    const reg = find('REGISTRANT', 'trump-organization');
    expect(reg.party.name).toBe('Trump Organization');
    expect(reg.path.nodes.map((n: any) => n.key)).toEqual(['mail1.trump-email.com', 'trump-email.com', 'trump-organization']);
    expect(reg.path.edges.map((e: any) => e.type)).toEqual(['SUBDOMAIN_OF', 'REGISTERED_BY']);
    expect(reg.path.edges[1].sources).toEqual([{ key: 'doc:erratasec-2016', confidence: 90, ref: 'case.yaml:365 (WHOIS as reported)', source: { key: 'doc:erratasec-2016', sourceKind: 'report' } }]);
    expect(reg.confidence).toBe(90);
    expect(reg.score).toBe(0.9);
    const adm = find('ADMINISTRATOR', 'cendyn');
    expect(adm.path.edges[1].sources.map((s: any) => s.key)).toEqual(['doc:erratasec-2016']);
    const host = find('HOSTING_OPERATOR', 'listrak');
    expect(host.path.nodes.map((n: any) => n.key)).toEqual(['mail1.trump-email.com', '66.216.133.29', 'listrak']);
    expect(host.path.edges[0].sources.map((s: any) => s.ref)).toEqual(['case.yaml:416']);
    expect(host.path.edges[1].sources.map((s: any) => s.key)).toEqual(['doc:erratasec-2016', 'doc:cnn-2017']);
    expect(find('DNS_OPERATOR', 'cendyn').path.nodes.map((n: any) => n.key)).toEqual(['mail1.trump-email.com', 'trump-email.com', 'ns1.cdcservices.com', 'cdcservices.com', 'cendyn']);
    expect(find('CONTRACTED_OPERATOR', 'listrak').path.edges.map((e: any) => e.type)).toEqual(['SUBDOMAIN_OF', 'ADMINISTERED_BY', 'OUTSOURCES_TO']);
    // Ranked: registrant (1.0 × 90) first.
    expect(c[0].role).toBe('REGISTRANT');
    const scores = c.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('respects `at`: after 2016-09-23 the address no longer counts, after 2016 the 2009–2016 administration neither', async () => {
    const roles = async (at: string) => ((await ok(CONTROL, { name: 'mail1.trump-email.com', at })).whoControls.controllers as any[])
      .map((x) => `${x.role}:${x.party.key}`);
    // "2009–2016" is stated with year precision: it holds through the end of 2016.
    const oct = await roles('2016-10-01T00:00:00Z');
    expect(oct).toContain('REGISTRANT:trump-organization');
    expect(oct).toContain('DNS_OPERATOR:cendyn');
    expect(oct).not.toContain('HOSTING_OPERATOR:listrak');
    expect(oct).toContain('ADMINISTRATOR:cendyn');
    const feb = await roles('2017-02-01T00:00:00Z');
    expect(feb).toContain('REGISTRANT:trump-organization');
    expect(feb).not.toContain('ADMINISTRATOR:cendyn');
  });

  it('answers for an address and rejects other kinds and unknown names', async () => {
    const d = await ok(CONTROL, { name: '66.216.133.29' });
    expect(d.whoControls.controllers.map((x: any) => `${x.role}:${x.party.key}`)).toEqual(['HOSTING_OPERATOR:listrak']);
    expect(await code(CONTROL, { name: 'listrak' })).toBe('BAD_USER_INPUT');
    expect(await code(CONTROL, { name: 'nothing.example' })).toBe('NOT_FOUND');
  });
});

describe('entities', () => {
  it('looks up an entity by key with its kind-specific fields', async () => {
    const d = await ok('{ entity(key: "trump-organization") { __typename key name ... on Organization { city country } } ip: entity(key: "66.216.133.29") { __typename key } none: entity(key: "x.invalid") { key } }');
    expect(d.entity).toMatchObject({ __typename: 'Organization', key: 'trump-organization', name: 'Trump Organization' });
    expect(d.ip).toEqual({ __typename: 'IP', key: '66.216.133.29' });
    expect(d.none).toBeNull();
  });

  it('tells a Domain from a Host with the same key by `kind`', async () => {
    // The bundled case has only the Domain; a Host with the apex name (an A record on the apex) is
    // what real DNS data adds. Removed again so the other tests see the case as loaded.
    await env.db.write("CREATE (:Host {key: 'trump-email.com', name: 'trump-email.com'})", {}, { caller: 'test' });
    const q = '{ any: entity(key: "trump-email.com") { __typename key } d: entity(key: "trump-email.com", kind: Domain) { __typename key } h: entity(key: "trump-email.com", kind: Host) { __typename key } none: entity(key: "trump-email.com", kind: IP) { key } }';
    const d = await ok(q);
    expect(d.any).toEqual({ __typename: 'Domain', key: 'trump-email.com' });
    expect(d.d).toEqual({ __typename: 'Domain', key: 'trump-email.com' });
    expect(d.h).toEqual({ __typename: 'Host', key: 'trump-email.com' });
    expect(d.none).toBeNull();
    await env.db.write("MATCH (h:Host {key: 'trump-email.com'}) DELETE h", {}, { caller: 'test' });
    expect(await code('query($k: NodeKind) { entity(key: "trump-email.com", kind: $k) { key } }', { k: 'Case' })).toBe('BAD_USER_INPUT');
  });

  it('gives cited documents their date, publisher and title', async () => {
    const d = await ok('{ a: entity(key: "doc:erratasec-2016") { ... on Source { title publisher date datePrecision } } b: entity(key: "doc:guardian-2016") { ... on Source { title publisher date datePrecision } } }');
    expect(d.a).toEqual({ title: 'Debunking Trump\'s "secret server"', publisher: 'Errata Security (Graham)', date: '2016-11-01T00:00:00.000Z', datePrecision: 'month' });
    expect(d.b).toEqual({ title: 'The Guardian, 2016-10-31', publisher: 'The Guardian (theguardian.com)', date: '2016-10-31T00:00:00.000Z', datePrecision: 'day' });
  });

  it('expands an analysis record: evidence → the claims it refers to → their subject', async () => {
    const N = 'query($d: Int) { neighborhood(key: "evidence:2016-mail1-trump-email:e-not-used-since-2010", depth: $d) { root { key kind } nodes { key kind } edges { type from { key } to { key } } truncated } }';
    const one = (await ok(N, { d: 1 })).neighborhood;
    expect(one.root).toEqual({ key: 'evidence:2016-mail1-trump-email:e-not-used-since-2010', kind: 'Evidence' });
    const claims = ['claim:2016-mail1-trump-email:c-in-use-campaign', 'claim:2016-mail1-trump-email:c-in-use-cnn', 'claim:2016-mail1-trump-email:c-in-use-slate'];
    expect(one.nodes.map((n: any) => n.key).sort()).toEqual([...claims, 'evidence:2016-mail1-trump-email:e-not-used-since-2010']);
    expect(one.edges.map((e: any) => e.type)).toEqual(['REFERS_TO', 'REFERS_TO', 'REFERS_TO']);
    const two = (await ok(N, { d: 2 })).neighborhood;
    expect(two.nodes.map((n: any) => n.key).sort()).toEqual([...claims, 'evidence:2016-mail1-trump-email:e-not-used-since-2010', 'mail1.trump-email.com']);
    expect(two.edges.filter((e: any) => e.type === 'ABOUT').map((e: any) => `${e.from.key}>${e.to.key}`).sort()).toEqual(claims.map((c) => `${c}>mail1.trump-email.com`));
    expect(two.edges).toHaveLength(6);
    expect(two.truncated).toBe(false);
    expect(await code('{ neighborhood(key: "evidence:2016-mail1-trump-email:nothing") { truncated } }')).toBe('NOT_FOUND');
  });

  it('searches with prefixes, fuzziness, kinds, address prefixes and cursor pages', async () => {
    const S = 'query($t: String!, $k: [NodeKind!], $f: Int, $a: String) { search(text: $t, kinds: $k, first: $f, after: $a) { edges { cursor node { key kind } } pageInfo { hasNextPage endCursor } } }';
    const exact = await ok(S, { t: 'mail1.trump-email.com' });
    expect(exact.search.edges[0].node.key).toBe('mail1.trump-email.com');
    const fuzzy = await ok(S, { t: 'Cendin', k: ['Organization'] });
    expect(fuzzy.search.edges.map((e: any) => e.node.key)).toEqual(['cendyn']);
    const prefix = await ok(S, { t: 'Listr' });
    expect(prefix.search.edges.map((e: any) => e.node.key)).toContain('listrak');
    const ips = await ok(S, { t: '66.216.133.', k: ['IP'], f: 10 });
    expect(ips.search.edges.map((e: any) => e.node.key).sort()).toEqual(['66.216.133.19', '66.216.133.24', '66.216.133.26', '66.216.133.29', '66.216.133.33']);
    const p1 = await ok(S, { t: '66.216.133.', k: ['IP'], f: 2 });
    expect(p1.search.pageInfo.hasNextPage).toBe(true);
    const p2 = await ok(S, { t: '66.216.133.', k: ['IP'], f: 10, a: p1.search.pageInfo.endCursor });
    expect(p2.search.edges).toHaveLength(3);
    expect(p2.search.pageInfo.hasNextPage).toBe(false);
    // Lucene syntax in user text is escaped, not interpreted.
    expect((await gql(url, S, { t: 'trump AND (OR "*' })).errors).toBeUndefined();
    expect(await code(S, { t: 'x', k: ['Planet'] })).toBe('BAD_USER_INPUT');
  });

  it('returns a neighbourhood and flags truncation', async () => {
    const N = 'query($l: Int, $t: [RelType!]) { neighborhood(key: "mail1.trump-email.com", depth: 1, limit: $l, relationTypes: $t) { nodes { key } edges { type family } truncated } }';
    const full = await ok(N, { l: 200 });
    // The domain, the address (RESOLVES_TO and PTR), and the eight addresses that looked it up.
    expect(full.neighborhood.nodes).toHaveLength(11);
    expect(full.neighborhood.edges).toHaveLength(11);
    expect(full.neighborhood.edges.filter((e: any) => e.type === 'QUERIED').every((e: any) => e.family === 'LOOKUP')).toBe(true);
    expect(full.neighborhood.truncated).toBe(false);
    const cut = await ok(N, { l: 5 });
    expect(cut.neighborhood.nodes).toHaveLength(5);
    expect(cut.neighborhood.truncated).toBe(true);
    const dns = await ok(N, { l: 200, t: ['SUBDOMAIN_OF', 'RESOLVES_TO'] });
    expect(dns.neighborhood.nodes.map((n: any) => n.key).sort()).toEqual(['66.216.133.29', 'mail1.trump-email.com', 'trump-email.com']);
    expect(await code(N.replace('depth: 1', 'depth: 4'), { l: 5 })).toBe('BAD_USER_INPUT');
    expect(await code(N, { l: 5, t: ['LIKES'] })).toBe('BAD_USER_INPUT');
  });

  it('explains an edge by its sources', async () => {
    const d = await ok(CONTROL, { name: 'mail1.trump-email.com' });
    const reg = (d.whoControls.controllers as any[]).find((x) => x.role === 'REGISTRANT');
    const id = reg.path.edges[1].id;
    const e = await ok('query($id: ID!) { evidence(relationshipId: $id) { edge { type from { key } to { key } validFrom validTo } sources { key confidence ref count validFrom source { title } } } }', { id });
    expect(e.evidence.edge).toEqual({ type: 'REGISTERED_BY', from: { key: 'trump-email.com' }, to: { key: 'trump-organization' }, validFrom: '2009-01-01T00:00:00.000Z', validTo: null });
    expect(e.evidence.sources).toHaveLength(1);
    expect(e.evidence.sources[0]).toMatchObject({ key: 'doc:erratasec-2016', confidence: 90, ref: 'case.yaml:365 (WHOIS as reported)' });
    expect(e.evidence.sources[0].source.title).toBe('Debunking Trump\'s "secret server"');
    expect(await code('{ evidence(relationshipId: "5:00000000-0000-0000-0000-000000000000:999999") { edge { id } } }')).toBe('NOT_FOUND');
  });

  it('lists cohosted names and prefix neighbours', async () => {
    const d = await ok('{ cohosted(key: "mail1.trump-email.com") { address { key } hosts { key } prefixNeighbours { prefix { key } address { key } hosts { key } } } }');
    expect(d.cohosted).toHaveLength(1);
    expect(d.cohosted[0].address.key).toBe('66.216.133.29');
    expect(d.cohosted[0].hosts.map((h: any) => h.key).sort()).toEqual(['mail1.trump-email.com', 'trump1.contact-client.com']);
    const nb = d.cohosted[0].prefixNeighbours.map((x: any) => `${x.prefix.key} ${x.address.key} ${x.hosts.map((h: any) => h.key).join(',')}`).sort();
    expect(nb).toEqual([
      '66.216.133.0/24 66.216.133.19 ',
      '66.216.133.0/24 66.216.133.24 mail1.grand-harbor-hotels-email.example',
      '66.216.133.0/24 66.216.133.26 mail1.sample-resort-email.example',
      '66.216.133.0/24 66.216.133.33 news.demo-cruise-email.example',
    ]);
  });
});

describe('paths', () => {
  const P = 'query($w: WindowInput, $t: [RelType!], $k: Int) { paths(from: "alfa-bank", to: "trump-organization", maxHops: 6, k: $k, window: $w, relationTypes: $t) { length confidence dnsOnly lookupBased caveat nodes { key } edges { type family } } }';

  it('finds Alfa Bank → Trump Organization only through lookups, with the caveat', async () => {
    const d = await ok(P, { k: 3 });
    expect(d.paths.length).toBe(3);
    const first = d.paths[0];
    expect(first.length).toBe(4);
    expect(first.edges.map((e: any) => e.type)).toEqual(['OPERATES', 'QUERIED', 'SUBDOMAIN_OF', 'REGISTERED_BY']);
    expect(first.nodes.map((n: any) => n.key).slice(2)).toEqual(['mail1.trump-email.com', 'trump-email.com', 'trump-organization']);
    expect(first.confidence).toBe(40);
    for (const p of d.paths) {
      expect(p.dnsOnly).toBe(true);
      expect(p.lookupBased).toBe(true);
      expect(p.caveat).toContain('looked up mail1.trump-email.com');
      expect(p.caveat).toContain('not evidence that the two parties communicated');
    }
    expect(d.paths.map((p: any) => p.length)).toEqual([4, 4, 5]);
  });

  it('finds nothing without lookups, and respects STRICT versus LOOSE windows', async () => {
    const noLookups = await ok(P, { k: 3, t: ['OPERATES', 'SUBDOMAIN_OF', 'REGISTERED_BY', 'RESOLVES_TO', 'PTR', 'CONTROLS', 'ADMINISTERED_BY', 'CLIENT_OF', 'OUTSOURCES_TO'] });
    expect(noLookups.paths).toEqual([]);
    const w = { from: '2016-05-01T00:00:00Z', to: '2016-10-01T00:00:00Z' };
    const loose = await ok(P, { k: 1, w: { ...w, mode: 'LOOSE' } });
    expect(loose.paths[0].length).toBe(4);
    // STRICT: the registration (2009–, open) and the 2009–2016 contracts do not lie inside the window.
    const strict = await ok(P, { k: 1, w: { ...w, mode: 'STRICT' } });
    expect(strict.paths).toEqual([]);
    expect(await code(P.replace('maxHops: 6', 'maxHops: 9'), { k: 1 })).toBe('BAD_USER_INPUT');
  });
});

describe('lookups', () => {
  const raw = rawLookups();
  const mail1 = raw.filter((r) => r.host === 'mail1.trump-email.com');

  it('counts queriers by organization: Alfa Bank 2,820 of 3,550', async () => {
    const d = await ok('{ queriers(host: "mail1.trump-email.com", groupBy: ORGANIZATION) { total edges { node { key count share addresses entity { name } } } } }');
    expect(d.queriers.total).toBe(3550);
    expect(mail1.length).toBe(3550);
    const g = d.queriers.edges.map((e: any) => e.node);
    expect(g[0]).toEqual({ key: 'alfa-bank', count: 2820, share: 2820 / 3550, addresses: ['217.12.96.15', '217.12.97.15'], entity: { name: 'Alfa Bank' } });
    expect(g[1]).toMatchObject({ key: 'spectrum-health', count: 714 });
    expect(g.map((x: any) => x.key).sort()).toEqual(['alfa-bank', 'heartland-payment-systems', 'spectrum-health', 'unattributed']);
    expect(g.find((x: any) => x.key === 'unattributed').addresses).toEqual(['192.0.2.53', '198.51.100.53', '203.0.113.53', '217.12.97.137']);
  });

  it('counts by address inside a window from the event store, and pages', async () => {
    const from = Date.parse('2016-07-01T00:00:00Z'), to = Date.parse('2016-08-01T00:00:00Z');
    const want = new Map<string, number>();
    for (const r of mail1) if (r.ms >= from && r.ms < to) want.set(r.ip, (want.get(r.ip) ?? 0) + 1);
    const Q = 'query($a: String) { queriers(host: "mail1.trump-email.com", groupBy: IP, window: {from: "2016-07-01T00:00:00Z", to: "2016-08-01T00:00:00Z"}, first: 2, after: $a) { total edges { cursor node { key count } } pageInfo { hasNextPage endCursor } } }';
    const got = new Map<string, number>();
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const d: any = await ok(Q, { a: after });
      for (const e of d.queriers.edges) got.set(e.node.key, e.node.count);
      expect(d.queriers.total).toBe([...want.values()].reduce((a, b) => a + b, 0));
      if (!d.queriers.pageInfo.hasNextPage) break;
      after = d.queriers.pageInfo.endCursor;
    }
    expect(got).toEqual(want);
  });

  it("counts lean lookup edges inside a window from the event store (the canvas's time window)", async () => {
    const edges = await env.db.read(
      `MATCH (ip:IP)-[q:QUERIED]->(:Host {key: 'mail1.trump-email.com'}) RETURN elementId(q) AS id, ip.key AS ip, q.count AS count, q.buckets AS buckets`,
      {}, { caller: 'test' });
    // The demo case is imported as the product imports by default: no histogram on the edges.
    expect(edges.length).toBeGreaterThan(3);
    expect(edges.every((e) => e.buckets == null)).toBe(true);
    const other = (await env.db.read(`MATCH ()-[r:SUBDOMAIN_OF]->() RETURN elementId(r) AS id LIMIT 1`, {}, { caller: 'test' }))[0].id;
    const ids = [...edges.map((e) => String(e.id)), String(other)];
    const W = 'query($ids: [ID!]!, $w: WindowInput) { lookupWindowCounts(edgeIds: $ids, window: $w) { edgeId count } }';
    const from = Date.parse('2016-07-01T00:00:00Z'), to = Date.parse('2016-08-01T00:00:00Z');
    const inJuly = new Map<string, number>();
    for (const r of mail1) if (r.ms >= from && r.ms < to) inJuly.set(r.ip, (inJuly.get(r.ip) ?? 0) + 1);
    const july = await ok(W, { ids, w: { from: '2016-07-01T00:00:00Z', to: '2016-08-01T00:00:00Z' } });
    const whole = await ok(W, { ids });
    const byId = (rows: { edgeId: string; count: number }[]) => new Map(rows.map((r) => [r.edgeId, r.count]));
    const j = byId(july.lookupWindowCounts), a = byId(whole.lookupWindowCounts);
    // The SUBDOMAIN_OF edge is not a lookup edge: left out.
    expect(j.size).toBe(edges.length);
    for (const e of edges) {
      expect(j.get(String(e.id))).toBe(inJuly.get(String(e.ip)) ?? 0);
      expect(a.get(String(e.id))).toBe(Number(e.count));
    }
    // Open ends as the canvas sends them: the first and last instants a DateTime holds.
    const before = await ok(W, { ids, w: { from: '0001-01-01T00:00:00.000Z', to: '2016-08-01T00:00:00Z' } });
    const untilAug = new Map<string, number>();
    for (const r of mail1) if (r.ms < to) untilAug.set(r.ip, (untilAug.get(r.ip) ?? 0) + 1);
    for (const x of before.lookupWindowCounts) expect(x.count).toBe(untilAug.get(String(edges.find((e) => String(e.id) === x.edgeId)!.ip)) ?? 0);
    expect(await code(W, { ids: Array.from({ length: 10_001 }, (_, i) => `x${i}`) })).toBe('LIMIT_EXCEEDED');
    expect(await code(W, { ids, w: { from: '2016-08-01T00:00:00Z', to: '2016-07-01T00:00:00Z' } })).toBe('BAD_USER_INPUT');
  });

  it('builds daily timelines in Moscow and New York time from the raw lookups', async () => {
    // 2016: Moscow is UTC+3 all year; New York is UTC−4 from March to November.
    const expected = (offsetH: number) => {
      const m = new Map<string, number>();
      for (const r of mail1) { const d = new Date(r.ms + offsetH * 3_600_000).toISOString().slice(0, 10); m.set(d, (m.get(d) ?? 0) + 1); }
      // Every day from the first to the last with lookups is listed; days without any count 0.
      const days = [...m.keys()].sort();
      const out: { start: string; count: number }[] = [];
      for (let d = days[0]; d <= days[days.length - 1]; d = new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10)) out.push({ start: d, count: m.get(d) ?? 0 });
      expect(out.some((x) => x.count === 0)).toBe(true);
      return out;
    };
    const T = 'query($z: String!) { timeline(host: "mail1.trump-email.com", bucket: DAY, timeZone: $z) { start count group } }';
    const msk = await ok(T, { z: 'Europe/Moscow' });
    const ny = await ok(T, { z: 'America/New_York' });
    expect(msk.timeline.map((b: any) => ({ start: b.start, count: b.count }))).toEqual(expected(3));
    expect(ny.timeline.map((b: any) => ({ start: b.start, count: b.count }))).toEqual(expected(-4));
    const hour = await ok('{ a: timeline(host: "mail1.trump-email.com", bucket: HOUR, timeZone: "America/New_York") { start startUtc } b: timeline(host: "mail1.trump-email.com", bucket: HOUR, timeZone: "Europe/Moscow") { start startUtc } }');
    // The first lookup was at 2016-05-04T13:05:15Z.
    expect(hour.a[0]).toEqual({ start: '2016-05-04T09:00', startUtc: '2016-05-04T13:00:00.000Z' });
    expect(hour.b[0]).toEqual({ start: '2016-05-04T16:00', startUtc: '2016-05-04T13:00:00.000Z' });
    expect(await code('{ timeline(host: "mail1.trump-email.com", timeZone: "Mars/Olympus") { start } }')).toBe('BAD_USER_INPUT');
  });

  it('names the timeline groups: Alfa Bank 2,820 lookups of mail1 by organization', async () => {
    const d = await ok('{ timeline(host: "mail1.trump-email.com", bucket: WEEK, groupBy: ORGANIZATION) { group groupName count } }');
    const sums = new Map<string, number>();
    for (const b of d.timeline as any[]) sums.set(`${b.group}|${b.groupName}`, (sums.get(`${b.group}|${b.groupName}`) ?? 0) + b.count);
    expect(sums.get('alfa-bank|Alfa Bank')).toBe(2820);
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(3550);
  });

  it('profiles office hours by local weekday and hour', async () => {
    const d = await ok('{ officeHours(host: "mail1.trump-email.com", groupBy: ORGANIZATION, timeZone: "Europe/Moscow") { group total byWeekdayHour } }');
    const alfa = d.officeHours.find((o: any) => o.group === 'alfa-bank');
    const want = Array.from({ length: 7 }, () => new Array(24).fill(0));
    for (const r of mail1) {
      if (r.ip !== '217.12.96.15' && r.ip !== '217.12.97.15') continue;
      const t = new Date(r.ms + 3 * 3_600_000);
      want[(t.getUTCDay() + 6) % 7][t.getUTCHours()] += 1;
    }
    expect(alfa.total).toBe(2820);
    expect(alfa.byWeekdayHour).toEqual(want);
  });

  it('lists first lookups of trump1.contact-client.com: Alfa Bank first on 2016-09-27', async () => {
    const d = await ok('{ firstLookups(host: "trump1.contact-client.com", limit: 3) { ip firstSeen count organization { key } } }');
    expect(d.firstLookups).toEqual([
      { ip: '217.12.96.15', firstSeen: '2016-09-27T07:43:43.000Z', count: 3, organization: { key: 'alfa-bank' } },
      { ip: '217.12.97.15', firstSeen: '2016-09-27T07:44:21.000Z', count: 2, organization: { key: 'alfa-bank' } },
      { ip: '198.51.100.53', firstSeen: '2016-10-03T18:26:15.000Z', count: 1, organization: null },
    ]);
  });
});

describe('analysis', () => {
  it('shows conflicting claims side by side', async () => {
    const d = await ok('{ claims(key: "trump1.contact-client.com") { attribute conflicting values claims { value confidence source { key } } } }');
    const created = d.claims.find((c: any) => c.attribute === 'createdBy');
    expect(created.conflicting).toBe(true);
    expect(created.values.sort()).toEqual(['Cendyn', 'Trump Organization']);
    expect(created.claims.map((c: any) => c.source.key).sort()).toEqual(['doc:ljean-cendynbank', 'doc:slate-2016']);
    expect(d.claims.find((c: any) => c.attribute === 'firstQuerier').conflicting).toBe(false);
    const share = await ok('{ claims(key: "mail1.trump-email.com") { attribute conflicting values } }');
    expect(share.claims.find((c: any) => c.attribute === 'lookupShareAlfa')).toEqual({ attribute: 'lookupShareAlfa', conflicting: true, values: ['80', '87'] });
  });

  it('lists the loaded cases', async () => {
    const d = await ok('{ cases { key id title created } }');
    expect(d.cases).toEqual([
      { key: 'case:2016-mail1-trump-email', id: '2016-mail1-trump-email', title: 'The 2016 mail1.trump-email.com case', created: '2026-11-27T00:00:00.000Z' },
      { key: 'case:2016-mail1-trump-email-synthetic-baseline', id: '2016-mail1-trump-email-synthetic-baseline', title: 'SYNTHETIC baseline for the 2016 mail1.trump-email.com case (fictional sibling hosts)', created: '2026-11-27T00:00:00.000Z' },
    ]);
  });

  it('builds the competing-hypotheses matrix with scores, discriminating and missing evidence', async () => {
    const d = await ok('{ hypotheses(case: "2016-mail1-trump-email") { case { key } hypotheses { hypothesis { key } support inconsistency score rank } evidence { evidence { key } credibility missing discriminating links { hypothesis effect weight } } } }');
    const m = d.hypotheses;
    expect(m.case.key).toBe('case:2016-mail1-trump-email');
    expect(m.hypotheses).toHaveLength(4);
    const h = (id: string) => m.hypotheses.find((x: any) => x.hypothesis.key === `hypothesis:2016-mail1-trump-email:${id}`);
    // One computation: the same scores and ranks as `query hypothesis-matrix` and docs/case-2016.md
    // (score = weights for − weights against over present evidence).
    expect(h('h-stale-dns')).toMatchObject({ support: 10, inconsistency: 0, score: 10, rank: 1 });
    expect(h('h-marketing-spam')).toMatchObject({ support: 8, inconsistency: 4, score: 4, rank: 2 });
    expect(h('h-fabricated')).toMatchObject({ support: 3, inconsistency: 0, score: 3, rank: 3 });
    expect(h('h-covert-channel')).toMatchObject({ support: 11, inconsistency: 9, score: 2, rank: 4 });
    const missing = m.evidence.filter((e: any) => e.missing).map((e: any) => e.evidence.key.split(':').pop()).sort();
    expect(missing).toEqual(['m-cendyn-send-records', 'm-chain-of-custody', 'm-independent-passive-dns', 'm-other-resolvers', 'm-receiving-mail-logs', 'm-sibling-baseline']);
    const e = (id: string) => m.evidence.find((x: any) => x.evidence.key.endsWith(`:${id}`));
    // Discriminating: against some hypotheses and not all. e-sequence contradicts marketing only;
    // e-contract-ended contradicts none (it supports stale DNS), so it rules nothing out.
    expect(e('e-sequence').discriminating).toBe(true);
    expect(e('e-contract-ended').discriminating).toBe(false);
    expect(e('m-chain-of-custody').discriminating).toBe(false);
    expect(e('e-near-exclusive').credibility).toBe(0.85);
    expect(await code('{ hypotheses(case: "no-such-case") { case { key } } }')).toBe('NOT_FOUND');
  });
});

describe('investigations', () => {
  it('lists files with typed parameters and runs one as rows and graph', async () => {
    const d = await ok('{ investigations { name params { name type default required } } }');
    const fx = d.investigations.find((i: any) => i.name === 'fixture-lookups-of');
    expect(fx.params).toEqual([
      { name: 'host', type: 'String', default: null, required: true },
      { name: 'minCount', type: 'Integer', default: 1, required: false },
    ]);
    const r = await ok('{ runInvestigation(name: "fixture-lookups-of", params: {host: "mail1.trump-email.com", minCount: "700"}) { columns rows truncated nodes { key } edges { type } } }');
    expect(r.runInvestigation.columns).toEqual(['ip', 'lookups', 'p']);
    expect(r.runInvestigation.rows.map((x: any) => [x.ip, x.lookups])).toEqual([['217.12.96.15', 1411], ['217.12.97.15', 1409], ['167.73.110.8', 714]]);
    expect(r.runInvestigation.nodes.map((n: any) => n.key).sort()).toEqual(['167.73.110.8', '217.12.96.15', '217.12.97.15', 'mail1.trump-email.com']);
    expect(r.runInvestigation.edges).toHaveLength(3);
    expect(await code('{ runInvestigation(name: "fixture-lookups-of", params: {host: "x", minCount: "many"}) { columns } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ runInvestigation(name: "fixture-lookups-of", params: {hostname: "x"}) { columns } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ runInvestigation(name: "nope") { columns } }')).toBe('NOT_FOUND');
  });

  it('runs every investigation shipped in cypher/investigations with its defaults where possible', async () => {
    const d = await ok('{ investigations { name params { name type required } } }');
    for (const inv of d.investigations as any[]) {
      const params: Record<string, unknown> = {};
      for (const p of inv.params) if (p.required) params[p.name] = p.type === 'String' ? 'mail1.trump-email.com' : p.type === 'Integer' ? 1 : p.type === 'DateTime' ? '2016-09-23T00:00:00Z' : p.type.startsWith('List') ? [] : true;
      const r = await gql(url, 'query($n: String!, $p: JSON) { runInvestigation(name: $n, params: $p) { columns } }', { n: inv.name, p: params });
      expect(r.errors?.[0]?.extensions.code ?? 'OK', inv.name).not.toBe('INTERNAL');
    }
  });
});

describe('export', () => {
  const E = 'query($f: ExportFormat!) { export(selection: {keys: ["mail1.trump-email.com"], depth: 1, relationTypes: [SUBDOMAIN_OF, RESOLVES_TO]}, format: $f) { format mimeType content nodeCount edgeCount truncated } }';

  it('exports STIX 2.1 with provenance on the relationships', async () => {
    const d = await ok(E, { f: 'STIX21' });
    expect(d.export).toMatchObject({ nodeCount: 3, edgeCount: 2, truncated: false });
    const b = JSON.parse(d.export.content);
    expect(b.type).toBe('bundle');
    expect(b.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
    const ids = new Set(b.objects.map((o: any) => o.id));
    for (const o of b.objects) {
      expect(o.spec_version).toBe('2.1');
      expect(o.id.startsWith(`${o.type}--`)).toBe(true);
      expect(o.id).toMatch(/--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const types = b.objects.map((o: any) => o.type).sort();
    expect(types).toEqual(['domain-name', 'domain-name', 'ipv4-addr', 'relationship', 'relationship']);
    const rel = b.objects.find((o: any) => o.relationship_type === 'resolves-to');
    expect(ids.has(rel.source_ref) && ids.has(rel.target_ref)).toBe(true);
    expect(rel.confidence).toBe(90);
    expect(rel.start_time).toBe('2013-01-01T00:00:00.000Z');
    expect(rel.stop_time).toBe('2016-09-23T23:59:59.999Z');
    expect(rel.x_infragraph_sources).toEqual([expect.objectContaining({ key: 'doc:ljean-cendynbank', confidence: 90, ref: 'case.yaml:416' })]);
    const ip = b.objects.find((o: any) => o.type === 'ipv4-addr');
    expect(ip.value).toBe('66.216.133.29');
    expect(rel.target_ref).toBe(ip.id);
  });

  it('exports GraphML, Cytoscape JSON and CSV', async () => {
    const g = (await ok(E, { f: 'GRAPHML' })).export.content as string;
    expect(g).toContain('<graphml');
    expect(g).toContain('<node id="66.216.133.29">');
    expect(g.match(/<edge /g)).toHaveLength(2);
    const c = JSON.parse((await ok(E, { f: 'CYTOSCAPE_JSON' })).export.content);
    expect(c.elements.nodes).toHaveLength(3);
    expect(c.elements.edges.find((e: any) => e.data.type === 'RESOLVES_TO').data.sources[0].key).toBe('doc:ljean-cendynbank');
    const csv = ((await ok(E, { f: 'CSV' })).export.content as string).trim().split('\r\n');
    expect(csv[0]).toBe('from_key,from_kind,type,to_key,to_kind,confidence,validFrom,validTo,firstSeen,lastSeen,count,sources,source_refs');
    expect(csv.slice(1).sort()).toEqual([
      'mail1.trump-email.com,Host,RESOLVES_TO,66.216.133.29,IP,90,2013-01-01T00:00:00.000Z,2016-09-23T23:59:59.999Z,,,0,doc:ljean-cendynbank,case.yaml:416',
      'mail1.trump-email.com,Host,SUBDOMAIN_OF,trump-email.com,Domain,100,,,,,0,case:2016-mail1-trump-email:case.yaml;doc:case-editors,case.yaml;case.yaml:589',
    ]);
  });
});

describe('limits', () => {
  it('refuses too deep or too expensive queries with LIMIT_EXCEEDED', async () => {
    const deep = '{ whoControls(name: "mail1.trump-email.com") { controllers { path { edges { from { ... on Host { key } } sources { source { key } } } } } } }';
    expect((await gql(url, deep)).errors).toBeUndefined();
    let nested = 'key';
    for (let i = 0; i < 13; i++) nested = `__typename ... on Query { __typename ${i === 0 ? '' : ''} }`;
    const tooDeep = '{ neighborhood(key: "x") { root { ... on Host { key } } edges { from { ... on Host { key } } to { key } } } ' +
      'a: whoControls(name: "x") { controllers { path { edges { sources { source { properties } } from { key } } alternatives { edges { sources { source { key } } } } } } } }';
    expect((await gql(url, tooDeep)).errors?.[0]?.extensions.code).not.toBe('LIMIT_EXCEEDED');
    const fields = Array.from({ length: 3000 }, (_, i) => `a${i}: health { status database }`).join(' ');
    expect(await code(`{ ${fields} }`)).toBe('LIMIT_EXCEEDED');
    void nested;
  });
});
