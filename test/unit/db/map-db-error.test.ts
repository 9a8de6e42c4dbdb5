// Issue 16, finding 3: a Neo4j memory error is the query's size, said so, not INTERNAL.
import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { mapDbError } from '../../../server/src/db/errors.ts';

describe('mapDbError', () => {
  it.each([
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'The allocation of an extra 2.0 MiB would use more than the limit 512.0 MiB.'],
    ['Neo.TransientError.General.OutOfMemoryError', 'There is not enough memory to perform the current task.'],
    ['Neo.DatabaseError.General.UnknownError', 'java.lang.OutOfMemoryError: Cannot reserve 1048576 bytes of direct buffer memory'],
  ])('maps %s to LIMIT_EXCEEDED', (code, message) => {
    const e = mapDbError(new Neo4jError(message, code, 'gql', 'desc'), 'graphql:cypher');
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toMatch(/memory/);
  });
});
