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

  it.each([
    ['Connection acquisition timed out in 20000 ms. Pool status: Active conn count = 0, Idle conn count = 0.', /No connection to the graph database came free or could be opened in time \(import:edges\)/],
    ["Connection lost. Server didn't respond in 30000ms", /not reachable \(import:edges\)/],
    ['Failed to establish connection in 30000ms', /not reachable \(import:edges\)/],
  ])('a database that stops answering: %s is DB_UNAVAILABLE', (message, said) => {
    // The driver gives these no code, or ServiceUnavailable; the message is what tells them apart.
    const e = mapDbError(new Neo4jError(message, 'N/A', 'gql', 'desc'), 'import:edges');
    expect(e.code).toBe('DB_UNAVAILABLE');
    expect(e.message).toMatch(said);
  });
});
