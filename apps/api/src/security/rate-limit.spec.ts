import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  const minute = (n: number) => n * 60_000;

  it('lets `limit` requests a minute through, then answers the milliseconds until the next minute', () => {
    const limiter = new RateLimiter();
    const at = minute(100) + 15_000;
    expect([1, 2, 3].map(() => limiter.take('a', 3, at))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 3, at)).toBe(45_000);
    expect(limiter.take('b', 3, at)).toBe(0);
    expect(limiter.take('a', 3, minute(101))).toBe(0);
  });

  it('forgets a whole minute at once, however many callers it saw (200,000 here)', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 200_000; i++) limiter.take(`caller-${i}`, 1, minute(5));
    expect(limiter.take('caller-7', 1, minute(5) + 1)).toBe(59_999);
    expect(limiter.take('caller-7', 1, minute(6))).toBe(0);
    expect(limiter.take('caller-8', 1, minute(6))).toBe(0);
  });
});
