import { describe, expect, it } from '@jest/globals';
import { frDate, frDateTime, frNumber, parisInstant, parseDecimal } from '../web/src/format.js';

describe('the web interface reads and writes numbers and dates as in France', () => {
  it('accepts a decimal comma as well as a point, and nothing that is not a number', () => {
    expect(parseDecimal('27,5')).toBe(27.5);
    expect(parseDecimal(' 27.5 ')).toBe(27.5);
    expect(parseDecimal('100 000')).toBe(100000);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('12,5,1')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('shows numbers with a decimal comma', () => {
    expect(frNumber(0.05)).toBe('0,05');
    expect(frNumber(null)).toBe('—');
  });

  it('shows instants in Paris time, winter and summer, and calendar dates as they are', () => {
    expect(frDateTime('2026-11-25T09:00:00Z')).toBe('25/11/2026 10:00:00');
    expect(frDateTime('2026-07-01T22:30:00Z')).toBe('02/07/2026 00:30:00');
    expect(frDate('2031-12-31')).toBe('31/12/2031');
  });

  it('reads a time typed in Paris as the right instant, across the change of hour', () => {
    expect(parisInstant('2026-11-25T10:00')).toBe('2026-11-25T09:00:00.000Z');
    expect(parisInstant('2026-07-02T00:30')).toBe('2026-07-01T22:30:00.000Z');
  });
});
