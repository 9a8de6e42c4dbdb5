// giveUpAfter stops waiting for work that does not settle in time; work that settles in time is
// passed through unchanged, value or error. Timers are Vitest's fake ones: no wait, no machine speed.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { giveUpAfter } from '../../../server/src/db/database.ts';
import { AppError, ErrorCode } from '../../../server/src/errors.ts';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

const never = () => new Promise<never>(() => undefined);
const after = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

it('passes through work that answers before the deadline', async () => {
  const p = giveUpAfter(after(900, 'answer'), 1000, 'test');
  await vi.advanceTimersByTimeAsync(900);
  await expect(p).resolves.toBe('answer');
  expect(vi.getTimerCount()).toBe(0); // its own timer is cleared
});

it('passes through the work\'s own error', async () => {
  const p = giveUpAfter(Promise.reject(new AppError(ErrorCode.QUERY_TIMEOUT, 'slow')), 1000, 'test');
  await expect(p).rejects.toMatchObject({ code: ErrorCode.QUERY_TIMEOUT, message: 'slow' });
});

it('gives up on work that never answers, as DB_UNAVAILABLE naming the caller', async () => {
  const p = giveUpAfter(never(), 1000, 'import:lock');
  const seen = expect(p).rejects.toMatchObject({ code: ErrorCode.DB_UNAVAILABLE, message: 'The graph database did not answer within 1000 ms (import:lock).' });
  await vi.advanceTimersByTimeAsync(1000);
  await seen;
});

it('gives up with the caller\'s own error when one is given', async () => {
  const p = giveUpAfter(never(), 50, 'graphql:x', () => new AppError(ErrorCode.QUERY_TIMEOUT, 'budget'));
  const seen = expect(p).rejects.toMatchObject({ code: ErrorCode.QUERY_TIMEOUT, message: 'budget' });
  await vi.advanceTimersByTimeAsync(50);
  await seen;
});

it('a failure of work given up on is not an unhandled rejection', async () => {
  let fail!: (e: Error) => void;
  const p = giveUpAfter(new Promise<never>((_, reject) => { fail = reject; }), 10, 'test');
  const seen = expect(p).rejects.toMatchObject({ code: ErrorCode.DB_UNAVAILABLE });
  await vi.advanceTimersByTimeAsync(10);
  await seen;
  fail(new Error('late'));
  await vi.advanceTimersByTimeAsync(0);
});
