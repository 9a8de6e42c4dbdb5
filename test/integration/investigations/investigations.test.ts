// Every saved investigation run against the bundled 2016 case, with answers worked out from
// case.yaml, synthetic-baseline.yaml and the committed synthetic logs (see case-logs.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, testConfig, resetDb } from '../../support/db.ts';
import { loadDemoCase } from '../../../server/src/domain/demo/load-demo-case.ts';
import { listInvestigationFiles as listInvestigations, runSavedInvestigation } from '../../../server/src/domain/investigations/investigation-library.ts';
import { REPO_ROOT } from '../../../server/src/config.ts';
import { eventStore } from '../../../server/src/events/event-store.ts';
import { readCaseLogs, local, bucketGaps, bucketOf, round1, type LogLine } from './case-logs.ts';

const db = testDb();
const logs: LogLine[] = readCaseLogs();
const MAIL1 = 'mail1.trump-email.com';
const ALFA = ['217.12.96.15', '217.12.97.15'];

beforeAll(async () => {
  await resetDb(db);
  await loadDemoCase(db, testConfig());
});
afterAll(() => db.close());

// Time-series investigations are SQL over the event store the case's import wrote.
const events = eventStore(testConfig());
const run = async (name: string, params: Record<string, unknown> = {}) =>
  (await runSavedInvestigation(db, REPO_ROOT, name, params, { maxRows: 1000, maxBytes: 50_000_000, timeoutMs: 60_000 }, events)).rows;

describe('the library', () => {
  it('holds at least 14 single-statement, read-only investigations with a summary', () => {
    const files = listInvestigations(REPO_ROOT, true);
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const f of files) {
      expect(f.mode, f.name).toBe('READ');
      expect(f.statements, f.name).toHaveLength(1);
      expect(f.summary.length, f.name).toBeGreaterThan(10);
      expect(f.statements[0], f.name).toMatch(/\bLIMIT\b/);
      expect(f.statements[0], f.name).not.toMatch(/\b(CREATE|MERGE|DELETE|SET|REMOVE)\b/);
    }
  });
});

describe('who controls a name', () => {
  it('lists registrant, administrator, controller, operator and the parties behind them', async () => {
    const rows = await run('who-controls', { name: MAIL1 });
    expect(rows.map((r) => [r.role, r.party, r.confidence])).toEqual([
      ['administrator', 'Cendyn', 90],
      ['behind operator of address', 'Cendyn', 90],
      ['controller', 'Cendyn', 90],
      ['operator of address', 'Listrak', 90],
      ['registrant', 'Trump Organization', 90],
      ['behind administrator', 'Trump Organization', 50],
      ['behind controller', 'Trump Organization', 50],
      ['behind name-server controller', 'Trump Organization', 50],
      ['behind operator of address', 'Trump Organization', 50],
      ['name-server controller', 'Cendyn', 50],
    ]);
    const behind = rows.find((r) => r.role === 'behind operator of address' && r.party === 'Trump Organization')!;
    expect(behind.chain).toBe('66.216.133.29 <-OPERATES- Listrak <-OUTSOURCES_TO- Cendyn <-CLIENT_OF- Trump Organization');
    expect(behind.sources).toEqual(['doc:erratasec-2016', 'doc:cnn-2017', 'doc:erratasec-2021', 'doc:americarevealed']);
    const reg = rows.find((r) => r.role === 'registrant')!;
    expect([reg.chain, reg.validFrom, reg.validTo]).toEqual(['trump-email.com -REGISTERED_BY-> Trump Organization', '2009-01-01T00:00:00.000Z', null]);
    expect((await run('who-controls', { name: MAIL1, minConfidence: 60 }))).toHaveLength(5);
  });
});

describe('lookups', () => {
  it('counts lookups per querier organization with shares (3,550 in all)', async () => {
    const rows = await run('lookups-by-organization', { host: MAIL1 });
    expect(rows).toEqual([
      { organization: 'Alfa Bank', ips: ['217.12.96.15', '217.12.97.15'], lookups: 2820, sharePct: 79.44, total: 3550, attributionConfidence: 40 },
      { organization: 'Spectrum Health', ips: ['167.73.110.8'], lookups: 714, sharePct: 20.11, total: 3550, attributionConfidence: 40 },
      { organization: 'Heartland Payment Systems', ips: ['198.91.42.242'], lookups: 8, sharePct: 0.23, total: 3550, attributionConfidence: 40 },
      { organization: '(unattributed)', ips: ['192.0.2.53', '198.51.100.53', '203.0.113.53', '217.12.97.137'], lookups: 8, sharePct: 0.23, total: 3550, attributionConfidence: null },
    ]);
  });

  it('applies a window to each lookup\'s own time', async () => {
    const from = Date.UTC(2016, 6, 1), to = Date.UTC(2016, 7, 1);
    const inJuly = logs.filter((l) => l.host === MAIL1 && l.ts >= from && l.ts < to);
    const alfa = inJuly.filter((l) => ALFA.includes(l.ip)).length;
    const rows = await run('lookups-by-organization', { host: MAIL1, from: '2016-07-01', to: '2016-08-01' });
    expect(rows[0]).toMatchObject({ organization: 'Alfa Bank', lookups: alfa, total: inJuly.length });
  });

  it('finds who first looked up trump1.contact-client.com after 2016-09-23', async () => {
    const rows = await run('first-lookups-after-change', { after: '2016-09-23' });
    expect(rows.map((r) => [r.host, r.rank, r.querier, r.organization, r.firstLookup, r.lookups, r.earlierNamesOnSameAddress])).toEqual([
      ['trump1.contact-client.com', 1, '217.12.96.15', ['Alfa Bank'], '2016-09-27T07:43:43.000Z', 3, ['mail1.trump-email.com (1411 lookups)']],
      ['trump1.contact-client.com', 2, '217.12.97.15', ['Alfa Bank'], '2016-09-27T07:44:21.000Z', 2, ['mail1.trump-email.com (1409 lookups)']],
      ['trump1.contact-client.com', 3, '198.51.100.53', [], '2016-10-03T18:26:15.000Z', 1, ['mail1.trump-email.com (2 lookups)']],
      ['trump1.contact-client.com', 4, '203.0.113.53', [], '2016-10-05T19:05:45.000Z', 1, ['mail1.trump-email.com (1 lookups)']],
    ]);
    expect(rows[0].appeared).toBe('2016-09-27T00:00:00.000Z');
    // The generator's first trump1 line, read from the logs.
    const first = logs.filter((l) => l.host === 'trump1.contact-client.com').sort((a, b) => a.ts - b.ts)[0];
    expect([first.ip, new Date(first.ts).toISOString()]).toEqual([rows[0].querier, rows[0].firstLookup]);
  });

  it('ranks resolvers by how concentrated their lookups are', async () => {
    const rows = await run('concentrated-resolvers', { minLookups: 20, limit: 4 });
    expect(rows.slice(0, 3).map((r) => [r.querier, r.organization, r.lookups, r.distinctNames, r.topName, r.topLookups, r.topSharePct])).toEqual([
      ['167.73.110.8', ['Spectrum Health'], 714, 1, MAIL1, 714, 100],
      ['217.12.97.15', ['Alfa Bank'], 1411, 2, MAIL1, 1409, 99.86],
      ['217.12.96.15', ['Alfa Bank'], 1414, 2, MAIL1, 1411, 99.79],
    ]);
    // The next is the most concentrated sibling resolver, worked out from the logs.
    const per = new Map<string, Map<string, number>>();
    for (const l of logs) {
      const m = per.get(l.ip) ?? new Map<string, number>();
      m.set(l.host, (m.get(l.host) ?? 0) + 1);
      per.set(l.ip, m);
    }
    const others = [...per].filter(([ip]) => ![...ALFA, '167.73.110.8'].includes(ip)).map(([ip, m]) => {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      return { ip, total, share: Math.round((10000 * Math.max(...m.values())) / total) / 100 };
    }).filter((x) => x.total >= 20).sort((a, b) => b.share - a.share || b.total - a.total);
    expect([rows[3].querier, rows[3].topSharePct]).toEqual([others[0].ip, others[0].share]);
    expect(rows[3].topSharePct).toBeLessThan(50);
  });
});

describe('addresses and prefixes', () => {
  it('finds the names sharing 66.216.133.29', async () => {
    expect(await run('names-sharing-address', { name: MAIL1 })).toEqual([
      { address: '66.216.133.29', otherName: 'trump1.contact-client.com', record: 'A', validFrom: '2016-09-27T00:00:00.000Z', validTo: null, confidence: 90, sources: ['doc:ljean-cendynbank'] },
    ]);
    const back = await run('names-sharing-address', { name: 'trump1.contact-client.com' });
    expect(back.map((r) => [r.otherName, r.record, r.validTo, r.confidence])).toEqual([
      [MAIL1, 'A', '2016-09-23T23:59:59.999Z', 90],
      [MAIL1, 'PTR', null, 50],
    ]);
  });

  it('lists the /24 neighbours, flagging the fictional siblings', async () => {
    const rows = await run('prefix-neighbours', { ip: '66.216.133.29' });
    expect(rows.map((r) => [r.neighbour, r.names, r.claims, r.syntheticOnly, r.sources])).toEqual([
      ['66.216.133.19', [], ['inSpfRecordOf: a large hotel brand'], false, ['doc:public-scan-file']],
      ['66.216.133.24', ['mail1.grand-harbor-hotels-email.example'], [], true, ['doc:synthetic-baseline']],
      ['66.216.133.26', ['mail1.sample-resort-email.example'], [], true, ['doc:synthetic-baseline']],
      ['66.216.133.33', ['news.demo-cruise-email.example'], [], true, ['doc:synthetic-baseline']],
    ]);
  });

  it('groups domains by shared registrant, administrator or controller', async () => {
    expect(await run('shared-registrant')).toEqual([{
      party: 'Cendyn', domainCount: 3,
      domains: ['cdcservices.com (controller, 50)', 'contact-client.com (controller, 50)', 'trump-email.com (administrator+controller, 90)'],
      sources: ['doc:ljean-networkdata', 'doc:erratasec-2016'],
    }]);
    const one = await run('shared-registrant', { domain: 'trump-email.com' });
    expect(one.map((r) => [r.party, r.domainCount])).toEqual([['Cendyn', 3], ['Trump Organization', 1]]);
  });
});

describe('timing', () => {
  it('profiles Alfa Bank lookups by Moscow hour and weekday: all in office hours', async () => {
    const rows = await run('office-hours-profile', { host: MAIL1, organization: 'alfa-bank', timeZone: 'Europe/Moscow' });
    const want = Array.from({ length: 24 }, () => [0, 0, 0, 0, 0, 0, 0]);
    for (const l of logs) if (l.host === MAIL1 && ALFA.includes(l.ip)) { const t = local(l.ts, 3); want[t.hour][t.dow - 1]++; }
    expect(rows.map((r) => [r.mon, r.tue, r.wed, r.thu, r.fri, r.sat, r.sun])).toEqual(want);
    expect(rows.reduce((s, r) => s + (r.total as number), 0)).toBe(2820);
    const outside = rows.filter((r) => (r.localHour as number) < 9 || (r.localHour as number) > 17).reduce((s, r) => s + (r.total as number), 0);
    expect(outside + rows.reduce((s, r) => s + (r.sat as number) + (r.sun as number), 0)).toBe(0);
  });

  it('profiles Spectrum Health in New York time (EDT in summer 2016)', async () => {
    const rows = await run('office-hours-profile', { host: MAIL1, ip: '167.73.110.8', timeZone: 'America/New_York' });
    const want = Array.from({ length: 24 }, () => 0);
    for (const l of logs) if (l.host === MAIL1 && l.ip === '167.73.110.8') want[local(l.ts, -4).hour]++;
    expect(rows.map((r) => r.total)).toEqual(want);
    expect(want.slice(9, 17).reduce((a, b) => a + b, 0)).toBe(714);
  });

  it('measures the hourly rhythm of the Alfa resolvers, alone and as one machine', async () => {
    const expectFor = (lines: LogLine[]) => {
      const { buckets, gaps } = bucketGaps(lines);
      const sorted = [...gaps].sort((a, b) => a - b);
      const near = gaps.filter((g) => g >= 45 && g <= 75).length;
      const short = gaps.filter((g) => g <= 180).length;
      return {
        lookups: lines.length, activeBuckets: buckets, gaps: gaps.length,
        medianGapMin: sorted[Math.ceil(0.5 * sorted.length) - 1],
        near60Pct: round1((100 * near) / gaps.length), gapsUpTo3h: short,
        near60PctOfShort: round1((100 * near) / short), adjacentBuckets: gaps.filter((g) => g === 15).length,
      };
    };
    const mail1 = logs.filter((l) => l.host === MAIL1);
    const rows = await run('lookup-bursts', { host: MAIL1 });
    expect(rows.map((r) => r.client)).toEqual(['217.12.96.15', '217.12.97.15', '167.73.110.8']);
    for (const r of rows) {
      const { client, ...rest } = r;
      expect(rest, String(client)).toEqual(expectFor(mail1.filter((l) => l.ip === client)));
    }
    const merged = await run('lookup-bursts', { host: MAIL1, byOrganization: true });
    expect(merged[0]).toEqual({ client: 'Alfa Bank', ...expectFor(mail1.filter((l) => ALFA.includes(l.ip))) });
    expect(merged[0].medianGapMin).toBe(60);
    expect(merged[0].near60PctOfShort as number).toBeGreaterThan(85);
    expect(rows[2].near60PctOfShort as number).toBeLessThan(40);
  });

  it('compares mail1 with its fictional siblings over mail1\'s own window', async () => {
    const rows = await run('target-vs-siblings', { host: MAIL1, timeZone: 'Europe/Moscow' });
    const m1 = logs.filter((l) => l.host === MAIL1);
    const b0 = bucketOf(Math.min(...m1.map((l) => l.ts))), b1 = bucketOf(Math.max(...m1.map((l) => l.ts)));
    const expectFor = (host: string) => {
      const ls = logs.filter((l) => l.host === host && bucketOf(l.ts) >= b0 && bucketOf(l.ts) <= b1);
      const per = new Map<string, number>();
      for (const l of ls) per.set(l.ip, (per.get(l.ip) ?? 0) + 1);
      const top = [...per].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      const lt = ls.map((l) => local(l.ts, 3));
      return {
        lookups: ls.length, queriers: per.size, topQuerier: top[0], topQuerierPct: round1((100 * top[1]) / ls.length),
        activeDays: new Set(ls.map((l) => Math.floor(l.ts / 86_400_000))).size,
        officeHoursPct: round1((100 * lt.filter((t) => t.dow <= 5 && t.hour >= 9 && t.hour < 18).length) / ls.length),
        weekendPct: round1((100 * lt.filter((t) => t.dow >= 6).length) / ls.length),
      };
    };
    expect(rows.map((r) => [r.host, r.role, r.address, r.syntheticOnly])).toEqual([
      [MAIL1, 'target', '66.216.133.29', false],
      ['mail1.grand-harbor-hotels-email.example', 'sibling', '66.216.133.24', true],
      ['mail1.sample-resort-email.example', 'sibling', '66.216.133.26', true],
      ['news.demo-cruise-email.example', 'sibling', '66.216.133.33', true],
    ]);
    for (const r of rows) {
      const { host, role, address, syntheticOnly, ...rest } = r;
      expect(rest, String(host)).toEqual(expectFor(String(host)));
    }
    expect(rows[0]).toMatchObject({ lookups: 3550, queriers: 8, topQuerier: '217.12.96.15' });
    for (const s of rows.slice(1)) expect(s.queriers).toBe(48);
  });
});

describe('claims, hypotheses and evidence', () => {
  it('lists the four conflicts, each side with its source', async () => {
    const rows = await run('conflicting-claims');
    expect(rows.map((r) => [r.subject, r.attribute, r.value, r.source, r.confidence])).toEqual([
      ['66.216.133.29', 'location', 'Lititz, PA', 'doc:cnn-2017', 50],
      ['66.216.133.29', 'location', 'Philadelphia (a data centre)', 'doc:erratasec-2016', 50],
      [MAIL1, 'inUse', 'false', 'doc:guardian-2016', 50],
      [MAIL1, 'inUse', 'true', 'doc:cnn-2017', 85],
      [MAIL1, 'inUse', 'true', 'doc:slate-2016', 85],
      [MAIL1, 'lookupShareAlfa', '80', 'doc:cnn-2017', 85],
      [MAIL1, 'lookupShareAlfa', '87', 'doc:slate-2016', 85],
      ['trump1.contact-client.com', 'createdBy', 'Cendyn', 'doc:ljean-cendynbank', 50],
      ['trump1.contact-client.com', 'createdBy', 'Trump Organization', 'doc:slate-2016', 50],
    ]);
    expect(rows[2].quote).toBe('not used since 2010');
  });

  it('scores the hypotheses and names the discriminating and missing evidence', async () => {
    const rows = await run('hypothesis-matrix');
    expect(rows.map((r) => [r.hypothesis, r.score, r.inconsistency, r.forWeight, r.openWeight])).toEqual([
      ['h-stale-dns', 10, 0, 10, 4],
      ['h-marketing-spam', 4, 4, 8, 16],
      ['h-fabricated', 3, 0, 3, 9],
      ['h-covert-channel', 2, 9, 11, 12],
    ]);
    const covert = rows[3];
    expect(covert.supports).toEqual(['e-sequence +4', 'e-near-exclusive +3', 'e-office-hours +2', 'e-removal-by-cendyn +2']);
    expect(covert.contradicts).toEqual(['e-fbi-no-cyber-links -4', 'e-bulk-mail-host -2', 'e-senate-2020 -2', 'e-not-used-since-2010 -1']);
    expect(covert.neutral).toEqual(['e-contract-ended 1', 'e-two-resolvers-one-machine 1']);
    expect(covert.missing).toEqual(['m-receiving-mail-logs ?4', 'm-other-resolvers ?3', 'm-sibling-baseline ?3', 'm-independent-passive-dns ?2']);
    expect((covert.discriminating as string[]).slice(0, 4)).toEqual(['e-sequence +4/6', 'e-bulk-mail-host -2/6', 'e-near-exclusive +3/5', 'e-fbi-no-cyber-links -4/4']);
    expect(rows[2].missing).toEqual(['m-chain-of-custody ?5', 'm-independent-passive-dns ?4']);
    for (const r of rows) expect(r.nonDiagnostic).toEqual([]);
  });

  it('prints the evidence-by-hypothesis matrix with diagnosticity', async () => {
    const rows = await run('evidence-diagnosticity');
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatchObject({ evidence: 'e-bulk-mail-host', missing: false, diagnosticity: 6,
      effects: ['h-covert-channel -2', 'h-fabricated .', 'h-marketing-spam +4', 'h-stale-dns +2'] });
    expect(rows.filter((r) => r.missing).map((r) => [r.evidence, r.diagnosticity])).toEqual([
      ['m-chain-of-custody', 5], ['m-receiving-mail-logs', 5], ['m-cendyn-send-records', 4],
      ['m-independent-passive-dns', 4], ['m-sibling-baseline', 4], ['m-other-resolvers', 3],
    ]);
    expect(rows.find((r) => r.evidence === 'e-john-doe-suits')!.diagnosticity).toBe(1);
  });

  it('lists the evidence bearing on the stale-DNS hypothesis with rationale and linked facts', async () => {
    const rows = await run('evidence-for-hypothesis', { hypothesis: 'h-stale-dns' });
    expect(rows.map((r) => [r.evidence, r.effect, r.weight, r.missing])).toEqual([
      ['e-contract-ended', 'supports', 3, false],
      ['e-bulk-mail-host', 'supports', 2, false],
      ['e-removal-by-cendyn', 'supports', 2, false],
      ['e-spectrum-misconfiguration', 'supports', 2, false],
      ['e-not-used-since-2010', 'supports', 1, false],
      ['e-senate-2020', 'neutral', 1, false],
      ['m-cendyn-send-records', 'neutral', 4, true],
    ]);
    expect(rows[0].rationale).toBe('A leftover name after the contract is the stale-DNS story.');
    expect(rows[0].relationships).toEqual(['rel-client: trump-organization -CLIENT_OF-> cendyn [doc:erratasec-2021, doc:americarevealed]']);
    expect(rows[1].refersTo).toEqual(['IP:66.216.133.19', 'IP:66.216.133.29']);
    expect(rows[4].refersTo).toEqual(['Claim:c-in-use-campaign', 'Claim:c-in-use-cnn', 'Claim:c-in-use-slate']);
  });

  it('ranks the missing evidence by how much it would matter', async () => {
    const rows = await run('missing-evidence');
    expect(rows.map((r) => [r.evidence, r.totalWeight, r.maxWeight])).toEqual([
      ['m-receiving-mail-logs', 9, 5], ['m-cendyn-send-records', 8, 4], ['m-sibling-baseline', 7, 4],
      ['m-independent-passive-dns', 6, 4], ['m-other-resolvers', 6, 3], ['m-chain-of-custody', 5, 5],
    ]);
    expect(rows[1].refersTo).toEqual(['Organization:cendyn', 'Relationship:rel-client']);
  });
});

describe('paths, time and provenance', () => {
  it('finds only lookup-based paths between Alfa Bank and the Trump Organization', async () => {
    const rows = await run('lookup-only-paths', { maxHops: 5 });
    expect(rows.map((r) => r.path)).toEqual([
      'Alfa Bank -OPERATES-> 217.12.96.15 -QUERIED-> mail1.trump-email.com -SUBDOMAIN_OF-> trump-email.com -REGISTERED_BY-> Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.97.15 -QUERIED-> mail1.trump-email.com -SUBDOMAIN_OF-> trump-email.com -REGISTERED_BY-> Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.96.15 -QUERIED-> mail1.trump-email.com -SUBDOMAIN_OF-> trump-email.com -ADMINISTERED_BY-> Cendyn <-CLIENT_OF- Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.96.15 -QUERIED-> mail1.trump-email.com -SUBDOMAIN_OF-> trump-email.com <-CONTROLS- Cendyn <-CLIENT_OF- Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.96.15 -QUERIED-> trump1.contact-client.com -SUBDOMAIN_OF-> contact-client.com <-CONTROLS- Cendyn <-CLIENT_OF- Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.97.15 -QUERIED-> mail1.trump-email.com -SUBDOMAIN_OF-> trump-email.com -ADMINISTERED_BY-> Cendyn <-CLIENT_OF- Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.97.15 -QUERIED-> mail1.trump-email.com -SUBDOMAIN_OF-> trump-email.com <-CONTROLS- Cendyn <-CLIENT_OF- Trump Organization',
      'Alfa Bank -OPERATES-> 217.12.97.15 -QUERIED-> trump1.contact-client.com -SUBDOMAIN_OF-> contact-client.com <-CONTROLS- Cendyn <-CLIENT_OF- Trump Organization',
    ]);
    for (const r of rows) expect([r.lookupHops, r.confidence, r.flag]).toEqual([1, 40, 'LOOKUP-BASED: a DNS lookup is not communication']);
    // Up to six hops there is still no path without a lookup.
    const six = await run('lookup-only-paths', { limit: 1000 });
    expect(six.length).toBeGreaterThan(8);
    expect(six.every((r) => (r.lookupHops as number) >= 1)).toBe(true);
  });

  it('puts the 22 case events in date order with their sources', async () => {
    const rows = await run('timeline-of-events');
    expect(rows).toHaveLength(22);
    expect(rows.slice(0, 3).map((r) => [r.date, r.precision, r.id, r.source])).toEqual([
      ['2009-01-01T00:00:00.000Z', 'year', 'ev-2009-setup', 'doc:theweek'],
      ['2013-01-01T00:00:00.000Z', 'year', 'ev-2013-scan-data', 'doc:ljean-cendynbank'],
      ['2016-03-01T00:00:00.000Z', 'month', 'ev-2016-03-contract-ends', 'doc:erratasec-2021'],
    ]);
    expect(rows.at(-1)!.id).toBe('ev-2022-05-31-acquittal');
    const sept = await run('timeline-of-events', { from: '2016-09-19', to: '2016-09-28' });
    expect(sept.map((r) => r.id)).toEqual(['ev-2016-09-19-fbi-handover', 'ev-2016-09-21-nyt-contact', 'ev-2016-09-23-removed', 'ev-2016-09-23-runtogether-last', 'ev-2016-09-27-trump1']);
    expect(sept[4].involves).toEqual(['Claim:c-trump1-first-querier', 'Host:trump1.contact-client.com']);
  });

  it('explains an Alfa lookup edge: two reports and three synthetic log files', async () => {
    const rows = await run('why-is-this-edge-here', { from: '217.12.96.15', to: MAIL1 });
    // Records per log file, counted in the logs (the slots follow the import order ns1, ns2, ns3).
    const perFile = new Map<string, number>();
    for (const [f, lines] of readCaseLogsByFile()) perFile.set(f, lines.filter((l) => l.host === MAIL1 && l.ip === '217.12.96.15').length);
    expect(rows.map((r) => [r.type, r.source, r.kind, r.synthetic, r.confidence, r.records])).toEqual([
      ['QUERIED', 'doc:slate-2016', 'report', false, 85, 0],
      ['QUERIED', 'doc:cnn-2017', 'report', false, 85, 0],
      ['QUERIED', expect.stringMatching(/^src:/), 'synthetic', true, 50, perFile.get('ns1')],
      ['QUERIED', expect.stringMatching(/^src:/), 'synthetic', true, 50, perFile.get('ns2')],
      ['QUERIED', expect.stringMatching(/^src:/), 'synthetic', true, 50, perFile.get('ns3')],
    ]);
    expect(rows.map((r) => String(r.ref).replace(/:\d+$/, ''))).toEqual(['case.yaml', 'case.yaml', 'ns1.cdcservices.com.csv', 'ns2.cdcservices.com.csv', 'ns3.cdcservices.com.csv']);
    expect((rows[2].records as number) + (rows[3].records as number) + (rows[4].records as number)).toBe(1411);
  });
});

function readCaseLogsByFile(): Map<string, LogLine[]> {
  const out = new Map<string, LogLine[]>();
  for (const l of logs) out.set(l.file, [...(out.get(l.file) ?? []), l]);
  return out;
}
