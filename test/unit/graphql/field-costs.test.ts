// Every root field that reaches the database carries a cost by its arguments (issue 16, finding 4).
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { GraphQLObjectType } from 'graphql';
import { loadTypeDefs } from '../../../server/src/graphql/schema.ts';
import { FIELD_COSTS, NO_DB } from '../../../server/src/graphql/field-costs.ts';
import { requestCost, MAX_COMPLEXITY } from '../../../server/src/graphql/limits.ts';

// graphql-query-complexity is CommonJS and checks instanceof against the CommonJS graphql; under
// Vitest a plain import gives the ESM build, so take the one it uses.
const { buildASTSchema, parse, concatAST } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const schema = buildASTSchema(concatAST(loadTypeDefs().map((t) => parse(t))), { assumeValidSDL: true });

describe('field costs', () => {
  it('covers every Query and Mutation field', () => {
    const missing: string[] = [];
    for (const t of [schema.getQueryType(), schema.getMutationType()] as GraphQLObjectType[]) {
      for (const f of Object.keys(t.getFields())) {
        const c = `${t.name}.${f}`;
        if (!FIELD_COSTS[c] && !NO_DB.has(c)) missing.push(c);
      }
    }
    expect(missing).toEqual([]);
  });

  it('prices paths by hops × k, so 500 aliased paths(maxHops: 8, k: 10) pass the limit many times over', () => {
    const one = (h: number, k: number) => requestCost(schema, parse(`{ paths(from: "a", to: "b", maxHops: ${h}, k: ${k}) { length } }`), {});
    expect(one(8, 10)).toBeGreaterThan(one(4, 10));
    expect(one(8, 10)).toBeGreaterThan(one(8, 3));
    const many = Array.from({ length: 500 }, (_, i) => `p${i}: paths(from: "a", to: "b", maxHops: 8, k: 10) { length }`).join(' ');
    expect(requestCost(schema, parse(`{ ${many} }`), {})).toBeGreaterThan(MAX_COMPLEXITY * 10);
    // Variables count as much as literals.
    expect(requestCost(schema, parse('query($h: Int, $k: Int) { paths(from: "a", to: "b", maxHops: $h, k: $k) { length } }'), { h: 8, k: 10 })).toBe(one(8, 10));
  });

  it('prices neighbourhoods by depth and keeps an ordinary UI request well under the limit', () => {
    const nb = (d: number) => requestCost(schema, parse(`{ neighborhood(key: "x", depth: ${d}) { nodes { key } edges { id } } }`), {});
    expect(nb(3)).toBeGreaterThan(nb(2));
    expect(nb(2)).toBeGreaterThan(nb(1));
    expect(nb(2)).toBeLessThan(MAX_COMPLEXITY / 5);
    expect(requestCost(schema, parse('{ whoControls(name: "x") { controllers { role party { key } path { nodes { key } } } } }'), {})).toBeLessThan(MAX_COMPLEXITY / 10);
  });
});
