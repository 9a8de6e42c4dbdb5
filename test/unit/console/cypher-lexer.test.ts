import { describe, expect, it } from 'vitest';
import { tokenize, calledProcedures, keywords } from '../../../server/src/domain/console/cypher-lexer.ts';
import { textGuard, planGuard } from '../../../server/src/domain/console/console-guard.ts';

describe('cypher lexer', () => {
  it('reads strings before comments, as Neo4j does', () => {
    const t = tokenize("MATCH (n) WHERE n.x <> '/*' CALL db.stats.collect('Q') RETURN '*/' // CALL dbms.x()");
    expect(calledProcedures(t)).toEqual(['db.stats.collect']);
    expect(t.filter((x) => x.kind === 'string').map((x) => x.text)).toEqual(['/*', 'Q', '*/']);
  });

  it('keeps a URL literal whole', () => {
    const t = tokenize("RETURN 'http://x' AS u\nSHOW TRANSACTIONS");
    expect(keywords(t).map((k) => k.word)).toEqual(['RETURN', 'AS', 'U', 'SHOW', 'TRANSACTIONS']);
  });

  it('does not count properties, map keys or quoted names as keywords', () => {
    const t = tokenize('MATCH (n) WHERE n.set = 1 RETURN {show: n.delete} AS `create`');
    expect(keywords(t).map((k) => k.word)).toEqual(['MATCH', 'N', 'WHERE', 'N', 'RETURN', 'N', 'AS']);
    expect(() => textGuard('MATCH (n) WHERE n.set = 1 RETURN {show: n.delete} AS `create`')).not.toThrow();
  });

  it('joins quoted procedure name parts and skips CALL subqueries', () => {
    expect(calledProcedures(tokenize('CALL `dbms`.`components`() CALL { RETURN 1 AS x } CALL (x) { RETURN x AS y } RETURN 1'))).toEqual(['dbms.components']);
  });

  it('refuses unterminated strings and comments', () => {
    expect(() => tokenize("RETURN 'abc")).toThrow(/unterminated string/);
    expect(() => tokenize('RETURN 1 /* x')).toThrow(/unterminated comment/);
  });
});

describe('console guard', () => {
  it.each([
    "SHOW TRANSACTIONS YIELD transactionId AS t WHERE t <> '/*' TERMINATE TRANSACTIONS t YIELD message RETURN message, '*/'",
    "RETURN 'http://a' AS u UNION SHOW TRANSACTIONS YIELD currentQuery AS u RETURN u",
    "CALL db.stats.collect('QUERIES')",
    'SHOW SETTINGS',
    'CALL dbms.components()',
  ])('text guard refuses %s', (q) => {
    expect(() => textGuard(q)).toThrow(/read-only/);
  });

  it('plan guard refuses command operators and procedures outside the allow-list, whatever the text', () => {
    const plan = (ops: [string, string][], queryType = 'r') => ({ queryType, operators: ops.map(([operator, details]) => ({ operator, details })) });
    expect(() => planGuard(plan([['ProduceResults@neo4j', 'm'], ['TerminateTransactions@neo4j', 'columns(message)']]))).toThrow(/TerminateTransactions/);
    expect(() => planGuard(plan([['ShowTransactions@neo4j', '']]))).toThrow(/ShowTransactions/);
    expect(() => planGuard(plan([['ShowSettings@neo4j', '']]))).toThrow(/ShowSettings/);
    expect(() => planGuard(plan([['ProcedureCall@neo4j', 'db.stats.clear($autostring_0) :: (section :: STRING)']]))).toThrow(/db\.stats\.clear/);
    expect(() => planGuard(plan([['ProcedureCall@neo4j', 'db.labels() :: (label :: STRING)']], 's'))).toThrow(/type "s"/);
    expect(() => planGuard(plan([['ProcedureCall@neo4j', 'db.labels() :: (label :: STRING)'], ['NodeIndexSeek@neo4j', 'n:Host(key)']]))).not.toThrow();
  });
});
