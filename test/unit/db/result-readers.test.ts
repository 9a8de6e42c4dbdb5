// The typed readers of result columns: a node, relationship, list or map comes through typed; a
// statement that returns something else fails with INTERNAL and says what it got.
import { describe, expect, it } from 'vitest';
import { asList, asMap, asNode, asNodes, asPath, asRel } from '../../../server/src/db/convert.ts';

const node = { id: '4:x:1', labels: ['Host'], props: { key: 'mail1.trump-email.com' } };
const rel = { id: '5:x:2', type: 'RESOLVES_TO', start: '4:x:1', end: '4:x:3', props: {} };

describe('result readers', () => {
  it('pass nodes, relationships, lists, maps and paths through as they are', () => {
    expect(asNode(node)).toBe(node);
    expect(asRel(rel)).toBe(rel);
    expect(asNodes([node, node])).toEqual([node, node]);
    expect(asList([1, 'a'])).toEqual([1, 'a']);
    expect(asMap({ a: 1 })).toEqual({ a: 1 });
    expect(asPath({ nodes: [node, node], rels: [rel] })).toEqual({ nodes: [node, node], rels: [rel] });
  });

  it('refuse what the statement did not promise, naming it', () => {
    expect(() => asNode('mail1.trump-email.com')).toThrow(/held "mail1.trump-email.com" where a node was expected/);
    expect(() => asRel(node)).toThrow(/where a relationship was expected/);
    expect(() => asNodes([node, 3])).toThrow(/held 3 where a node/);
    expect(() => asList({ a: 1 })).toThrow(/a list was expected/);
    expect(() => asMap([1])).toThrow(/a map was expected/);
    expect(() => asMap(null)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
