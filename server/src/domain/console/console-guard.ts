// What the read-only console may run. Two independent checks, both against Neo4j's own reading
// of the query rather than a pattern over its text:
//   1. the lexed query (cypher-lexer.ts) may not use an administrative or writing clause keyword
//      and may only CALL allow-listed procedures;
//   2. Neo4j's EXPLAIN plan must be of query type 'r', every operator must be a read operator (no
//      Show…/Terminate…/LoadCSV/write/transaction operators) and every ProcedureCall operator must
//      name an allow-listed procedure.
// The query then runs in a READ transaction, which Neo4j itself refuses to write in.
import { AppError, ErrorCode } from '../../errors.ts';
import type { ExplainResult } from '../../db/database.ts';
import { tokenize, keywords, calledProcedures } from './cypher-lexer.ts';

/** Read procedures about the schema only: no statistics collection, no transactions, no settings. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels', 'db.relationshipTypes', 'db.propertyKeys',
  'db.schema.visualization', 'db.schema.nodeTypeProperties', 'db.schema.relTypeProperties',
].map((p) => p.toLowerCase()));

const FORBIDDEN_KEYWORDS: Record<string, string> = {
  CREATE: 'writes', MERGE: 'writes', DELETE: 'writes', DETACH: 'writes', SET: 'writes', REMOVE: 'writes',
  FOREACH: 'writes', DROP: 'changes the schema', ALTER: 'administers the server', RENAME: 'administers the server',
  GRANT: 'administers the server', DENY: 'administers the server', REVOKE: 'administers the server',
  ENABLE: 'administers the server', DEALLOCATE: 'administers the server', REALLOCATE: 'administers the server',
  TERMINATE: 'stops other users\' transactions', SHOW: 'lists server state (transactions, settings, users)',
  USE: 'switches database', LOAD: 'loads files (LOAD CSV)', START: 'administers the server', STOP: 'administers the server',
};

/**
 * Operators a read-only plan may not hold. Show* and Terminate* are the command operators
 * (SHOW TRANSACTIONS/SETTINGS/…, TERMINATE TRANSACTIONS), which Neo4j plans as reads.
 */
const FORBIDDEN_OPERATOR = /^(Show|Terminate|LoadCSV|Create|Merge|LockingMerge|Delete|DetachDelete|Set|Remove|Foreach|Transaction|.*Command|.*Constraint|.*Index(Create|Drop)|CreateIndex|DropIndex|SystemProcedureCall)/i;

function refuse(why: string): never {
  throw new AppError(ErrorCode.QUERY_REFUSED, `The console is read-only: ${why}.`);
}

export function textGuard(query: string): void {
  const tokens = tokenize(query);
  for (const k of keywords(tokens)) {
    const why = FORBIDDEN_KEYWORDS[k.word];
    if (why) refuse(`the query ${why} (${k.word} at offset ${k.offset})`);
    if (k.word === 'TRANSACTIONS') refuse('the query runs its own transactions (IN TRANSACTIONS)');
  }
  for (const p of calledProcedures(tokens)) {
    if (!ALLOWED_PROCEDURES.has(p.toLowerCase())) refuse(`procedure ${p} is not allowed (allowed: ${[...ALLOWED_PROCEDURES].join(', ')})`);
  }
}

/** The procedure an operator's details name, e.g. "db.labels() :: (label :: STRING)" → "db.labels". */
function procedureOf(details: string): string {
  return /^\s*`?([\p{L}\p{N}_.$`]+?)`?\s*\(/u.exec(details)?.[1]?.replace(/`/g, '') ?? details;
}

export function planGuard(plan: ExplainResult): void {
  if (plan.queryType !== 'r') refuse(`Neo4j plans this query as type "${plan.queryType}", not a read`);
  for (const op of plan.operators) {
    const name = op.operator.replace(/@.*$/, '');
    if (FORBIDDEN_OPERATOR.test(name)) refuse(`the plan has a ${name} operator`);
    if (/ProcedureCall/i.test(name)) {
      const proc = procedureOf(op.details);
      if (!ALLOWED_PROCEDURES.has(proc.toLowerCase())) refuse(`the plan calls procedure ${proc}, which is not allowed`);
    }
  }
}
