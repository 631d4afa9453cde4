/**
 * Limits on the shape of a parsed JSON body, checked before validation: class-transformer, class-validator and the
 * canonical JSON of idempotency records recurse, and PostgreSQL refuses NUL and lone surrogates. The bodies of
 * the contract stay far below them (a receipt of 10,000 scans: depth 2, 10,001 values).
 */
export const JSON_LIMITS = {
  /** Objects and arrays inside one another. */
  depth: 16,
  /** Keys of one object. */
  keysPerObject: 100,
  /** Keys and array elements of the whole body. */
  values: 50_000,
};

/** Keys that reach an object's prototype; class-transformer drops them silently, so they are refused instead. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** NUL, or a UTF-16 surrogate without its pair: text PostgreSQL cannot store. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface ShapeProblem {
  rule: 'json_too_deep' | 'json_too_large' | 'validation' | 'unstorable_text';
  field: string;
  message: string;
}

/** The first way the body breaks the limits, or undefined. Iterative: a deep body cannot overflow the stack. */
export function jsonShapeProblem(body: unknown): ShapeProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return unstorable(path || '(body)');
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= JSON_LIMITS.depth) {
      return {
        rule: 'json_too_deep',
        field: path,
        message: `${path || 'the body'} nests objects or arrays more than ${JSON_LIMITS.depth} deep`,
      };
    }
    if (Array.isArray(value)) {
      values += value.length;
      if (values > JSON_LIMITS.values) return tooLarge();
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > JSON_LIMITS.keysPerObject) {
      return {
        rule: 'json_too_large',
        field: path,
        message: `${path || 'the body'} has ${keys.length} keys; at most ${JSON_LIMITS.keysPerObject}`,
      };
    }
    values += keys.length;
    if (values > JSON_LIMITS.values) return tooLarge();
    for (const key of keys) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { rule: 'validation', field, message: `property ${key} should not exist` };
      if (UNSTORABLE.test(key)) return unstorable(field);
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

function unstorable(field: string): ShapeProblem {
  return { rule: 'unstorable_text', field, message: `${field} holds a NUL character or an unpaired UTF-16 surrogate` };
}

function tooLarge(): ShapeProblem {
  return {
    rule: 'json_too_large',
    field: '',
    message: `the body holds more than ${JSON_LIMITS.values} keys and array elements`,
  };
}

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * The depth and keys-per-object limits checked on the raw UTF-8 text as it arrives, chunk by chunk, before
 * `JSON.parse`: parsing an object of 120,000 keys alone takes a quarter of a second, which a caller must not be able
 * to make the api spend, and a body refused after its first kilobytes need not be read to its end. Strings are
 * skipped; whatever is not JSON is left to the parser to refuse.
 */
export class JsonTextScanner {
  /** Per open container: its key count, or -1 for an array. */
  private readonly open: number[] = [];
  private inString = false;
  private escaped = false;

  /** The first limit this chunk breaks, or undefined. */
  feed(chunk: Buffer): ShapeProblem | undefined {
    const open = this.open;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        open.push(byte === OPEN_OBJECT ? 0 : -1);
        if (open.length > JSON_LIMITS.depth) {
          return {
            rule: 'json_too_deep',
            field: '',
            message: `the body nests objects or arrays more than ${JSON_LIMITS.depth} deep`,
          };
        }
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        open.pop();
      } else if (byte === COLON && open.length > 0 && open[open.length - 1] >= 0) {
        if ((open[open.length - 1] += 1) > JSON_LIMITS.keysPerObject) {
          return {
            rule: 'json_too_large',
            field: '',
            message: `an object of the body has more than ${JSON_LIMITS.keysPerObject} keys`,
          };
        }
      }
    }
    return undefined;
  }
}

/** The scanner's verdict on a whole text. */
export function jsonTextShapeProblem(text: Buffer): ShapeProblem | undefined {
  return new JsonTextScanner().feed(text);
}
