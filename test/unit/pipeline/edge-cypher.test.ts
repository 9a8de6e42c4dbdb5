// The statements the import writer generates, pinned as snapshots: labels and relationship types
// cannot be parameters, so the text is built per (type, kinds, mode), and a change to a generator
// shows up here as a reviewable diff of the Cypher itself (regenerate with `vitest -u` on purpose).
// That Neo4j accepts them is the integration tests' job (every import runs them).
import { describe, expect, it } from 'vitest';
import {
  edgeCypher, isKeyedLookup, nodeCreateCypher, nodeMergeCypher, queriedCreateCypher, queriedKey, queriedUpdateCypher, QUERIED_CREATE_CYPHER, subdomainOf,
} from '../../../server/src/importers/pipeline/edge-cypher.ts';

describe('generated import Cypher', () => {
  it('node statements', () => {
    expect(nodeMergeCypher('Host')).toMatchSnapshot('nodeMergeCypher Host');
    expect(nodeCreateCypher('IP')).toMatchSnapshot('nodeCreateCypher IP');
  });

  it('edge statements: MERGE with the provenance update, CREATE with literal arrays', () => {
    expect(edgeCypher('RESOLVES_TO', 'Host', 'IP', false)).toMatchSnapshot('RESOLVES_TO merge');
    expect(edgeCypher('RESOLVES_TO', 'Host', 'IP', true)).toMatchSnapshot('RESOLVES_TO create');
    expect(edgeCypher('IN_PREFIX', 'IP', 'Prefix', false)).toMatchSnapshot('IN_PREFIX merge');
  });

  it('lookup edges: histogram and type/rcode sets, or the lean form without the histogram', () => {
    expect(edgeCypher('QUERIED', 'IP', 'Host', false, true)).toMatchSnapshot('QUERIED merge with histogram');
    expect(edgeCypher('QUERIED', 'IP', 'Host', false, false)).toMatchSnapshot('QUERIED merge lean');
    expect(edgeCypher('QUERIED', 'IP', 'Host', true, true)).toMatchSnapshot('QUERIED create with histogram');
    expect(edgeCypher('QUERIED', 'IP', 'Host', true, false)).toMatchSnapshot('QUERIED create lean');
    expect(queriedCreateCypher(true)).toBe(QUERIED_CREATE_CYPHER);
    // The lean form is derived by a text replacement: it must actually have removed the histogram.
    expect(queriedCreateCypher(false)).not.toMatch(/buckets|bucketCounts/);
    expect(queriedCreateCypher(false)).toMatchSnapshot('queriedCreateCypher lean');
  });

  it('keyed lookup edges: IP → Host QUERIED edges carry k on every path; known pairs are found by key', () => {
    expect(isKeyedLookup('QUERIED', 'IP', 'Host')).toBe(true);
    expect(isKeyedLookup('QUERIED', 'IP', 'Domain')).toBe(false);
    expect(isKeyedLookup('RESOLVES_TO', 'Host', 'IP')).toBe(false);
    expect(queriedKey('10.0.0.1', 'a.example.com')).toBe('10.0.0.1>a.example.com');
    const key = "r.k = row.a + '>' + row.b";
    for (const create of [true, false]) expect(edgeCypher('QUERIED', 'IP', 'Host', create)).toContain(key);
    expect(QUERIED_CREATE_CYPHER).toContain(key);
    expect(edgeCypher('QUERIED', 'IP', 'Domain', false)).not.toMatch(/r\.k\b/);
    expect(edgeCypher('RESOLVES_TO', 'Host', 'IP', true)).not.toMatch(/r\.k\b/);
    expect(queriedUpdateCypher(true)).toMatchSnapshot('QUERIED update by key with histogram');
    expect(queriedUpdateCypher(false)).not.toMatch(/buckets|bucketCounts/);
    expect(queriedUpdateCypher(false)).toMatchSnapshot('QUERIED update by key lean');
    // A seek by key whatever the index statistics say (a stale sample made the planner scan).
    for (const h of [true, false]) expect(queriedUpdateCypher(h)).toContain('USING INDEX SEEK r:QUERIED(k)');
  });

  it('structural SUBDOMAIN_OF statements come from their .cypher files', () => {
    const rows = [{ host: 'a.example.com', domain: 'example.com', ref: 'f:1' }];
    const [create, params] = subdomainOf('subdomain-of-create', rows, 'src:1');
    expect(params).toEqual({ rows, src: 'src:1' });
    expect(create).toMatch(/CREATE \(h\)-\[r:SUBDOMAIN_OF\]->\(d\)/);
    expect(subdomainOf('subdomain-of-merge', rows, 'src:1')[0]).toMatch(/MERGE \(h\)-\[r:SUBDOMAIN_OF\]->\(d\)/);
  });

  it('refuses a label or relationship type outside the allow-lists', () => {
    expect(() => edgeCypher('QUERIED` DETACH DELETE r //' as never, 'IP', 'Host', false)).toThrow(/Unknown relationship type/);
    expect(() => edgeCypher('QUERIED', 'IP', 'Nope' as never, false)).toThrow(/Unknown node kind/);
    expect(() => nodeMergeCypher('Host:Admin' as never)).toThrow(/Unknown node kind/);
  });
});
