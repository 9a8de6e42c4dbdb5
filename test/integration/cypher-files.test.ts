// Every .cypher file in the repository (schema, API queries, the engine's internal statements,
// investigations, test fixtures): the header parses, the declared @params are exactly the $params
// used, and Neo4j accepts every statement (EXPLAIN; schema commands are run instead — they are idempotent).
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { testDb } from '../support/db.ts';
import { parseCypherFile, usedParams } from '../../server/src/cypher/cypher-file.ts';
import { REPO_ROOT } from '../../server/src/config.ts';

function cypherFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...cypherFiles(p));
    else if (name.endsWith('.cypher')) out.push(p);
  }
  return out;
}

const files = [...cypherFiles(path.join(REPO_ROOT, 'cypher')), ...cypherFiles(path.join(REPO_ROOT, 'test/fixtures/investigations'))];
const db = testDb();
afterAll(() => db.close());

describe('cypher files', () => {
  it('exist in every folder', () => {
    const rel = files.map((f) => path.relative(REPO_ROOT, f));
    expect(rel.some((f) => f.startsWith('cypher/schema/'))).toBe(true);
    expect(rel.some((f) => f.startsWith('cypher/queries/'))).toBe(true);
    expect(rel.filter((f) => f.startsWith('cypher/queries/')).length).toBeGreaterThanOrEqual(14);
  });

  it.each(files.map((f) => [path.relative(REPO_ROOT, f), f]))('%s: header, parameters and EXPLAIN', async (_, file) => {
    const f = parseCypherFile(readFileSync(file, 'utf8'), file);
    expect(f.name).not.toBe('');
    expect(f.statements.length).toBeGreaterThan(0);
    const declared = f.params.map((p) => p.name).sort();
    const used = [...new Set(f.statements.flatMap((s) => [...usedParams(s)]))].sort();
    expect(used).toEqual(declared);
    const params = Object.fromEntries(f.params.map((p) => [p.name, p.default ?? null]));
    for (const s of f.statements) {
      const body = s.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n').trim();
      if (/^(CREATE|DROP)\s+(CONSTRAINT|INDEX|FULLTEXT|RANGE|TEXT|POINT|VECTOR|LOOKUP)\b/i.test(body)) {
        await db.schema(body, { caller: 'test:cypher-files' });
        continue;
      }
      // CALL { … } IN TRANSACTIONS plans only outside an explicit transaction, as it runs.
      const explain = /\bIN\s+TRANSACTIONS\b/i.test(body) ? db.autoCommit(`EXPLAIN ${body}`, params, { caller: 'test:cypher-files' }) : db.read(`EXPLAIN ${body}`, params, { caller: 'test:cypher-files' });
      await expect(explain).resolves.toBeDefined();
    }
  });
});
