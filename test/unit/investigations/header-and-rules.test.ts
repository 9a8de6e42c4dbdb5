// The pieces of the user library that need no database: @example/@expect parsing, expectation
// verdicts, the header "Save as investigation" writes, the --write rule and the console's
// bracket context for completion.
import { describe, expect, it } from 'vitest';
import { parseAssignments, parseCypherFile, parseExpectation } from '../../../server/src/cypher/cypher-file.ts';
import { failedExpectation } from '../../../server/src/domain/investigations/investigation-check.ts';
import { savedInvestigationText, checkName } from '../../../server/src/domain/investigations/user-library.ts';
import { writePermission } from '../../../server/src/cli/cypher-command.ts';
import { parseLooseValue } from '../../../server/src/cli/print-result.ts';
import { loadConfig } from '../../../server/src/config.ts';
import { openBracket } from '../../../client/src/ui/cypher-completion.ts';

describe('@example and @expect', () => {
  it('reads name=value pairs, quoted values included', () => {
    expect(parseAssignments('host=mail1.trump-email.com')).toEqual({ host: 'mail1.trump-email.com' });
    expect(parseAssignments('a=1 b="two words" c=\'x y\'')).toEqual({ a: '1', b: 'two words', c: 'x y' });
    expect(parseAssignments('just words')).toBeUndefined();
    expect(parseAssignments('')).toBeUndefined();
  });

  it('reads row bounds and column tests, and nothing else', () => {
    expect(parseExpectation('rows >= 1', 7)).toMatchObject({ kind: 'rows', op: '>=', n: 1, line: 7 });
    expect(parseExpectation('rows == 4', 1)).toMatchObject({ op: '=', n: 4 });
    expect(parseExpectation('column party contains "Cendyn Inc"', 3)).toMatchObject({ kind: 'column', column: 'party', value: 'Cendyn Inc', negate: false });
    expect(parseExpectation('column party excludes Alfa', 3)).toMatchObject({ negate: true, value: 'Alfa' });
    expect(parseExpectation('rows about 4', 1)).toBeUndefined();
  });

  it('keeps the line of each tag, and names file:line for a bad one', () => {
    const f = parseCypherFile('// @name x\n// @param host: String\n// @example host=a.example\n// @expect rows >= 2\nMATCH (h:Host {key: $host}) RETURN h LIMIT 1\n', 'x.cypher');
    expect(f.example).toEqual({ host: 'a.example' });
    expect(f.expects.map((e) => e.line)).toEqual([4]);
    expect(f.bodyLine).toBe(5);
    expect(() => parseCypherFile('// @name y\n// @summary s\n// @expect rows about 2\nRETURN 1\n', 'y.cypher')).toThrow(/^y\.cypher:3: bad @expect/);
  });

  it('judges an example run', () => {
    const rows = [{ party: 'Cendyn', ips: ['1.2.3.4'] }, { party: 'Listrak', ips: [] }];
    const rowsAtLeast = parseExpectation('rows >= 3', 1)!;
    expect(failedExpectation(rowsAtLeast, ['party'], rows, false)).toBe('expected rows >= 3, got 2 row(s)');
    expect(failedExpectation(parseExpectation('column party contains "Listrak"', 1)!, ['party'], rows, false)).toBeUndefined();
    expect(failedExpectation(parseExpectation('column ips contains "1.2.3.4"', 1)!, ['party', 'ips'], rows, false)).toBeUndefined();
    expect(failedExpectation(parseExpectation('column party excludes "Cendyn"', 1)!, ['party'], rows, false)).toMatch(/but a row holds it/);
    expect(failedExpectation(parseExpectation('column role contains "x"', 1)!, ['party'], rows, false)).toMatch(/no column role/);
  });
});

describe('save as investigation', () => {
  it('writes a header with the parameters the query uses, typed from the example values', () => {
    const text = savedInvestigationText({
      name: 'busy', summary: 'Busy\nresolvers', cypher: '// old header\nMATCH (ip:IP)-[q:QUERIED]->(:Host {key: $host}) WHERE q.count >= $min AND ip.key IN $ips RETURN ip LIMIT $limit;',
      params: { host: 'mail1.trump-email.com', min: 100, ips: ['a', 'b'] }, expectRows: 2,
    });
    expect(text).toBe([
      '// @name busy', '// @summary Busy resolvers',
      '// @param host: String', '// @param ips: List<String>', '// @param limit: Integer', '// @param min: Integer',
      '// @mode READ', '// @example host=mail1.trump-email.com ips=a,b min=100', '// @expect rows >= 2',
      'MATCH (ip:IP)-[q:QUERIED]->(:Host {key: $host}) WHERE q.count >= $min AND ip.key IN $ips RETURN ip LIMIT $limit', '',
    ].join('\n'));
    const f = parseCypherFile(text, 'busy.cypher');
    expect(f.params.map((p) => p.name)).toEqual(['host', 'ips', 'limit', 'min']);
  });

  it('accepts only names a file can safely carry', () => {
    expect(checkName('busy-resolvers')).toBe('busy-resolvers');
    for (const bad of ['../x', 'Busy', 'a b', '-x', 'x.cypher', '']) expect(() => checkName(bad), bad).toThrow(/not a valid investigation name/);
  });
});

describe('cypher --write', () => {
  const base = { NEO4J_URI: 'bolt://db.example:7687', INFRAGRAPH_TOKENS: 'admin:aaaaaaaaaaaaaaaa1,analyst:bbbbbbbbbbbbbbbb1' };
  it('is allowed on the local embedded database or with the admin token only', () => {
    expect(writePermission(loadConfig({})).allowed).toBe(true);
    expect(writePermission(loadConfig(base))).toMatchObject({ allowed: false, why: expect.stringContaining('no INFRAGRAPH_TOKEN is set') });
    expect(writePermission(loadConfig({ ...base, INFRAGRAPH_TOKEN: 'bbbbbbbbbbbbbbbb1' }))).toMatchObject({ allowed: false, why: expect.stringContaining('analyst token') });
    expect(writePermission(loadConfig({ ...base, INFRAGRAPH_TOKEN: 'nope' }))).toMatchObject({ allowed: false, why: expect.stringContaining('not one of INFRAGRAPH_TOKENS') });
    expect(writePermission(loadConfig({ ...base, INFRAGRAPH_TOKEN: 'aaaaaaaaaaaaaaaa1' })).allowed).toBe(true);
  });

  it('reads --param values as JSON where they look like it', () => {
    expect(parseLooseValue('100')).toBe(100);
    expect(parseLooseValue('true')).toBe(true);
    expect(parseLooseValue('["a","b"]')).toEqual(['a', 'b']);
    expect(parseLooseValue('"007"')).toBe('007');
    expect(parseLooseValue('mail1.trump-email.com')).toBe('mail1.trump-email.com');
    expect(parseLooseValue('[not json')).toBe('[not json');
  });
});

describe('console completion context', () => {
  it('finds the bracket the cursor is in, outside strings and comments', () => {
    expect(openBracket('MATCH (h:Ho')).toBe('(');
    expect(openBracket('MATCH (a)-[r:QUE')).toBe('[');
    expect(openBracket('MATCH (h:Host {ke')).toBe('{');
    expect(openBracket('MATCH (h) WHERE h.name = "(" AND h.')).toBe(null);
    expect(openBracket('// (\nMATCH (h)')).toBe(null);
  });
});
