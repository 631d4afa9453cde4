import { describe, expect, it } from '@jest/globals';
import { JSON_LIMITS, jsonShapeProblem, jsonTextShapeProblem } from './json-shape.js';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('the shape of a JSON body', () => {
  it('accepts the largest bodies of the contract: a receipt of 10,000 scans, nested lines', () => {
    expect(jsonShapeProblem({ scans: Array.from({ length: 10_000 }, (_, i) => `S${i}`) })).toBeUndefined();
    expect(
      jsonShapeProblem({ lines: [{ gtin: 'G', lot: 'L', quantity: 1 }], limits: { a: { b: 1 } } }),
    ).toBeUndefined();
  });

  it(`refuses nesting deeper than ${JSON_LIMITS.depth}, even 10,000 deep, without recursing`, () => {
    expect(jsonShapeProblem(nested(JSON_LIMITS.depth))).toBeUndefined();
    expect(jsonShapeProblem(nested(JSON_LIMITS.depth + 1))).toMatchObject({ rule: 'json_too_deep' });
    expect(jsonShapeProblem({ a: nested(10_000) })).toMatchObject({
      rule: 'json_too_deep',
      field: `a${'[0]'.repeat(15)}`,
    });
  });

  it('refuses an object of more than 100 keys and a body of more than 50,000 values', () => {
    const wide = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    expect(jsonShapeProblem({ results: wide })).toEqual({
      rule: 'json_too_large',
      field: 'results',
      message: 'results has 101 keys; at most 100',
    });
    const many = Array.from({ length: 600 }, () =>
      Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`k${i}`, i])),
    );
    expect(jsonShapeProblem({ lines: many })).toMatchObject({ rule: 'json_too_large', field: '' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the key %s, which validation would drop silently',
    (key) => {
      expect(jsonShapeProblem(JSON.parse(`{"lines":[{"${key}":{"admin":true}}]}`))).toEqual({
        rule: 'validation',
        field: `lines[0].${key}`,
        message: `property ${key} should not exist`,
      });
    },
  );

  it.each([
    ['a NUL', '"a\\u0000b"'],
    ['a lone high surrogate', '"\\ud800"'],
    ['a lone low surrogate', '"x\\udc00"'],
  ])('refuses a string holding %s, which PostgreSQL cannot store', (_name, json) => {
    expect(jsonShapeProblem(JSON.parse(`{"reason":${json}}`))).toMatchObject({
      rule: 'unstorable_text',
      field: 'reason',
    });
    expect(jsonShapeProblem(JSON.parse(`{${json}:1}`))).toMatchObject({ rule: 'unstorable_text' });
  });

  it('accepts paired surrogates (an emoji)', () => {
    expect(jsonShapeProblem({ reason: 'cassé 💊' })).toBeUndefined();
  });
});

describe('the shape of a JSON text, before it is parsed', () => {
  const text = (value: string) => jsonTextShapeProblem(Buffer.from(value));

  it('accepts the bodies of the contract and leaves what is not JSON to the parser', () => {
    expect(
      text(JSON.stringify({ scans: Array.from({ length: 10_000 }, (_, i) => `https://id.gs1.org/01/x/21/${i}`) })),
    ).toBeUndefined();
    expect(text('{"a":')).toBeUndefined();
    expect(text('not json')).toBeUndefined();
  });

  it('refuses nesting deeper than the limit and counts no bracket inside a string', () => {
    expect(text(`${'['.repeat(JSON_LIMITS.depth)}${']'.repeat(JSON_LIMITS.depth)}`)).toBeUndefined();
    expect(text(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toMatchObject({ rule: 'json_too_deep' });
    expect(text(JSON.stringify({ reason: '['.repeat(1000) + '{'.repeat(1000) }))).toBeUndefined();
  });

  it('refuses an object of more than 100 keys before JSON.parse spends time on it', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',');
    expect(text(`{"lines":[{${keys(100)}}]}`)).toBeUndefined();
    expect(text(`{"lines":[{${keys(101)}}]}`)).toMatchObject({ rule: 'json_too_large' });
    expect(text(`{${keys(120_000)}}`)).toMatchObject({ rule: 'json_too_large' });
    // Colons in strings, and escaped quotes, are not keys.
    expect(text(JSON.stringify({ a: ':'.repeat(500), b: '\\":":":' }))).toBeUndefined();
  });
});
