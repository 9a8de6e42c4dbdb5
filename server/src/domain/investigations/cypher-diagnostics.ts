// Neo4j's own word on a statement, without running it: EXPLAIN either plans it (and says whether
// it reads or writes) or fails with a message that names the line and column. The console
// underlines that position; `investigations check` turns it into file:line.
import type { Database, Params } from '../../db/database.ts';
import { toAppError } from '../../errors.ts';

export interface CypherDiagnostic {
  message: string;
  /** 1-based, in the text that was checked (null when Neo4j gave no position). */
  line: number | null;
  column: number | null;
  /** 0-based character offset in the text that was checked. */
  offset: number | null;
}

export interface CypherCheck { ok: boolean; queryType: string | null; errors: CypherDiagnostic[] }

const POSITION = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;
const PREFIX = 'EXPLAIN ';

/** The diagnostic in an error thrown by db.explain on `text`; positions refer to `text`. */
export function diagnosticOf(e: unknown, text: string): CypherDiagnostic {
  const err = toAppError(e);
  const raw = err.cause instanceof Error ? err.cause.message : err.message;
  const m = POSITION.exec(raw);
  const first = raw.split('\n')[0].replace(POSITION, '').trim();
  if (!m) return { message: first || err.message, line: null, column: null, offset: null };
  // Positions count from the EXPLAIN we put in front; it only shifts the first line.
  let line = Number(m[1]);
  let column = Number(m[2]);
  let offset = Number(m[3]) - PREFIX.length;
  if (line === 1) column -= PREFIX.length;
  if (offset < 0) { offset = 0; line = 1; column = 1; }
  offset = Math.min(offset, text.length);
  return { message: first, line, column, offset };
}

export async function checkCypher(db: Database, text: string, params: Params, timeoutMs: number): Promise<CypherCheck> {
  if (!text.trim()) return { ok: true, queryType: null, errors: [] };
  try {
    const plan = await db.explain(text, params, { caller: 'cypher:check', timeoutMs });
    return { ok: true, queryType: plan.queryType, errors: [] };
  } catch (e) {
    const err = toAppError(e);
    if (err.code !== 'BAD_USER_INPUT') throw err;
    return { ok: false, queryType: null, errors: [diagnosticOf(e, text)] };
  }
}
