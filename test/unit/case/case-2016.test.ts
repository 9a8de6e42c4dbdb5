import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../server/src/importers/case/case-model.ts';
import { caseToRows } from '../../../server/src/importers/case/case-to-rows.ts';
import { formatCaseFileError, parseCaseFile } from '../../../server/src/importers/case/parse-case-file.ts';
import { SIBLING_HOSTS } from '../../../server/src/importers/case/synthetic-lookups.ts';

const DIR = new URL('../../../data/cases/2016-mail1-trump-email/', import.meta.url);

function load(name: string): CaseFile {
  const r = parseCaseFile(readFileSync(new URL(name, DIR), 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.map(formatCaseFileError).join('\n'));
  return r.caseFile;
}

describe('bundled 2016 case', () => {
  const cf = load('case.yaml');

  it('validates, with the counts it was written with', () => {
    expect({
      sources: cf.sources.length, entities: cf.entities.length, relationships: cf.relationships.length,
      claims: cf.claims.length, hypotheses: cf.hypotheses.length, evidence: cf.evidence.length, events: cf.events.length,
    }).toEqual({ sources: 28, entities: 30, relationships: 36, claims: 28, hypotheses: 4, evidence: 20, events: 22 });
    const byKind: Record<string, number> = {};
    for (const e of cf.entities) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    expect(byKind).toEqual({ Organization: 7, Person: 1, Domain: 6, Host: 8, IP: 7, Prefix: 1 });
    expect(cf.evidence.filter((e) => e.missing).map((e) => e.id)).toEqual([
      'm-receiving-mail-logs', 'm-cendyn-send-records', 'm-sibling-baseline', 'm-other-resolvers',
      'm-chain-of-custody', 'm-independent-passive-dns',
    ]);
  });

  it('rows: one edge per (relationship, source)', () => {
    const rows = caseToRows(cf);
    expect(rows.entities).toHaveLength(30);
    expect(rows.edges).toHaveLength(47);
    const q = rows.edges.filter((e) => e.type === 'QUERIED' && e.from.key === '217.12.96.15');
    expect(q.map((e) => [e.props?.source, e.confidence, e.validFrom, e.validTo])).toEqual([
      ['slate-2016', 85, '2016-05-04T00:00:00.000Z', '2016-09-23T23:59:59.999Z'],
      ['cnn-2017', 85, '2016-05-04T00:00:00.000Z', '2016-09-23T23:59:59.999Z'],
    ]);
  });

  it('keys entities the way the importers do', () => {
    const keys = cf.entities.map((e) => `${e.kind}:${e.key}`);
    expect(keys).toContain('Organization:trump-organization');
    expect(keys).toContain('Organization:alfa-bank');
    expect(keys).toContain('Organization:cendyn');
    expect(keys).toContain('Person:jae-cho');
    expect(keys).toContain('Prefix:66.216.133.0/24');
    expect(cf.entities.find((e) => e.key === 'cendyn')?.aliases).toEqual(['Central Dynamics, LLC']);
  });

  it('the FACTS relationships, with their confidence per source', () => {
    const rel = (id: string) => cf.relationships.find((r) => r.id === id)!;
    expect(rel('rel-mail1-a').validTo?.iso).toBe('2016-09-23T00:00:00.000Z');
    expect(rel('rel-trump1-a').validFrom?.iso).toBe('2016-09-27T00:00:00.000Z');
    expect(rel('rel-client')).toMatchObject({
      type: 'CLIENT_OF', from: { key: 'trump-organization' }, to: { key: 'cendyn' },
      validFrom: { precision: 'year', iso: '2009-01-01T00:00:00.000Z' }, validTo: { precision: 'month', iso: '2016-03-01T00:00:00.000Z' },
    });
    expect(rel('rel-client').sources.map((s) => s.confidence)).toEqual([50, 50]);
    expect(rel('rel-registrant').sources).toEqual([{ source: 'erratasec-2016', confidence: 90, ref: 'WHOIS as reported' }]);
    expect(cf.relationships.filter((r) => r.type === 'PTR').map((r) => `${r.from.key}>${r.to.key}`)).toEqual([
      '66.216.133.29>mail1.trump-email.com', '217.12.96.15>ns1.alfadirect.net', '217.12.97.15>ns2.alfadirect.net',
    ]);
  });

  it('confidence follows the marks: only 40, 50, 85, 90 (95 for name structure, 100 synthetic)', () => {
    const seen = new Set<number>();
    for (const r of cf.relationships) for (const s of r.sources) seen.add(s.confidence);
    for (const c of cf.claims) seen.add(c.confidence);
    for (const e of cf.events) seen.add(e.confidence);
    for (const e of cf.entities) for (const s of e.sources) seen.add(s.confidence);
    expect([...seen].sort((a, b) => a - b)).toEqual([40, 50, 85, 90, 95, 100]);
    const synthetic = new Set(cf.sources.filter((s) => s.kind === 'synthetic').map((s) => s.id));
    expect([...synthetic]).toEqual(['synthetic-lookups']);
    for (const c of cf.claims) expect(c.confidence === 100).toBe(synthetic.has(c.source));
  });

  it('keeps the conflicting claims pairwise, each with its own source', () => {
    const pair = (subject: string, attribute: string) =>
      cf.claims
        .filter((c) => `${c.subject.kind}:${c.subject.key}` === subject && c.attribute === attribute)
        .map((c) => [c.value, c.source]);
    expect(pair('Host:trump1.contact-client.com', 'createdBy')).toEqual([['Trump Organization', 'slate-2016'], ['Cendyn', 'ljean-cendynbank']]);
    expect(pair('Host:mail1.trump-email.com', 'lookupShareAlfa')).toEqual([[80, 'cnn-2017'], [87, 'slate-2016']]);
    expect(pair('IP:66.216.133.29', 'location')).toEqual([['Lititz, PA', 'cnn-2017'], ['Philadelphia (a data centre)', 'erratasec-2016']]);
    expect(pair('Host:mail1.trump-email.com', 'inUse')).toEqual([[false, 'guardian-2016'], [true, 'cnn-2017'], [true, 'slate-2016']]);
    expect(pair('Host:mail1.trump-email.com', 'lookupCountAlfa')).toEqual([[2820, 'cnn-2017']]);
    expect(pair('Host:mail1.trump-email.com', 'lookupCountSpectrum')).toEqual([[714, 'cnn-2017']]);
    expect(pair('Host:mail1.trump-email.com', 'lookupShareAlfaSpectrum')).toEqual([[99, 'cnn-2017']]);
    expect(pair('Host:mail1.trump-email.com', 'syntheticLookupCount')).toEqual([[3550, 'synthetic-lookups']]);
  });

  it('hypotheses, evidence links and timeline', () => {
    expect(cf.hypotheses.map((h) => h.id)).toEqual(['h-covert-channel', 'h-marketing-spam', 'h-stale-dns', 'h-fabricated']);
    const links = cf.evidence.flatMap((e) => e.links);
    expect(links).toHaveLength(38);
    expect(links.filter((l) => l.effect === 'supports')).toHaveLength(14);
    expect(links.filter((l) => l.effect === 'contradicts')).toHaveLength(6);
    for (const e of cf.evidence.filter((x) => x.missing)) for (const l of e.links) expect(l.effect).toBe('neutral');
    const ev = (id: string) => cf.events.find((e) => e.id === id)!;
    expect(ev('ev-2016-09-23-runtogether-last').date).toEqual({ iso: '2016-09-23T13:56:29.000Z', precision: 'time', text: '2016-09-23T13:56:29Z' });
    expect(ev('ev-2009-setup').date.precision).toBe('year');
    expect(cf.events.map((e) => e.date.iso)).toEqual([...cf.events.map((e) => e.date.iso)].sort());
  });
});

describe('synthetic baseline', () => {
  const cf = load('synthetic-baseline.yaml');
  it('holds only synthetic, fictional material', () => {
    expect(cf.sources.map((s) => [s.kind, /synthetic/i.test(s.title)])).toEqual([['synthetic', true]]);
    expect(cf.entities.filter((e) => e.kind === 'Host').map((e) => e.key)).toEqual([...SIBLING_HOSTS]);
    for (const e of cf.entities.filter((x) => x.kind === 'Host' || x.kind === 'Domain')) {
      expect(e.key.endsWith('.example')).toBe(true);
      expect(e.notes).toMatch(/fictional/i);
    }
    expect(cf.relationships.filter((r) => r.type === 'RESOLVES_TO').map((r) => r.to.key)).toEqual(['66.216.133.24', '66.216.133.26', '66.216.133.33']);
  });
});
