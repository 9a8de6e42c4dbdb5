import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseToRows } from '../../../server/src/importers/case/case-to-rows.ts';
import { formatCaseFileError, parseCaseFile } from '../../../server/src/importers/case/parse-case-file.ts';
import { LOG_ONLY_RELS, RELATIONSHIP_RULES } from '../../../server/src/importers/case/relationship-rules.ts';
import { CASE_SCHEMA_URL } from '../../../server/src/importers/case/schema-check.ts';
import { ENDPOINT_KINDS, NODE_KINDS, REL_TYPES } from '../../../server/src/model/index.ts';

// Line numbers below are those of this fixture: keep it and the expectations in step.
const HEAD = `case:
  id: t
  title: T
  summary: S
  created: 2024-01-02
sources:
  - id: s1
    kind: report
    title: A report
    reliability: 90
  - id: s2
    kind: analyst
    title: Notes
    reliability: 50
entities:
  - kind: Organization
    name: The Trump Organization, Inc.
  - kind: Host
    name: MAIL1.Trump-Email.com.
  - kind: IP
    name: 66.216.133.29
relationships:
`;
// Relationship lines start at 23.
const REL = (body: string) => `${HEAD}${body}`;
const GOOD_REL = `  - from: Host:mail1.trump-email.com
    type: RESOLVES_TO
    to: IP:66.216.133.29
    validFrom: 2009
    validTo: 2016-03
    sources: [{ source: s1, confidence: 90 }, { source: s2, confidence: 40, ref: p. 3 }]
`;

function errorsOf(text: string) {
  const r = parseCaseFile(text, 'fixture.yaml');
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('parseCaseFile: valid input', () => {
  it('resolves keys, refs and dates', () => {
    const r = parseCaseFile(REL(GOOD_REL), 'fixture.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cf = r.caseFile;
    expect(cf.entities.map((e) => `${e.kind}:${e.key}`)).toEqual([
      'Organization:trump-organization', 'Host:mail1.trump-email.com', 'IP:66.216.133.29',
    ]);
    expect(cf.entities[0].id).toBe('trump-organization');
    expect(cf.entities[1].id).toBeUndefined();
    const rel = cf.relationships[0];
    expect(rel.line).toBe(23);
    expect(rel.from).toEqual({ kind: 'Host', key: 'mail1.trump-email.com' });
    expect(rel.validFrom).toEqual({ iso: '2009-01-01T00:00:00.000Z', precision: 'year', text: '2009' });
    expect(rel.validTo).toEqual({ iso: '2016-03-01T00:00:00.000Z', precision: 'month', text: '2016-03' });
    expect(cf.case.created).toEqual({ iso: '2024-01-02T00:00:00.000Z', precision: 'day', text: '2024-01-02' });
  });

  it('one edge row per (relationship, source), ref = the relationship line', () => {
    const r = parseCaseFile(REL(GOOD_REL), 'fixture.yaml');
    if (!r.ok) throw new Error('invalid');
    const { entities, edges } = caseToRows(r.caseFile);
    expect(entities).toHaveLength(3);
    expect(entities[0]).toEqual({
      kind: 'Organization', key: 'trump-organization', props: { name: 'The Trump Organization, Inc.', caseId: 't' },
    });
    expect(edges).toEqual([
      {
        type: 'RESOLVES_TO', from: { kind: 'Host', key: 'mail1.trump-email.com' }, to: { kind: 'IP', key: '66.216.133.29' },
        confidence: 90, validFrom: '2009-01-01T00:00:00.000Z', validTo: '2016-03-31T23:59:59.999Z', ref: 23,
        props: { source: 's1', caseId: 't', validFromPrecision: 'year', validToPrecision: 'month' },
      },
      {
        type: 'RESOLVES_TO', from: { kind: 'Host', key: 'mail1.trump-email.com' }, to: { kind: 'IP', key: '66.216.133.29' },
        confidence: 40, validFrom: '2009-01-01T00:00:00.000Z', validTo: '2016-03-31T23:59:59.999Z', ref: 23,
        props: { source: 's2', caseId: 't', sourceRef: 'p. 3', validFromPrecision: 'year', validToPrecision: 'month' },
      },
    ]);
  });

  it('normalizes a full ISO time with an offset to UTC', () => {
    const text = REL(GOOD_REL.replace('validFrom: 2009', 'validFrom: 2016-09-23T13:56:29+03:00').replace('validTo: 2016-03', 'validTo: 2016-09-23'));
    const r = parseCaseFile(text, 'fixture.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.caseFile.relationships[0].validFrom).toEqual({ iso: '2016-09-23T10:56:29.000Z', precision: 'time', text: '2016-09-23T13:56:29+03:00' });
  });
});

describe('parseCaseFile: errors name file, line, column and field', () => {
  it('bad YAML (duplicate key) → syntax error with line:col', () => {
    const errs = errorsOf('case:\n  id: t\n  id: u\nsources: []\n');
    expect(errs).toEqual([{ file: 'fixture.yaml', line: 3, column: 3, path: '', message: 'YAML syntax: Map keys must be unique' }]);
  });

  it('bad YAML (bad indentation) → syntax error on that line', () => {
    const errs = errorsOf('case:\n  id: t\n   title: T\n');
    expect(errs[0].line).toBe(2);
    expect(errs[0].message).toMatch(/^YAML syntax: /);
  });

  it('unknown field → error at the key', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('    validFrom: 2009\n', '    colour: red\n')));
    expect(errs).toEqual([{ file: 'fixture.yaml', line: 26, column: 5, path: 'relationships[0].colour', message: 'unknown field "colour"' }]);
  });

  it('unknown relationship type', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('type: RESOLVES_TO', 'type: RESOLVES')));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 24, column: 11, path: 'relationships[0].type' });
    expect(errs[0].message).toMatch(/^unknown relationship type "RESOLVES"; expected one of SUBDOMAIN_OF, /);
  });

  it('relationship kinds not allowed', () => {
    const body = GOOD_REL.replace('from: Host:mail1.trump-email.com', 'from: IP:66.216.133.29').replace('to: IP:66.216.133.29', 'to: Host:mail1.trump-email.com');
    const errs = errorsOf(REL(body));
    expect(errs).toEqual([{
      file: 'fixture.yaml', line: 24, column: 11, path: 'relationships[0].type',
      message: 'RESOLVES_TO is not allowed from IP to Host; allowed: Domain→IP, Host→IP',
    }]);
  });

  it('dangling reference', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('to: IP:66.216.133.29', 'to: IP:66.216.133.30')));
    expect(errs).toEqual([{
      file: 'fixture.yaml', line: 25, column: 9, path: 'relationships[0].to',
      message: 'dangling reference "IP:66.216.133.30": no IP entity with that key in this file',
    }]);
  });

  it('month 13', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('validTo: 2016-03', 'validTo: 2016-13')));
    expect(errs).toEqual([{
      file: 'fixture.yaml', line: 27, column: 14, path: 'relationships[0].validTo',
      message: 'month 13 is out of range (01–12) in "2016-13"',
    }]);
  });

  it('year out of range and 31 February', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('validFrom: 2009', 'validFrom: 1979').replace('validTo: 2016-03', 'validTo: 2016-02-30')));
    expect(errs.map((e) => [e.line, e.path, e.message])).toEqual([
      [26, 'relationships[0].validFrom', 'year 1979 is out of range (1980–2100)'],
      [27, 'relationships[0].validTo', 'day 30 is out of range (01–29) in "2016-02-30"'],
    ]);
  });

  it('validTo before validFrom', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('validFrom: 2009', 'validFrom: 2016-05').replace('validTo: 2016-03', 'validTo: 2016-04-30')));
    expect(errs).toEqual([{
      file: 'fixture.yaml', line: 27, column: 14, path: 'relationships[0].validTo',
      message: 'validTo 2016-04-30 is before validFrom 2016-05',
    }]);
  });

  it('overlapping periods are not an error (validFrom 2016-03-15, validTo 2016-03)', () => {
    const r = parseCaseFile(REL(GOOD_REL.replace('validFrom: 2009', 'validFrom: 2016-03-15')), 'fixture.yaml');
    expect(r.ok).toBe(true);
  });

  it('collects every error in one pass, sorted by line', () => {
    const body = `  - from: Host:mail1.trump-email.com
    type: RESOLVES
    to: IP:66.216.133.30
    validFrom: 2016-13
    colour: red
    sources: [{ source: nope, confidence: 101 }]
`;
    const errs = errorsOf(REL(body));
    expect(errs.map(formatCaseFileError)).toEqual([
      expect.stringMatching(/^fixture\.yaml:24:11 relationships\[0\]\.type: unknown relationship type "RESOLVES"/),
      'fixture.yaml:25:9 relationships[0].to: dangling reference "IP:66.216.133.30": no IP entity with that key in this file',
      'fixture.yaml:26:16 relationships[0].validFrom: month 13 is out of range (01–12) in "2016-13"',
      'fixture.yaml:27:5 relationships[0].colour: unknown field "colour"',
      'fixture.yaml:28:25 relationships[0].sources[0].source: unknown source "nope" (not in sources)',
      'fixture.yaml:28:43 relationships[0].sources[0].confidence: must be <= 100 (got 101)',
    ]);
  });

  it('missing required field points at the object', () => {
    const errs = errorsOf(REL(GOOD_REL.replace('    sources: [{ source: s1, confidence: 90 }, { source: s2, confidence: 40, ref: p. 3 }]\n', '')));
    expect(errs).toEqual([{ file: 'fixture.yaml', line: 23, column: 5, path: 'relationships[0].sources', message: 'missing required field "sources"' }]);
  });

  it('claims, evidence and events: refs, ids, hypotheses', () => {
    const text = `${REL(GOOD_REL)}claims:
  - id: c1
    subject: trump-organization
    attribute: location
    value: New York
    source: s1
    confidence: 90
  - id: c1
    subject: Claim:c1
    attribute: location
    value: Boston
    source: s3
    confidence: 50
hypotheses:
  - id: h1
    title: H
    description: D
evidence:
  - id: e1
    title: E
    description: D
    kind: fact
    refs: [Claim:c1, Host:mail1.trump-email.com, Event:nope]
    links:
      - { hypothesis: h2, effect: supports, weight: 6, rationale: R }
`;
    const errs = errorsOf(text);
    expect(errs.map((e) => [e.line, e.path, e.message])).toEqual([
      [36, 'claims[1].id', 'duplicate claim id "c1"'],
      [37, 'claims[1].subject', '"Claim:c1" must reference an entity, not a Claim'],
      [40, 'claims[1].source', 'unknown source "s3" (not in sources)'],
      [51, 'evidence[0].refs[2]', 'dangling reference "Event:nope": no Event with id "nope"'],
      [53, 'evidence[0].links[0].hypothesis', 'unknown hypothesis "h2"'],
      [53, 'evidence[0].links[0].weight', 'must be <= 5 (got 6)'],
    ]);
  });

  it('a network entity cannot take an id, and its name must parse', () => {
    const text = HEAD.replace('relationships:\n', '').replace('    name: 66.216.133.29\n', '    name: 66.216.133.300\n').replace('  - kind: Host\n', '  - kind: Host\n    id: m1\n');
    const errs = errorsOf(text);
    expect(errs.map((e) => [e.line, e.path, e.message])).toEqual([
      [19, 'entities[1].id', 'only Organization and Person entities take an id; refer to a Host as Host:<name>'],
      [22, 'entities[2].name', '"66.216.133.300" is not an IP address'],
    ]);
  });
});

describe('docs/case-file.md', () => {
  it('its example validates', () => {
    const md = readFileSync(new URL('../../../docs/case-file.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(md)![1];
    const r = parseCaseFile(example, 'example.yaml');
    expect(r.ok ? [] : r.errors.map(formatCaseFileError)).toEqual([]);
    if (!r.ok) return;
    expect(r.caseFile.claims.map((c) => [c.subject.key, c.value])).toEqual([['example-widgets', 'Springfield'], ['example-widgets', 'Shelbyville']]);
    expect(caseToRows(r.caseFile).edges).toHaveLength(2);
  });
});

describe('schema and rules stay in step with types.ts', () => {
  const schema = JSON.parse(readFileSync(CASE_SCHEMA_URL, 'utf8'));
  it('relationship type enum = REL_TYPES', () => {
    expect(schema.$defs.relationship.properties.type.enum).toEqual([...REL_TYPES]);
  });
  it('entity kinds = NODE_KINDS without Source', () => {
    expect([...schema.$defs.entity.properties.kind.enum].sort()).toEqual(NODE_KINDS.filter((k) => k !== 'Source' && !(ENDPOINT_KINDS as readonly string[]).includes(k)).sort());
  });
  it('every relationship type has at least one allowed pair', () => {
    for (const t of REL_TYPES) if (!LOG_ONLY_RELS.includes(t)) expect(RELATIONSHIP_RULES[t].length).toBeGreaterThan(0);
  });
});

describe('robustness', () => {
  it('never throws: line deletions, duplications and garbage give errors, not exceptions', () => {
    const lines = REL(GOOD_REL).split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.nat(lines.length - 1), fc.boolean(), fc.string(), (i, j, del, junk) => {
        const l = [...lines];
        if (del) l.splice(i, 1);
        else l.splice(i, 0, l[j].replace(/:.*/, `: ${junk}`));
        const r = parseCaseFile(l.join('\n'), 'm.yaml');
        if (!r.ok) for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300, seed: 42 },
    );
    for (const t of ['', '[]', 'case: 1', '- a', 'sources: [1]']) expect(parseCaseFile(t, 'x.yaml').ok).toBe(false);
  });
});
