// Driver and server errors → AppError codes. Callers never branch on Neo4j status strings.
import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';

const SERVICE_DOWN = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * One transaction outgrew the server's per-transaction memory limit (db.memory.transaction.max).
 * The driver counts this as transient and would run the same work again for its whole retry
 * time; the same statement fails the same way, so it is surfaced at once instead.
 */
export function isTxMemoryLimit(e: unknown): boolean {
  return e instanceof Neo4jError && /MemoryPoolOutOfMemoryError/.test(e.code ?? '') && /db\.memory\.transaction\.max/.test(e.message);
}

export function mapDbError(e: unknown, caller?: string): AppError {
  if (e instanceof AppError) return e;
  const where = caller ? ` (${caller})` : '';
  if (e instanceof Neo4jError) {
    const code = e.code ?? '';
    // No pooled connection came free and no new one answered in time: a database that stopped
    // answering says so this way, and so does a pool that stays full for that long.
    if (/Connection acquisition timed out/i.test(e.message)) {
      return new AppError(ErrorCode.DB_UNAVAILABLE, `No connection to the graph database came free or could be opened in time${where}: it does not answer, or every connection is busy. ${e.message}`, { cause: e });
    }
    // The last two: a connection that went silent past the server's keep-alive, a handshake
    // never answered. A database that stops answering says so with these, not with a refusal.
    if (SERVICE_DOWN.has(code) || /ECONNREFUSED|Could not perform discovery|Connection was closed|Server didn't respond in|Failed to establish connection in/i.test(e.message)) {
      return new AppError(ErrorCode.DB_UNAVAILABLE, `The graph database is not reachable${where}: ${e.message}`, { cause: e });
    }
    if (code === 'Neo.ClientError.Security.Unauthorized') {
      return new AppError(ErrorCode.DB_UNAVAILABLE, 'The graph database refused the credentials: check NEO4J_USER / NEO4J_PASSWORD (or the generated password file under .data/).', { cause: e });
    }
    if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code === 'Neo.TransientError.Transaction.LockClientStopped' && /timed? ?out/i.test(e.message)) {
      return new AppError(ErrorCode.QUERY_TIMEOUT, `The query ran past its time limit${where}.`, { cause: e });
    }
    if (code === 'Neo.ClientError.Statement.AccessMode' || code.startsWith('Neo.ClientError.Security.Forbidden') || code === 'Neo.ClientError.Procedure.ProcedureNotFound' && /dbms|db\.create/.test(e.message)) {
      return new AppError(ErrorCode.QUERY_REFUSED, `The query was refused: it would write or administer the database, and only reads are allowed here${where}.`, { cause: e });
    }
    if (/MemoryPoolOutOfMemoryError|OutOfMemoryError|MemoryLimitExceeded/i.test(code) || /OutOfMemoryError|memory (pool|limit)/i.test(e.message)) {
      return new AppError(ErrorCode.LIMIT_EXCEEDED, `The query needed more memory than the database allows for one transaction${where}: return less or page with SKIP/LIMIT.`, { cause: e });
    }
    if (code.startsWith('Neo.ClientError.Schema.ConstraintValidationFailed')) {
      return new AppError(ErrorCode.CONFLICT, `A uniqueness rule of the graph was violated${where}: ${e.message}`, { cause: e });
    }
    if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.')) {
      return new AppError(ErrorCode.BAD_USER_INPUT, `The query is not valid${where}: ${e.message.split('\n')[0]}`, { cause: e });
    }
    if (code.startsWith('Neo.ClientError.Request.')) {
      return new AppError(ErrorCode.BAD_USER_INPUT, `The request is not valid${where}: ${e.message.split('\n')[0]}`, { cause: e });
    }
    return new AppError(ErrorCode.INTERNAL, `Database error ${code}${where}: ${e.message}`, { cause: e });
  }
  if (e instanceof Error && /ECONNREFUSED|ECONNRESET|socket hang up/.test(e.message)) {
    return new AppError(ErrorCode.DB_UNAVAILABLE, `The graph database is not reachable${where}: ${e.message}`, { cause: e });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new AppError(ErrorCode.INTERNAL, msg, { cause: e });
}
