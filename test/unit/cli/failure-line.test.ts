import { describe, expect, it } from 'vitest';
import { failureLine } from '../../../server/src/cli/failure-line.ts';

describe('failureLine', () => {
  it('names the file once, by the path given, where the message named it by its base name', () => {
    expect(failureLine('/logs/a.log', 'a.log: Another import took the import lock')).toBe('/logs/a.log: Another import took the import lock');
  });
  it('leaves a message that starts with the path as it is, and prefixes one that does not name the file', () => {
    expect(failureLine('/logs/a.log', '/logs/a.log: no such file.')).toBe('/logs/a.log: no such file.');
    expect(failureLine('/logs/a.log', 'The graph database is not reachable')).toBe('/logs/a.log: The graph database is not reachable');
  });
  it('does not take another file of the same name ending for this one', () => {
    expect(failureLine('/logs/a.log', 'data.log: bad line')).toBe('/logs/a.log: data.log: bad line');
  });
});
